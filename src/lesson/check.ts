/**
 * `lesson check`'s report of one lesson file: each question's stop, computed answer and reveal,
 * one line each, then a count; or the one sentence that says what is wrong. The CLI
 * (src/cli/lesson.ts) only reads files and prints this.
 *
 * Rules this file keeps: pure (the caller passes the presets and the runner); the line format is
 * FORMAT.md's `chapter-id/question-id  stop <cursor> (step <n>)  answer <value>  reveal to <cursor>`.
 */
import type { Parsed } from '../sim/scenario';
import { planLesson, type LessonPlan, type RunScenario } from './plan';
import { parseLessonJson, type Lesson } from './schema';

export interface CheckReport {
  lesson: Lesson;
  plan: LessonPlan;
  /** one line per question, then `ok: N chapters, M questions` */
  lines: string[];
}

/** Parse, plan and report a lesson file's text. */
export function checkLesson(text: string, presets: readonly { id: string; scenario: unknown }[], run: RunScenario): Parsed<CheckReport> {
  const parsed = parseLessonJson(text);
  if (!parsed.ok) return parsed;
  const plan = planLesson(parsed.value, presets, run);
  if (!plan.ok) return plan;
  const lines = plan.value.chapters.flatMap((c) => c.questions.map((q) =>
    `${c.id}/${q.id}  stop ${q.stop} (step ${q.stopStep})  answer ${q.answer}  reveal to ${q.revealTo}`));
  const questions = plan.value.chapters.reduce((n, c) => n + c.questions.length, 0);
  const chapters = plan.value.chapters.length;
  lines.push(`ok: ${chapters} ${chapters === 1 ? 'chapter' : 'chapters'}, ${questions} ${questions === 1 ? 'question' : 'questions'}`);
  return { ok: true, value: { lesson: parsed.value, plan: plan.value, lines } };
}
