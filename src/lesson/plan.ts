/**
 * A lesson's plan: for every question, the scenario the lab runs, where it stops, the choices,
 * the right answer and where the reveal ends, all computed by running the engine. The page
 * follows the plan; `lesson check` prints it.
 *
 * Rules this file keeps:
 * - The scenario in effect is the question's own when it sets one, else the one in effect for
 *   the question before it (FORMAT.md: "from this question on"), else the chapter's. A preset is
 *   looked up by id; every scenario goes through the lab's own schema.
 * - Each distinct scenario runs once (the same scenario gives the same trace, byte for byte).
 * - An absent stop carries on where the previous question's reveal ended when that question
 *   ran the same scenario, else starts at -1.
 * - Every error is one sentence: the place (chapter and question, index and id), then what is wrong.
 */
import { stepEnds, stepNumber } from '../diagram/steps';
import { describeZodError, scenarioSchema, type Parsed, type Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace';
import { answerQuestion } from './answers';
import { stopCursor, type SteppedTrace } from './cursors';
import { lessonPlace } from './lesson-errors';
import type { Lesson } from './schema';

export interface QuestionPlan {
  id: string;
  /** the scenario the lab runs for this question, parsed by the lab's schema */
  scenario: Scenario;
  /** which of the plan's distinct `scenarios` that is: the same number, the same run */
  run: number;
  /** cursor where the lab stops to ask (index of the last revealed event, -1 = the start) */
  stop: number;
  /** steps revealed at the stop (0 at the start) */
  stopStep: number;
  /** cursor after Reveal */
  revealTo: number;
  revealStep: number;
  /** the trace events Reveal shows: from `stop + 1` to `revealTo` */
  revealed: { from: number; to: number };
  /** the values offered (describeChoice says what each is) */
  choices: string[];
  /** the right one, computed from the trace; one of `choices` */
  answer: string;
}

export interface ChapterPlan {
  id: string;
  /** the chapter's own scenario (before any question sets another) */
  scenario: Scenario;
  run: number;
  questions: QuestionPlan[];
}

export interface LessonPlan {
  chapters: ChapterPlan[];
  /** the distinct scenarios of the lesson, in order of first use */
  scenarios: Scenario[];
}

export type RunScenario = (scenario: Scenario) => { trace: Trace };
type Source = { preset?: string; scenario?: Record<string, unknown> };

/** Plan every question of `lesson`, running each distinct scenario once with `run`. */
export function planLesson(lesson: Lesson, presets: readonly { id: string; scenario: unknown }[], run: RunScenario): Parsed<LessonPlan> {
  const runs = new Runs(run);
  const chapters: ChapterPlan[] = [];
  for (const [ci, chapter] of lesson.chapters.entries()) {
    const own = resolveScenario(chapter, presets);
    if (!own.ok) return { ok: false, error: `${lessonPlace(ci, chapter.id)}: ${own.error}` };
    const ownRun = runs.register(own.value);
    let inEffect = ownRun;
    let previous: { run: number; revealTo: number } | null = null;
    const questions: QuestionPlan[] = [];
    for (const [qi, question] of chapter.questions.entries()) {
      const fail = (error: string): Parsed<LessonPlan> => ({ ok: false, error: `${lessonPlace(ci, chapter.id, qi, question.id)}: ${error}` });
      if (question.preset !== undefined || question.scenario !== undefined) {
        const set = resolveScenario(question, presets);
        if (!set.ok) return fail(set.error);
        inEffect = runs.register(set.value);
      }
      const stepped = runs.stepped(inEffect);
      const stop = stopCursor(stepped, question.stop, previous?.run === inEffect ? previous.revealTo : -1);
      if (!stop.ok) return fail(stop.error);
      const answered = answerQuestion(question, stepped, stop.value);
      if (!answered.ok) return fail(answered.error);
      const { choices, answer, revealTo } = answered.value;
      questions.push({
        id: question.id, scenario: runs.scenarios[inEffect], run: inEffect,
        stop: stop.value, stopStep: stepNumber(stepped.ends, stop.value),
        revealTo, revealStep: stepNumber(stepped.ends, revealTo), revealed: { from: stop.value + 1, to: revealTo },
        choices, answer,
      });
      previous = { run: inEffect, revealTo };
    }
    chapters.push({ id: chapter.id, scenario: runs.scenarios[ownRun], run: ownRun, questions });
  }
  return { ok: true, value: { chapters, scenarios: runs.scenarios } };
}

/** The scenario a chapter or question sets: a preset by id, or a scenario object through the lab's schema. */
function resolveScenario(source: Source, presets: readonly { id: string; scenario: unknown }[]): Parsed<Scenario> {
  if (source.preset !== undefined) {
    const preset = presets.find((p) => p.id === source.preset);
    if (!preset) return { ok: false, error: `preset: there is no preset "${source.preset}" (npm run -s scenario -- --list-presets)` };
    const r = scenarioSchema.safeParse(preset.scenario);
    return r.success ? { ok: true, value: r.data } : { ok: false, error: `preset "${source.preset}": ${describeZodError(r.error)}` };
  }
  const r = scenarioSchema.safeParse(source.scenario ?? {});
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: r.error.issues[0].path.length ? `scenario.${describeZodError(r.error)}` : describeZodError(r.error) };
}

/** The distinct scenarios of a lesson, each run at most once, when first asked for. */
class Runs {
  readonly scenarios: Scenario[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly traces = new Map<number, SteppedTrace>();

  constructor(private readonly run: RunScenario) {}

  /** The number of `scenario` among the distinct ones (a scenario is its JSON: plain data). */
  register(scenario: Scenario): number {
    const key = JSON.stringify(scenario);
    let n = this.byKey.get(key);
    if (n === undefined) {
      n = this.scenarios.push(scenario) - 1;
      this.byKey.set(key, n);
    }
    return n;
  }

  stepped(n: number): SteppedTrace {
    let stepped = this.traces.get(n);
    if (!stepped) {
      const { trace } = this.run(this.scenarios[n]);
      stepped = { trace, ends: stepEnds(trace) };
      this.traces.set(n, stepped);
    }
    return stepped;
  }
}
