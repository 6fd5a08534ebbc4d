/**
 * The one zustand store of the page, in slices (STYLE.md): scenario, run, playback, view,
 * selection, prefs, plus the worker's status and the compare view. Components read it with
 * narrow selectors; only store/actions.ts writes it (the worker bridge calls those actions).
 *
 * Rules this file keeps:
 * - Derived data (steps, in-flight packets, narration) is computed from the run, never stored twice.
 * - Everything here is plain data: the store can be reset and asserted in Node tests.
 */
import { create } from 'zustand';
import type { Scenario } from '../../worker/share';
import type { CaptureSummary, CompareRow, LabSnapshot, LiveStatus, Outcome, Preset, Trace } from '../../worker/api';
import type { Lang } from '../i18n';
import type { Lesson, LessonPlan, LessonSource } from '../lesson/lesson-types';

export type Tab = 'lab' | 'compare' | 'lesson' | 'versions';

export interface RunSlice {
  trace: Trace | null;
  outcome: Outcome | null;
  settled: boolean;
  /** Event indices where a step ends (steps.ts). */
  steps: number[];
  /** Bumped on every new run: views that cache per run key on it. */
  version: number;
  busy: boolean;
  /**
   * 'scenario': the lab simulated the scenario; 'capture': an imported capture, a fixed trace
   * (no settings, drops or link apply; the scenario stays for going back to the lab); 'live': a
   * run on a real broker, its trace growing as packets cross the wire (issue #16).
   */
  source: 'scenario' | 'capture' | 'live';
  /** What the imported file held, and its name, while a capture is shown. */
  capture: (CaptureSummary & { file: string }) | null;
  /** The live run shown: which one (updates carry its id), where, and how it stands. */
  live: LiveRun | null;
}

export interface LiveRun {
  id: number;
  url: string;
  topic: string;
  messages: number;
  /** The live core's status: state, one sentence (English), settled, a drop armed. */
  status: LiveStatus;
  /**
   * "Drop next packet" pressed and the worker not yet heard from: shown as armed at once, since the
   * drop may happen (and the status say "not armed" again) before any update says it was armed.
   */
  dropRequested: boolean;
}

export interface PlaybackSlice {
  /** Index of the last revealed trace event; -1 = the start. */
  cursor: number;
  playing: boolean;
  /** Steps per second. */
  speed: number;
  /** Step, Play and End go no further than this event (a lesson's question not yet revealed); null: the end. */
  limit: number | null;
  /** Playing stops once the cursor reaches this event (a lesson's reveal); null: at the limit or the end. */
  until: number | null;
}

export interface ViewSlice {
  lang: Lang;
  presentation: boolean;
  hideConnectionSetup: boolean;
  timestamps: boolean;
  tab: Tab;
  help: boolean;
  embed: boolean;
}

export interface SelectionSlice {
  /** A packetSent event the learner picked; null follows the current step. */
  eventIndex: number | null;
  /** Annotation (field) under the pointer in the inspector, as `offset:length`. */
  field: string | null;
}

export interface PrefsSlice {
  /** Open the "More settings" group of the setup. */
  showAdvanced: boolean;
  /** Fold the setup column away, for a wider diagram. */
  setupCollapsed: boolean;
  /** Keep the Outcome's verdict hidden until the run's end in the lab too (always so in lessons and presentation mode). */
  hideVerdict: boolean;
}

/** A learner's answer to one question, kept in the browser per lesson. */
export interface LessonAnswer {
  /** the choice's value; null: revealed without answering */
  choice: string | null;
  right: boolean | null;
}

export type { LessonSource };

export interface LessonSlice {
  /** The open lesson and its plan (stops and computed answers, from the worker); null until one is loaded. */
  doc: { lesson: Lesson; plan: LessonPlan; source: LessonSource } | null;
  loading: boolean;
  chapter: number;
  question: number;
  /** 'ask': stopped before the step in question; 'revealed': played to the answer. */
  phase: 'ask' | 'revealed';
  /** The choice picked and not yet revealed. */
  choice: string | null;
  /** Answers given so far, by `chapterId/questionId`. */
  answers: Record<string, LessonAnswer>;
}

export interface WorkerSlice {
  ready: boolean;
  /** One readable problem (bad link, invalid scenario, crashed worker); role="alert". */
  alert: string | null;
  restarts: number;
}

export interface CompareSlice {
  messages: number;
  loss: number;
  seed: number;
  running: boolean;
  progress: number;
  rows: CompareRow[] | null;
  cancelled: boolean;
}

/** The scenario the worker is asked to run next (validated there); `seq` changes per request. */
export interface RunRequest {
  seq: number;
  input: unknown;
  keepCursor: boolean;
  /** Reveal up to this event once it has run (a shared link's position). */
  cursor?: number;
  /** Start playing once it has run (towards the playback's `until` or `limit`). */
  autoplay?: boolean;
}

export interface LabState {
  /** The scenario of the run shown (null until the worker's first answer). */
  scenario: Scenario | null;
  request: RunRequest;
  presets: Preset[];
  run: RunSlice;
  snapshot: LabSnapshot | null;
  playback: PlaybackSlice;
  view: ViewSlice;
  selection: SelectionSlice;
  prefs: PrefsSlice;
  worker: WorkerSlice;
  compare: CompareSlice;
  lesson: LessonSlice;
}

export function initialState(): LabState {
  return {
    scenario: null,
    request: { seq: 0, input: {}, keepCursor: false },
    presets: [],
    run: { trace: null, outcome: null, settled: true, steps: [], version: 0, busy: false, source: 'scenario', capture: null, live: null },
    snapshot: null,
    playback: { cursor: -1, playing: false, speed: 1, limit: null, until: null },
    view: { lang: 'en', presentation: false, hideConnectionSetup: false, timestamps: false, tab: 'lab', help: false, embed: false },
    selection: { eventIndex: null, field: null },
    prefs: { showAdvanced: false, setupCollapsed: false, hideVerdict: false },
    worker: { ready: false, alert: null, restarts: 0 },
    compare: { messages: 1000, loss: 0.1, seed: 1, running: false, progress: 0, rows: null, cancelled: false },
    lesson: { doc: null, loading: false, chapter: 0, question: 0, phase: 'ask', choice: null, answers: {} },
  };
}

export const useLab = create<LabState>(() => initialState());
