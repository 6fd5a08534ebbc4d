/**
 * A lesson author opens a lesson file of their own: a bad one gets one sentence naming the place
 * and the open lesson stays; a good one opens, its hostile text shown as text; a single question
 * embeds in a tutorial's iframe.
 */
import { test, expect } from '@playwright/test';
import { LessonPage, shippedAnswers } from './support/lesson';

const openFile = async (page: import('@playwright/test').Page, file: string) => {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open lesson' }).click();
  await (await chooser).setFiles(file);
};

test('a bad lesson file is refused with the place named; the lesson open stays', async ({ page }) => {
  const lesson = new LessonPage(page);
  await page.goto('./#lesson=qos-basics&q=per-hop/broker-answers');
  await expect(lesson.choices).toBeVisible({ timeout: 15_000 });
  await openFile(page, 'e2e/fixtures/bad-lesson.json');
  await expect(page.getByRole('alert')).toHaveText(/chapters\[0\] "only", questions\[0\] "q": ask\.zh is missing/);
  expect(await lesson.current()).toBe('per-hop/broker-answers');
});

test('an authored lesson opens, its hostile text shown as text, and its link carries it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lesson = new LessonPage(page);
  await page.goto('./#lesson=qos-basics');
  await expect(lesson.choices).toBeVisible({ timeout: 15_000 });
  await openFile(page, 'e2e/fixtures/hostile-lesson.json');
  await expect(page.locator('.chapter-head h2')).toHaveText('Authored chapter');
  await expect(page.locator('.chapter-text code')).toHaveText('<b>as text</b>');
  await expect(page.locator('.question-ask code')).toHaveText('<i>');
  await lesson.atQuestion(13);
  await lesson.choose('PUBLISH@publisher>broker');
  await lesson.button('Reveal').click();
  await expect(lesson.feedback).toContainText('Right.');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('.lesson b, .lesson img:not(svg img), .lesson script')).toHaveCount(0);

  // The page's link now carries the lesson itself: a fresh tab opens the same question.
  await expect(page).toHaveURL(/#lesson-file=.+&q=first%2Fnext$/);
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.locator('.chapter-head h2')).toHaveText('Authored chapter', { timeout: 15_000 });
  expect(errors).toEqual([]);
});

test('one question embeds in an iframe: the question, the controls and the diagram', async ({ page }) => {
  const q = shippedAnswers().get('downgrade/pub2-sub0')!;
  await page.setViewportSize({ width: 640, height: 480 });
  await page.goto('./?embed=1#lesson=qos-basics&q=downgrade/pub2-sub0');
  const lesson = new LessonPage(page);
  await expect(lesson.choices).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('region', { name: 'Sequence diagram' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Drop next packet' })).toHaveCount(0);
  await page.waitForFunction(() => !document.querySelector('[data-busy="true"]'));
  await lesson.choose(q.answer);
  await lesson.button('Reveal').click();
  await expect(lesson.feedback).toContainText('Right.');
});
