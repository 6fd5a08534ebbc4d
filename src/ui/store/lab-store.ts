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
import type { CompareRow, LabSnapshot, Outcome, Preset, Trace } from '../../worker/api';
import type { Lang } from '../i18n/types';

export type Tab = 'lab' | 'compare';

export interface RunSlice {
  trace: Trace | null;
  outcome: Outcome | null;
  settled: boolean;
  /** Event indices where a step ends (steps.ts). */
  steps: number[];
  /** Bumped on every new run: views that cache per run key on it. */
  version: number;
  busy: boolean;
}

export interface PlaybackSlice {
  /** Index of the last revealed trace event; -1 = the start. */
  cursor: number;
  playing: boolean;
  /** Steps per second. */
  speed: number;
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
}

export function initialState(): LabState {
  return {
    scenario: null,
    request: { seq: 0, input: {}, keepCursor: false },
    presets: [],
    run: { trace: null, outcome: null, settled: true, steps: [], version: 0, busy: false },
    snapshot: null,
    playback: { cursor: -1, playing: false, speed: 1 },
    view: { lang: 'en', presentation: false, hideConnectionSetup: false, timestamps: false, tab: 'lab', help: false, embed: false },
    selection: { eventIndex: null, field: null },
    prefs: { showAdvanced: false, setupCollapsed: false },
    worker: { ready: false, alert: null, restarts: 0 },
    compare: { messages: 1000, loss: 0.1, seed: 1, running: false, progress: 0, rows: null, cancelled: false },
  };
}

export const useLab = create<LabState>(() => initialState());
