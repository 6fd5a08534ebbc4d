/**
 * A teacher runs a lesson on a projector: the question large, nothing of the answer on screen
 * until Reveal, the room answers aloud (no choice needed), the keyboard moves on.
 */
import { test, expect } from '@playwright/test';
import { LessonPage, shippedAnswers } from './support/lesson';

test('presentation mode: the answer stays hidden until the teacher reveals it', async ({ page }) => {
  const lesson = new LessonPage(page);
  const q = shippedAnswers().get('qos2-lost/pubrec-lost-next')!;
  await page.goto('./#lesson=qos-basics&q=qos2-lost/pubrec-lost-next');
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await lesson.atQuestion(q.stop);
  const size = await page.locator('.question-ask').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(26);
  await expect(lesson.feedback).toHaveCount(0);
  await expect(page.locator('.choice.answer')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Outcome' }).locator('[data-verdict]')).toHaveAttribute('data-verdict', 'hidden');

  await page.locator('body').focus();
  await page.keyboard.press('Enter');
  await expect(lesson.feedback).toContainText('Revealed without an answer.');
  await expect(page.locator('.choice.answer')).toHaveCount(1);
  await expect(page.locator('.choice.answer input')).toHaveValue(q.answer);
  await page.keyboard.press('n');
  expect(await lesson.current()).toBe('qos2-lost/broker-reacks');
  await expect(lesson.feedback).toHaveCount(0);
});
