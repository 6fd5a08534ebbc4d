/**
 * The shipped lesson's computed answers, as `npm run -s lesson -- check` prints them (the same
 * plan the page's worker computes), and a small DSL for a learner in the Lesson view.
 */
import { execFileSync } from 'node:child_process';
import { expect, type Locator, type Page } from '@playwright/test';

export interface PlannedAnswer { stop: number; answer: string; revealTo: number }

/** `chapter/question` -> its stop, answer and reveal, from the lesson CLI. */
export function shippedAnswers(file = 'src/lesson/lessons/qos-basics.json'): Map<string, PlannedAnswer> {
  const out = execFileSync(process.execPath, ['bin/mqtt-qos-lab.mjs', 'lesson', 'check', file], { encoding: 'utf8' });
  const answers = new Map<string, PlannedAnswer>();
  for (const line of out.split('\n')) {
    const m = /^(\S+)\s+stop (-?\d+) \(step \d+\)\s+answer (.+?)\s+reveal to (-?\d+)$/.exec(line);
    if (m) answers.set(m[1], { stop: Number(m[2]), answer: m[3], revealTo: Number(m[4]) });
  }
  return answers;
}

export class LessonPage {
  constructor(readonly page: Page) {}

  get question(): Locator { return this.page.locator('section.question'); }
  get choices(): Locator { return this.page.getByRole('group', { name: 'Your answer' }); }
  get feedback(): Locator { return this.page.locator('.feedback'); }
  get stepCounter(): Locator { return this.page.locator('.playback .progress'); }
  get chapters(): Locator { return this.page.locator('nav.chapters'); }
  button(name: string): Locator { return this.page.getByRole('button', { name: new RegExp(`^${name}( |$)`) }); }

  /** The question shown, as `chapter/question`. */
  async current(): Promise<string> {
    return (await this.question.getAttribute('data-question')) ?? '';
  }

  /** Wait until the lab stands at the question's stop (pressing End skips the lead-up). */
  async atQuestion(stop: number): Promise<void> {
    await expect(this.choices).toBeVisible({ timeout: 15_000 });
    await this.page.waitForFunction(() => !document.querySelector('[data-busy="true"]'));
    if (stop >= 0) await this.button('End').click();
    await expect(this.stepCounter).toHaveAttribute('data-cursor', String(stop));
  }

  async choose(value: string): Promise<void> {
    await this.choices.locator(`input[value="${value}"]`).check();
  }
}
