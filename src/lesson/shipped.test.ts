/**
 * Every shipped lesson plans without error, is named by its id, and its computed answers are
 * pinned in __golden__/answers.json: a change of the engine that changes what a lesson teaches
 * shows up in review as a diff of that file (update it with `npx vitest run -u` once the change
 * is meant, and read the lesson's texts again).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/lab';
import { PRESETS } from '../sim/scenarios/presets';
import { planLesson } from './plan';
import { parseLesson } from './schema';
import { SHIPPED_LESSONS } from './shipped';

describe('shipped lessons', () => {
  it('at least one ships', () => {
    expect(SHIPPED_LESSONS.length).toBeGreaterThan(0);
  });

  it('each plans without error, is named by its id, and its answers are the golden ones', async () => {
    const golden: Record<string, Record<string, { stop: number; answer: string; revealTo: number }>> = {};
    for (const shipped of SHIPPED_LESSONS) {
      const lesson = parseLesson(await shipped.load());
      expect(lesson, `${shipped.id}.json`).toMatchObject({ ok: true });
      if (!lesson.ok) continue;
      expect(lesson.value.id, `${shipped.id}.json: the file name is the lesson's id`).toBe(shipped.id);
      const plan = planLesson(lesson.value, PRESETS, (s) => runScenario(s, { checkpointEvery: 0 }));
      expect(plan, `${shipped.id}.json`).toMatchObject({ ok: true });
      if (!plan.ok) continue;
      golden[shipped.id] = Object.fromEntries(plan.value.chapters.flatMap((c) =>
        c.questions.map((q) => [`${c.id}/${q.id}`, { stop: q.stop, answer: q.answer, revealTo: q.revealTo }])));
    }
    await expect(JSON.stringify(golden, null, 2) + '\n').toMatchFileSnapshot('./__golden__/answers.json');
  }, 60_000);
});
