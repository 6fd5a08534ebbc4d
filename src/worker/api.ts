/**
 * What the page may ask of the lab. Exposed from the Web Worker with Comlink (sim.worker.ts);
 * a plain module, so Node tests call it directly.
 *
 * Design: a run is deterministic, so `run` simulates the whole scenario to idle at once and
 * the page reveals it step by step (a cursor over the trace). Stepping back is moving the
 * cursor; an intervention ("drop the next packet") becomes a drop rule in the scenario and
 * the run is simulated again: the same prefix, a new future.
 * Two runs are not simulated: an imported capture (`importCapture`, a fixed trace) and a live run
 * on a real broker (`liveConnect`, issue #16), whose trace grows as packets cross the wire and
 * reaches the page in batches. Whichever was shown last answers `snapshotAt`; a new `run`, capture
 * or connect ends a live run (both clients disconnect). Only a URL the learner typed is contacted.
 */
import type { QoS } from '../mqtt/types';
import type { Trace } from '../sim/trace';
import type { Outcome } from '../sim/outcome-types';
import { parseScenario, type Scenario } from '../sim/scenario';
import { PRESETS, type Preset } from '../sim/scenarios/presets';
import { runScenario, type LabRun } from '../sim/lab';
import { snapshotAt, type LabSnapshot } from '../sim/snapshot';
import { dropRuleForNext, dropRuleForWire } from '../sim/drop-rule-at';
import { compareRow, startCompare, type CompareRow } from '../sim/compare';
import { parseLesson, parseLessonJson, type Lesson } from '../lesson/schema';
import { planLesson as computePlan, type LessonPlan } from '../lesson/plan';
import { loadShippedLesson, SHIPPED_LESSONS } from '../lesson/shipped';
import { captureRun, type CapturedRun, type CaptureSummary } from '../capture/captured-run';
import { captureSnapshotAt } from './capture-snapshot';
import { compareVersions, type VersionComparison, type VersionDifference, type VersionRun } from '../sim/version-compare';
import type { TraceEvent } from '../sim/trace';
import { checkBrokerUrl, startLive, webSocketOpener, type LiveSession, type LiveStatus, type LiveUpdate, type OpenSocket } from './live';

export type { VersionComparison, VersionDifference, VersionRun };

export type { Preset, LabSnapshot, CompareRow, Scenario, Trace, Outcome, Lesson, LessonPlan, CaptureSummary, LiveStatus };

/** Where a lesson comes from: shipped with the lab (by id), or a file or link (its JSON text). */
export type LessonSource = { kind: 'shipped'; id: string } | { kind: 'authored'; json: string };

export interface RunResult {
  scenario: Scenario;
  trace: Trace;
  outcome: Outcome;
  /** false when the run hit its event bound before going idle (flagged, never silent) */
  settled: boolean;
}

/**
 * A capture shown as a run (`importCapture`): its trace and outcome, and what the file held. It has
 * no scenario: nothing in it can be re-run, dropped or shared by link.
 */
export interface CaptureRunResult {
  trace: Trace;
  outcome: Outcome;
  settled: boolean;
  capture: CaptureSummary;
}

/** What drop rules answer while a capture is shown. */
export const CAPTURE_NO_DROPS = 'This is a capture, a recorded run: drops do not apply to it. Choose a scenario to go back to the lab.';

let current: LabRun | null = null;
/** The capture shown, if one is: it takes the place of `current` until the next `run`. */
let currentCapture: CapturedRun | null = null;
let compareToken = 0;
/** The live session shown, if one is (issue #16): it takes the place of `current` until the next `run`, capture or connect. */
let currentLive: ShownLive | null = null;
let liveIds = 0;

/** Steps the page can reveal one by one: bigger runs belong in the compare view. */
export const MAX_STEPPED_MESSAGES = 1000;
/** Simulation items per slice of a compare run (a few milliseconds of work). */
const COMPARE_SLICE_STEPS = 20_000;
export const api = {
  presets(): Preset[] {
    return PRESETS;
  },

  /** Validate and simulate a scenario to idle. A bad scenario returns `{ error }` and keeps the current run. */
  run(input: unknown): RunResult | { error: string } {
    const parsed = parseScenario(input);
    if (!parsed.ok) return { error: parsed.error };
    const messages = parsed.value.messages * parsed.value.publishers.length;
    if (messages > MAX_STEPPED_MESSAGES) {
      return { error: `messages: the step-by-step lab shows at most ${MAX_STEPPED_MESSAGES.toLocaleString('en-US')} messages (this scenario has ${messages.toLocaleString('en-US')}); Compare QoS runs bigger ones.` };
    }
    // The simulator's bound for a full recording (lab.ts defaultMaxSteps): the CLI's diagrams and JSON use the same.
    current = runScenario(parsed.value);
    currentCapture = null;
    stopLive();
    return { scenario: current.scenario, trace: current.trace, outcome: current.outcome, settled: current.settled };
  },

  /** Engine state tables (client and broker sessions) just after trace event `index` (-1: before any). */
  snapshotAt(index: number): LabSnapshot | null {
    if (currentLive) return currentLive.session.snapshotAt(index);
    if (currentCapture) return captureSnapshotAt(currentCapture.trace, index);
    return current ? snapshotAt(current, index) : null;
  },

  /** The scenario with a rule that drops the next packet to arrive after event `index`. */
  dropRuleForNext(index: number): { scenario: Scenario; rule: string } | { error: string } {
    if (currentCapture || currentLive) return { error: currentLive ? LIVE_NO_RULES : CAPTURE_NO_DROPS };
    if (!current) return { error: 'nothing is running' };
    return dropRuleForNext(current, index);
  },

  /** The scenario with a rule that drops the packet sent as `wireId` (a packet clicked on the wire). */
  dropRuleForWire(wireId: number): { scenario: Scenario; rule: string } | { error: string } {
    if (currentCapture || currentLive) return { error: currentLive ? LIVE_NO_RULES : CAPTURE_NO_DROPS };
    if (!current) return { error: 'nothing is running' };
    return dropRuleForWire(current, wireId);
  },

  /**
   * Read a pcap or pcapng capture and show it as a run: its trace, outcome and what the file held.
   * A file that is not a capture, a truncated one or one without MQTT returns `{ error }` (one
   * sentence) and keeps the current run. Nothing in the file is run or rendered.
   */
  importCapture(bytes: Uint8Array): CaptureRunResult | { error: string } {
    const r = captureRun(bytes);
    if (!r.ok) return { error: r.error };
    currentCapture = r.run;
    stopLive();
    const { trace, outcome, settled, capture } = r.run;
    return { trace, outcome, settled, capture };
  },

  /**
   * "Broker URL" and "Connect": the lab's publisher and subscriber connect to a real broker over
   * WebSocket and run `settings` there (live/session.ts). A bad URL or bad settings return
   * `{ error }` (one sentence) and contact nothing; otherwise the run shown is the live one, from
   * an empty trace, and `onUpdate` hears what crossed the wire, at most every LIVE_BATCH_MS.
   * Design: the topic and client ids carry a random token, so two learners (or two tabs) on one
   *   broker never share a session or a subscription.
   */
  liveConnect(settings: LiveSettings, onUpdate: (update: LivePageUpdate) => void): LiveStarted | { error: string } {
    const checked = checkBrokerUrl(settings?.url);
    if (!checked.ok) return { error: checked.error };
    stopLive();
    const token = randomToken();
    const id = ++liveIds;
    const messages = Math.max(1, Math.min(MAX_LIVE_MESSAGES, Math.trunc(settings.messages) || 1));
    const batch: LiveBatch = { id, onUpdate, pending: null, events: [], from: 0, timer: undefined };
    const started = startLive({
      url: checked.url,
      mqttVersion: settings.mqttVersion === '5' ? 5 : 4,
      publisherQos: settings.publisherQos,
      subscriberQos: settings.subscriberQos,
      messages,
      topic: `qos-lab/${token}`,
      clientIds: { publisher: `qoslab-pub-${token}`, subscriber: `qoslab-sub-${token}` },
    }, { openSocket: liveSocketOpener, onUpdate: (u) => queueLiveUpdate(batch, u) });
    if (!started.ok) {
      if (batch.timer !== undefined) clearTimeout(batch.timer);
      return { error: started.error };
    }
    currentLive = { session: started.session, batch };
    const trace = started.session.trace;
    return { id, url: checked.url, topic: `qos-lab/${token}`, messages, participants: structuredClone(trace.participants) };
  },

  /** "Drop next packet" while live: the next packet on either connection is dropped and its connection closed. */
  liveDropNext(): boolean {
    return currentLive?.session.dropNext() ?? false;
  },

  /** "Disconnect": both clients say DISCONNECT; the run shown stays as it stands. */
  liveStop(): void {
    currentLive?.session.stop();
  },

  /** Run `messages` messages at QoS 0, 1 and 2 with loss `loss`; progress 0..1 goes to `onProgress`. */
  async compare(req: { messages: number; loss: number; seed: number }, onProgress?: (done: number) => void): Promise<CompareRow[] | { cancelled: true }> {
    const token = ++compareToken;
    const rows: CompareRow[] = [];
    for (const qos of [0, 1, 2] as const) {
      const run = startCompare(req, qos);
      for (;;) {
        // Each slice is synchronous; yielding between slices lets a cancel message in.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (token !== compareToken) return { cancelled: true };
        const done = run.advance(COMPARE_SLICE_STEPS);
        onProgress?.((rows.length + run.progress) / 3);
        if (done) break;
      }
      rows.push(compareRow(qos, run.finish()));
    }
    return rows;
  },

  cancelCompare(): void {
    compareToken++;
  },

  /**
   * "3.1.1 vs 5.0": the scenario run under MQTT 3.1.1 and under 5.0 (same seed, same drops), both
   * traces and outcomes, and the differences a learner should see (sim/version-compare.ts).
   * Leaves the current run alone. A bad scenario returns `{ error }`.
   */
  runVersions(input: unknown): VersionComparison | { error: string } {
    const parsed = parseScenario(input);
    if (!parsed.ok) return { error: parsed.error };
    const messages = parsed.value.messages * parsed.value.publishers.length;
    if (messages > MAX_STEPPED_MESSAGES) {
      return { error: `messages: 3.1.1 vs 5.0 shows at most ${MAX_STEPPED_MESSAGES.toLocaleString('en-US')} messages (this scenario has ${messages.toLocaleString('en-US')}).` };
    }
    return compareVersions(parsed.value);
  },

  /**
   * Parse a lesson (its JSON text, or the JSON already parsed) and plan it: every question's
   * scenario, stop, choices, computed answer and reveal (src/lesson/FORMAT.md). Runs each distinct
   * scenario once; leaves the current run alone. A bad lesson returns `{ error }`, one sentence
   * naming the place.
   */
  planLesson(input: unknown): { lesson: Lesson; plan: LessonPlan } | { error: string } {
    const parsed = typeof input === 'string' ? parseLessonJson(input) : parseLesson(input);
    if (!parsed.ok) return { error: parsed.error };
    const plan = computePlan(parsed.value, PRESETS, (scenario) => runScenario(scenario, { checkpointEvery: 0 }));
    if (!plan.ok) return { error: plan.error };
    // The page steps through runs of at most MAX_STEPPED_MESSAGES messages: a lesson's too.
    for (const [i, chapter] of plan.value.chapters.entries()) {
      for (const q of chapter.questions) {
        const messages = q.scenario.messages * q.scenario.publishers.length;
        if (messages > MAX_STEPPED_MESSAGES) return { error: `chapters[${i}] "${chapter.id}", question "${q.id}": the lab steps through at most ${MAX_STEPPED_MESSAGES.toLocaleString('en-US')} messages (this scenario has ${messages.toLocaleString('en-US')}).` };
      }
    }
    return { lesson: parsed.value, plan: plan.value };
  },

  /** A shipped lesson (by id) or an authored one (its JSON text), planned as `planLesson` does. */
  async openLesson(source: LessonSource): Promise<{ lesson: Lesson; plan: LessonPlan } | { error: string }> {
    if (source.kind === 'authored') return api.planLesson(source.json);
    const json = await loadShippedLesson(source.id);
    if (json === null) return { error: `The lab has no lesson "${source.id}" (it has ${SHIPPED_LESSONS.map((l) => `"${l.id}"`).join(', ')}).` };
    return api.planLesson(json);
  },
};

/** What the page asks of a live run; the rest (topic, client ids, timing) is the worker's. */
export interface LiveSettings {
  url: string;
  /** The scenario's: '5' is MQTT 5.0, anything else 3.1.1. */
  mqttVersion?: string;
  publisherQos: QoS;
  subscriberQos: QoS;
  /** Capped at MAX_LIVE_MESSAGES. */
  messages: number;
}

/** A live run begun: its id (every update carries it), where, and who takes part. */
export interface LiveStarted {
  id: number;
  url: string;
  topic: string;
  messages: number;
  participants: Trace['participants'];
}

/** What crossed the wire since the last update (events from index `from`), the verdict and the status now. */
export interface LivePageUpdate {
  id: number;
  events: TraceEvent[];
  from: number;
  outcome: Outcome;
  status: LiveStatus;
}

/** The live core's limit on messages per run (live/session.ts). */
export const MAX_LIVE_MESSAGES = 100;
/** At most one update to the page per this many milliseconds: a burst of packets is one render. */
const LIVE_BATCH_MS = 100;

/** What the page says instead of adding a drop rule to a live run. */
export const LIVE_NO_RULES = 'This is a live run on a real broker: drop rules do not apply to it; “Drop next packet” closes the real connection.';

/** A live run's updates on their way to the page, batched (it exists before its session: the session reports at once). */
interface LiveBatch {
  id: number;
  onUpdate: (update: LivePageUpdate) => void;
  /** the latest update not yet passed on, and the events it and those before it added */
  pending: LiveUpdate | null;
  events: TraceEvent[];
  from: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface ShownLive {
  session: LiveSession;
  batch: LiveBatch;
}

/** The browser's WebSocket (the worker has one); tests replace it with `setLiveSockets`. */
let liveSocketOpener: OpenSocket = webSocketOpener();

/** Tests only: the sockets a live run opens (a fake, or the `ws` package's). */
export function setLiveSockets(open: OpenSocket): void {
  liveSocketOpener = open;
}

function queueLiveUpdate(batch: LiveBatch, u: LiveUpdate): void {
  if (batch.pending === null) batch.from = u.from;
  batch.events.push(...u.events);
  batch.pending = u;
  batch.timer ??= setTimeout(() => flushLive(batch), LIVE_BATCH_MS);
}

function flushLive(batch: LiveBatch): void {
  batch.timer = undefined;
  const u = batch.pending;
  if (!u) return;
  const update: LivePageUpdate = { id: batch.id, events: batch.events, from: batch.from, outcome: u.outcome, status: u.status };
  batch.pending = null;
  batch.events = [];
  try {
    // A page that is gone (or a callback already released) is no reason to stop the session's work.
    void Promise.resolve(batch.onUpdate(update)).catch(() => {});
  } catch { /* the page is gone */ }
}

/** The live run shown ends (both clients disconnect) and is shown no more; its last update still goes out. */
function stopLive(): void {
  const shown = currentLive;
  if (!shown) return;
  currentLive = null;
  shown.session.stop();
}

/** 8 hex digits from the platform's random source: the live run's topic and client ids. */
function randomToken(): string {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type LabApi = typeof api;
export type { QoS };
