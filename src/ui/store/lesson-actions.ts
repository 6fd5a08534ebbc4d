/**
 * The Lesson view's changes to the store: open a lesson, go to a question, answer, reveal, move on.
 *
 * Rules this file keeps:
 * - The answer is the plan's (computed by src/lesson from the engine's trace in the worker); the
 *   page only compares the learner's choice with it.
 * - Until a question is revealed, the playback may not pass its stop (`playback.limit`): Step,
 *   Play and End stop there. Reveal plays from the stop to the plan's `revealTo` (`playback.until`).
 * - A question whose scenario is already running moves the cursor; another scenario is run first.
 */
import { useLab, type LabState, type LessonAnswer, type LessonSlice } from './lab-store';
import { requestRun } from './actions';
import { nextStop } from '../../diagram/steps';
import type { Lesson, LessonPlan, PlannedQuestion } from '../lesson/lesson-types';

/** Steps a reveal plays one by one; a longer one jumps to its end. */
export const MAX_PLAYED_REVEAL = 12;

const set = useLab.setState;
const get = useLab.getState;

/** The key of a question in the answers: `chapterId/questionId`. */
export function questionKey(lesson: Lesson, chapter: number, question: number): string {
  return `${lesson.chapters[chapter]?.id}/${lesson.chapters[chapter]?.questions[question]?.id}`;
}

/** The planned question at a position, or null. */
export function plannedAt(slice: Pick<LessonSlice, 'doc'>, chapter: number, question: number): PlannedQuestion | null {
  return slice.doc?.plan.chapters[chapter]?.questions[question] ?? null;
}

/** The position after (chapter, question): the next question of the chapter, else the next chapter's first; null at the end. */
export function positionAfter(lesson: Lesson, chapter: number, question: number): { chapter: number; question: number } | null {
  if (question + 1 < (lesson.chapters[chapter]?.questions.length ?? 0)) return { chapter, question: question + 1 };
  if (chapter + 1 < lesson.chapters.length) return { chapter: chapter + 1, question: 0 };
  return null;
}

const sameScenario = (a: unknown, b: unknown) => a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);

/** The lesson's plan arrived: open it where the learner left it (or at `at`), with the answers kept. */
export function lessonOpened(
  doc: NonNullable<LessonSlice['doc']>,
  kept: { answers?: Record<string, LessonAnswer>; chapter?: number; question?: number },
  at?: { chapter: number; question: number },
): void {
  const chapters = doc.lesson.chapters;
  let chapter = at?.chapter ?? kept.chapter ?? 0;
  if (!(chapter >= 0 && chapter < chapters.length)) chapter = 0;
  let question = at?.question ?? (at ? 0 : kept.question ?? 0);
  if (!(question >= 0 && question < chapters[chapter].questions.length)) question = 0;
  set((s) => ({ lesson: { ...s.lesson, doc, loading: false, answers: kept.answers ?? {}, chapter, question } }));
  goToQuestion(chapter, question);
}

export function lessonLoading(loading: boolean): void {
  set((s) => ({ lesson: { ...s.lesson, loading } }));
}

/**
 * Stop the lab before question (chapter, question): the same run plays on to the stop, or
 * goes back to it; another scenario runs first and then plays to the stop.
 */
export function goToQuestion(chapter: number, question: number): void {
  const s = get();
  const planned = plannedAt(s.lesson, chapter, question);
  if (!planned) return;
  set({ lesson: { ...s.lesson, chapter, question, phase: 'ask', choice: null } });
  const { stop } = planned;
  if (sameScenario(s.scenario, planned.scenario) && !s.run.busy) {
    const forward = s.playback.cursor < stop;
    set({ playback: { ...s.playback, limit: stop, until: forward ? stop : null, playing: forward, cursor: forward ? s.playback.cursor : stop }, selection: { ...s.selection, eventIndex: null } });
    return;
  }
  set({ scenario: planned.scenario, playback: { ...s.playback, limit: stop, until: stop, cursor: -1 } });
  requestRun(planned.scenario, { cursor: -1, autoplay: stop >= 0 });
}

export function chooseAnswer(choice: string): void {
  set((s) => (s.lesson.phase === 'ask' ? { lesson: { ...s.lesson, choice } } : {}));
}

/**
 * Reveal: judge the choice against the computed answer, keep it, and play to the answer. After
 * the reveal the learner may step on freely, up to the next question's stop in the same run.
 */
export function revealAnswer(): void {
  const s = get();
  const { doc, chapter, question, choice } = s.lesson;
  const planned = plannedAt(s.lesson, chapter, question);
  if (!doc || !planned || s.lesson.phase === 'revealed') return;
  const key = questionKey(doc.lesson, chapter, question);
  const answer: LessonAnswer = { choice, right: choice === null ? null : choice === planned.answer };
  const next = positionAfter(doc.lesson, chapter, question);
  const nextPlanned = next && next.chapter === chapter ? plannedAt(s.lesson, next.chapter, next.question) : null;
  const limit = nextPlanned && sameScenario(nextPlanned.scenario, planned.scenario) ? Math.max(nextPlanned.stop, planned.revealTo) : null;
  const from = Math.min(s.playback.cursor, planned.stop);
  // The first revealed step comes at once (not a playback tick later); playing carries on to
  // revealTo. A long reveal (a whole lossy run) is shown at once: Back walks through it.
  const long = s.run.steps.filter((e) => e > from && e <= planned.revealTo).length > MAX_PLAYED_REVEAL;
  const first = nextStop(s.run.steps, from);
  const cursor = planned.revealTo > from && !long ? Math.min(first, planned.revealTo) : planned.revealTo;
  set({
    lesson: { ...s.lesson, phase: 'revealed', answers: { ...s.lesson.answers, [key]: answer } },
    playback: { ...s.playback, cursor, limit, until: cursor < planned.revealTo ? planned.revealTo : null, playing: cursor < planned.revealTo },
    selection: { ...s.selection, eventIndex: null },
  });
}

/** The next question (or chapter); false at the lesson's end. */
export function nextQuestion(): boolean {
  const s = get();
  if (!s.lesson.doc) return false;
  const next = positionAfter(s.lesson.doc.lesson, s.lesson.chapter, s.lesson.question);
  if (!next) return false;
  goToQuestion(next.chapter, next.question);
  return true;
}

/** Forget the answers of the open lesson (progress starts again). */
export function resetLessonProgress(): void {
  set((s) => ({ lesson: { ...s.lesson, answers: {}, choice: null, phase: 'ask' } }));
  goToQuestion(0, 0);
}

/** How many questions of a chapter have been answered (revealed), and how many it has. */
export function chapterProgress(state: Pick<LabState, 'lesson'>, chapter: number): { done: number; total: number; right: number } {
  const doc = state.lesson.doc;
  const questions = doc?.lesson.chapters[chapter]?.questions ?? [];
  let done = 0;
  let right = 0;
  for (let q = 0; q < questions.length; q++) {
    const a = state.lesson.answers[questionKey(doc!.lesson, chapter, q)];
    if (a) done++;
    if (a?.right) right++;
  }
  return { done, total: questions.length, right };
}

export type { LessonPlan };
