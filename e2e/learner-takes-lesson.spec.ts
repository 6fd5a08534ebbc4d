/**
 * A learner takes the lesson: predicts, is told plainly whether it was right and why, watches the
 * run go on, finishes a chapter, comes back later to find the progress kept; in Chinese too, and
 * from the keyboard alone.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { LessonPage, shippedAnswers } from './support/lesson';

const answers = shippedAnswers();
const plan = (key: string) => {
  const a = answers.get(key);
  if (!a) throw new Error(`the shipped lesson has no question ${key}`);
  return a;
};

async function seriousViolations(page: Page, disabledRules: string[] = []): Promise<string[]> {
  const result = await new AxeBuilder({ page }).disableRules(disabledRules).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('a wrong answer, a right one, a finished chapter, and the progress kept after a reload', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lesson = new LessonPage(page);
  await page.goto('./');
  await page.getByRole('button', { name: 'Lesson' }).click();

  // Question 1: the lab stops before the step in question; the verdict is not given away.
  expect(await lesson.current()).toBe('three-levels/qos0-next');
  const q1 = plan('three-levels/qos0-next');
  await lesson.atQuestion(q1.stop);
  await expect(page.getByRole('region', { name: 'Outcome' }).locator('[data-verdict]')).toHaveAttribute('data-verdict', 'hidden');
  await expect(lesson.feedback).toHaveCount(0);
  const wrong = await lesson.choices.locator('input[type=radio]').evaluateAll((els, answer) =>
    els.map((el) => (el as HTMLInputElement).value).find((v) => v !== answer)!, q1.answer);
  await lesson.choose(wrong);
  await lesson.button('Reveal').click();
  await expect(lesson.feedback).toContainText('Not quite.');
  await expect(lesson.feedback).toContainText(/The answer: PUBLISH: broker → subscriber/i);
  await expect(lesson.feedback).toContainText('Why');
  // The diagram advances to the answer, with the narration of that step.
  await expect(lesson.stepCounter).toHaveAttribute('data-cursor', String(q1.revealTo));
  await expect(page.locator('.narration')).toContainText('PUBLISH');

  // Question 2, answered rightly.
  await lesson.button('Next question').click();
  const q2 = plan('three-levels/qos1-ack');
  await lesson.atQuestion(q2.stop);
  await lesson.choose(q2.answer);
  await lesson.button('Reveal').click();
  await expect(lesson.feedback).toContainText('Right.');

  // Question 3 ends the chapter.
  await lesson.button('Next question').click();
  const q3 = plan('three-levels/qos2-pubrel');
  await lesson.atQuestion(q3.stop);
  await lesson.choose(q3.answer);
  await lesson.button('Reveal').click();
  await expect(lesson.feedback).toContainText('Chapter finished: 2 of 3 right.');
  await expect(lesson.chapters.locator('li').first()).toContainText('✓');

  // A reload keeps the answers and the place.
  await page.reload();
  await expect(lesson.choices).toBeVisible({ timeout: 15_000 });
  expect(await lesson.current()).toBe('three-levels/qos2-pubrel');
  await expect(lesson.chapters.locator('li').first()).toContainText('✓');
  await expect(lesson.chapters.locator('li').nth(1)).toContainText('0/3');
  expect(errors).toEqual([]);
});

test('in Chinese, from the keyboard alone: pick with a number, Enter reveals, N goes on', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('./#lesson=qos-basics&q=downgrade/pub2-sub0');
  await page.getByLabel('Language', { exact: true }).selectOption('zh');
  const q = plan('downgrade/pub2-sub0');
  await expect(lesson.choices).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.chapter-head h2')).toContainText('降级');
  await page.locator('body').focus();
  await page.keyboard.press('e');
  await expect(lesson.stepCounter).toHaveAttribute('data-cursor', String(q.stop));
  // The choices are QoS 0, 1 and 2, in that order: the key is the answer plus one.
  await page.keyboard.press(String(Number(q.answer) + 1));
  await page.keyboard.press('Enter');
  await expect(lesson.feedback).toContainText('答对了。');
  await expect(page.getByRole('button', { name: 'Next question' })).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await lesson.current()).toBe('downgrade/pub0-sub2');
  // A radio focused with Tab: arrows pick, Enter reveals.
  await lesson.choices.locator('input[type=radio]').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(lesson.feedback).toBeVisible();
  await page.keyboard.press('n');
  expect(await lesson.current()).toBe('downgrade/pub2-sub1');
});

for (const lang of ['en', 'zh'] as const) {
  test(`the Lesson view has no serious accessibility violations, asking and revealed (${lang})`, async ({ page }) => {
    const lesson = new LessonPage(page);
    await page.goto('./#lesson=qos-basics&q=lost-puback/dup-count-in');
    if (lang === 'zh') await page.getByLabel('Language', { exact: true }).selectOption('zh');
    await lesson.atQuestion(plan('lost-puback/dup-count-in').stop);
    const disabled = lang === 'zh' ? ['label-content-name-mismatch'] : [];
    expect(await seriousViolations(page, disabled)).toEqual([]);
    await lesson.button('Reveal').click();
    await expect(lesson.feedback).toBeVisible();
    expect(await seriousViolations(page, disabled)).toEqual([]);
  });
}
