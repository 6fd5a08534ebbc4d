/**
 * Every change to the store, as an exported function (excalidraw's actions, zustand's
 * "actions outside the store"). Components and the worker bridge call these; none of them
 * talks to the worker itself: the bridge watches `request` and runs it (bridge/lab-bridge.ts).
 */
import type { DropRule, Scenario } from '../../worker/share';
import type { CaptureRunResult, CompareRow, LabSnapshot, LivePageUpdate, LiveStarted, LiveStatus, Preset, RunResult } from '../../worker/api';
import type { QoS } from '../../mqtt/types';
import type { Lang } from '../i18n';
import { useLab, type LabState, type RunRequest, type Tab } from './lab-store';
import { nextStop, previousStop, snapToStep, stepEnds } from '../../diagram/steps';

const set = useLab.setState;
const get = useLab.getState;

type Role = 'publisher' | 'subscriber';

// ---- scenario ---------------------------------------------------------------------------

/** Ask the worker to run `input` (validated there). `keepCursor`: an intervention, same past, new future. */
export function requestRun(input: unknown, opts: { keepCursor?: boolean; cursor?: number; autoplay?: boolean } = {}): void {
  set((s) => ({
    request: { seq: s.request.seq + 1, input, keepCursor: opts.keepCursor ?? false, cursor: opts.cursor, autoplay: opts.autoplay },
    run: { ...s.run, busy: true },
    playback: opts.keepCursor ? s.playback : { ...s.playback, playing: false },
  }));
}

/** A new, already valid scenario: shown at once, and run. */
export function scenarioChanged(scenario: Scenario, opts: { keepCursor?: boolean } = {}): void {
  set({ scenario });
  requestRun(scenario, opts);
}

/** Change a copy of the current scenario. Drops keep the preset's name; other edits make it custom. */
function edit(change: (draft: Scenario) => void, opts: { keepPreset?: boolean; keepCursor?: boolean } = {}): void {
  const current = get().scenario;
  // A capture is a recorded run, a live one runs on a broker: their settings are not there to change (the controls are disabled).
  if (!current || get().run.source !== 'scenario') return;
  const draft = structuredClone(current);
  change(draft);
  if (!opts.keepPreset) draft.preset = undefined;
  scenarioChanged(draft, { keepCursor: opts.keepCursor });
}

export function choosePreset(id: string): void {
  const preset = get().presets.find((p) => p.id === id);
  if (preset) scenarioChanged({ ...structuredClone(preset.scenario), preset: preset.id });
}

const isLessonFlow = (id: string | undefined) => id === undefined || /^pub\d-sub\d$/.test(id);

/** Publisher QoS (per message) or Subscriber QoS (per subscription) of the first client. */
export function setQos(role: Role, qos: QoS): void {
  const s = get().scenario;
  // Fixed while a capture or a live run is shown (as every setting: see `edit`).
  if (!s || get().run.source !== 'scenario') return;
  const pub = role === 'publisher' ? qos : (s.publishers[0]?.qos ?? 1);
  const sub = role === 'subscriber' ? qos : (s.subscribers[0]?.qos ?? 1);
  const lesson = get().presets.find((p) => p.id === `pub${pub}-sub${sub}`);
  // The lesson's own flows, packet for packet, whenever the pair is one of them (they are 3.1.1:
  // a learner who chose 5.0 keeps it, and the QoS changes in place).
  if (lesson && isLessonFlow(s.preset) && s.faults.length === 0 && s.mqttVersion !== '5') return choosePreset(lesson.id);
  edit((d) => {
    const list = role === 'publisher' ? d.publishers : d.subscribers;
    if (list[0]) list[0].qos = qos;
  });
}

export function setCleanSession(role: Role, cleanSession: boolean): void {
  edit((d) => {
    const list = role === 'publisher' ? d.publishers : d.subscribers;
    if (list[0]) list[0].cleanSession = cleanSession;
  });
}

export function setLoss(loss: number): void {
  edit((d) => { d.link.loss = Math.min(0.9, Math.max(0, loss)); });
}
export function setSeed(seed: number): void {
  edit((d) => { d.seed = Math.max(0, Math.min(2 ** 31 - 1, Math.trunc(seed) || 0)); });
}
export function setLatency(latencyMs: number): void {
  edit((d) => { d.link.latencyMs = Math.max(1, Math.min(10_000, Math.trunc(latencyMs) || 1)); });
}
export function setRetryMode(mode: Scenario['retryMode']): void {
  edit((d) => { d.retryMode = mode; });
}
export function setQos2Method(method: Scenario['qos2Method']): void {
  edit((d) => { d.qos2Method = method; });
}
/** "Max in flight": the window of every publisher, and of the broker toward every subscriber. */
export function setMaxInflight(maxInflight: number): void {
  const n = Math.max(1, Math.min(65535, Math.trunc(maxInflight) || 1));
  edit((d) => {
    for (const c of [...d.publishers, ...d.subscribers]) c.maxInflight = n;
  });
}
/** "MQTT version": every client speaks 3.1.1 (left out of the scenario, the default) or 5.0. */
export function setMqttVersion(version: '3.1.1' | '5'): void {
  edit((d) => {
    if (version === '5') d.mqttVersion = '5';
    else delete d.mqttVersion; // the default: a 3.1.1 link stays what it always was
  });
}
/** MQTT 5.0 Session Expiry Interval of the first publisher or subscriber, seconds (0xFFFFFFFF: for ever). */
export function setSessionExpiry(role: Role, seconds: number): void {
  edit((d) => {
    const client = role === 'publisher' ? d.publishers[0] : d.subscribers[0];
    if (client) client.sessionExpirySec = Math.max(0, Math.min(0xFFFF_FFFF, Math.trunc(seconds) || 0));
  });
}
/** MQTT 5.0 Message Expiry Interval of the first publisher's messages, seconds; undefined: they never expire. */
export function setMessageExpiry(seconds: number | undefined): void {
  edit((d) => {
    const publisher = d.publishers[0];
    if (!publisher) return;
    if (seconds === undefined) delete publisher.messageExpirySec;
    else publisher.messageExpirySec = Math.max(0, Math.min(0xFFFF_FFFF, Math.trunc(seconds) || 0));
  });
}
export function setMessages(messages: number): void {
  edit((d) => { d.messages = Math.max(1, Math.min(1000, Math.trunc(messages) || 1)); });
}
/** A drop becomes part of the scenario; the past up to the cursor stays as it was. */
export function addDropRule(rule: DropRule): void {
  edit((d) => { d.faults.push(rule); }, { keepPreset: true, keepCursor: true });
}
export function removeFault(index: number): void {
  edit((d) => { d.faults.splice(index, 1); }, { keepPreset: true, keepCursor: true });
}

// ---- runs from the worker -----------------------------------------------------------------

export function presetsLoaded(presets: Preset[]): void {
  set({ presets });
}

export function runLoaded(result: RunResult, request: Pick<RunRequest, 'keepCursor' | 'cursor' | 'autoplay'>): void {
  const { keepCursor } = request;
  set((s) => {
    const steps = stepEnds(result.trace);
    const cursor = request.cursor !== undefined ? snapToStep(steps, request.cursor) : keepCursor ? snapToStep(steps, s.playback.cursor) : -1;
    return {
      scenario: result.scenario,
      run: { trace: result.trace, outcome: result.outcome, settled: result.settled, steps, version: s.run.version + 1, busy: false, source: 'scenario', capture: null, live: null },
      playback: { ...s.playback, cursor, playing: request.autoplay ?? (keepCursor ? s.playback.playing : false) },
      selection: { eventIndex: null, field: null },
      snapshot: null,
    };
  });
}

/** An imported capture is the run shown, from its start; the scenario stays for going back to the lab. */
export function captureLoaded(result: CaptureRunResult, file: string): void {
  set((s) => ({
    run: {
      trace: result.trace, outcome: result.outcome, settled: result.settled, steps: stepEnds(result.trace), version: s.run.version + 1,
      busy: false, source: 'capture', capture: { ...result.capture, file }, live: null,
    },
    playback: { ...s.playback, cursor: -1, playing: false, limit: null, until: null },
    selection: { eventIndex: null, field: null },
    snapshot: null,
    worker: { ...s.worker, alert: null },
  }));
}

/**
 * A live run begun on a real broker: shown from an empty trace (its participants only), growing
 * with each update; the scenario stays for going back to the lab.
 */
export function liveStarted(started: LiveStarted): void {
  const { id, url, topic, messages, participants } = started;
  const status: LiveStatus = { state: 'connecting', sentence: `Connecting to ${url}…`, settled: false, dropArmed: false };
  set((s) => ({
    run: {
      trace: { participants, events: [] }, outcome: null, settled: false, steps: [], version: s.run.version + 1, busy: false,
      source: 'live', capture: null, live: { id, url, topic, messages, status, dropRequested: false },
    },
    playback: { ...s.playback, cursor: -1, playing: false, limit: null, until: null },
    selection: { eventIndex: null, field: null },
    snapshot: null,
    worker: { ...s.worker, alert: null },
  }));
}

/**
 * What crossed the wire since the last update. A new trace object each time (views key on it);
 * a cursor at the end follows the new end, so the diagram draws live; a cursor the learner moved
 * back stays where it is, and Step reveals what has arrived since. An update of a live run no
 * longer shown is ignored.
 */
export function liveUpdated(update: LivePageUpdate): void {
  set((s) => {
    const { run } = s;
    if (run.source !== 'live' || run.live?.id !== update.id || !run.trace) return {};
    const known = run.trace.events.length;
    const fresh = update.from < known ? update.events.slice(known - update.from) : update.events;
    const trace = fresh.length > 0 ? { participants: run.trace.participants, events: [...run.trace.events, ...fresh] } : run.trace;
    const steps = fresh.length > 0 ? stepEnds(trace) : run.steps;
    const follow = s.playback.cursor >= lastStop(s);
    const cursor = follow ? lastStop({ run: { ...run, steps }, playback: s.playback }) : snapToStep(steps, s.playback.cursor);
    // A requested drop is the worker's once its status says so, or it has happened, or the run is over.
    const { status } = update;
    const requestDone = status.dropArmed || status.state === 'finished' || status.state === 'failed'
      || fresh.some((e) => e.kind === 'packetDropped' && e.cause === 'intervention');
    const live = { ...run.live, status, dropRequested: run.live.dropRequested && !requestDone };
    return {
      run: { ...run, trace, steps, outcome: update.outcome, settled: status.settled, version: run.version + 1, live },
      playback: { ...s.playback, cursor },
    };
  });
}

/** "Drop next packet" on a live run: shown as armed until the worker's status takes over. */
export function liveDropRequested(): void {
  set((s) => {
    const live = s.run.source === 'live' ? s.run.live : null;
    const running = live && (live.status.state === 'connecting' || live.status.state === 'connected' || live.status.state === 'reconnecting');
    return running ? { run: { ...s.run, live: { ...live, dropRequested: true } } } : {};
  });
}

/** Leave a capture or a live run: the lab runs its scenario again (which ends a live run in the worker). */
export function backToLab(): void {
  requestRun(get().scenario ?? {});
}

/** The worker refused the scenario: say why once, keep the lab as it was. */
export function runFailed(message: string): void {
  set((s) => ({ run: { ...s.run, busy: false }, worker: { ...s.worker, alert: message } }));
}

export function snapshotLoaded(snapshot: LabSnapshot | null): void {
  set({ snapshot });
}

// ---- playback -------------------------------------------------------------------------------

function moveTo(cursor: number, state: LabState = get()): void {
  set({ playback: { ...state.playback, cursor }, selection: { ...state.selection, eventIndex: null } });
}

/** The last step the learner may reveal now: the run's end, or a lesson's question not yet answered. */
export function lastStop(s: Pick<LabState, 'run' | 'playback'> = get()): number {
  const last = s.run.steps[s.run.steps.length - 1] ?? -1;
  return s.playback.limit === null ? last : Math.min(last, s.playback.limit);
}

/** Reveal the next step; returns false at the end or the limit (and stops playing). */
export function stepForward(): boolean {
  const s = get();
  const next = nextStop(s.run.steps, s.playback.cursor);
  if (next === s.playback.cursor || next > lastStop(s)) {
    set({ playback: { ...s.playback, playing: false, until: null } });
    return false;
  }
  const arrived = s.playback.until !== null && next >= s.playback.until;
  set({
    playback: { ...s.playback, cursor: next, ...(arrived ? { playing: false, until: null } : {}) },
    selection: { ...s.selection, eventIndex: null },
  });
  return true;
}

export function stepBack(): void {
  const s = get();
  set({ playback: { ...s.playback, playing: false, cursor: previousStop(s.run.steps, s.playback.cursor) }, selection: { ...s.selection, eventIndex: null } });
}

export function resetPlayback(): void {
  const s = get();
  set({ playback: { ...s.playback, playing: false, cursor: -1 }, selection: { eventIndex: null, field: null } });
}

export function jumpToEnd(): void {
  const s = get();
  set({ playback: { ...s.playback, playing: false, until: null, cursor: lastStop(s) }, selection: { ...s.selection, eventIndex: null } });
}

/** Move the cursor to any event (a shared link's position), snapped onto a step end. */
export function seek(index: number): void {
  moveTo(snapToStep(get().run.steps, index));
}

/**
 * Show one event of the trace (the one that lost a message): the playback moves to its step,
 * and a packet event puts that packet in the inspector.
 */
export function showEvent(index: number): void {
  const s = get();
  const trace = s.run.trace;
  if (!trace) return;
  const cursor = snapToStep(s.run.steps, index);
  const e = trace.events[index];
  let packet: number | null = null;
  if (e?.kind === 'packetSent') packet = e.index;
  else if (e?.kind === 'packetDropped' || e?.kind === 'packetDelivered') {
    for (let i = index; i >= 0 && packet === null; i--) {
      const x = trace.events[i];
      if (x.kind === 'packetSent' && x.wireId === e.wireId) packet = i;
    }
  }
  set({ playback: { ...s.playback, playing: false, cursor }, selection: { ...s.selection, eventIndex: packet !== null && packet <= cursor ? packet : null } });
}

export function play(): void {
  const s = get();
  const atEnd = s.playback.cursor >= lastStop(s);
  set({ playback: { ...s.playback, playing: true, cursor: atEnd ? -1 : s.playback.cursor } });
}
export function pause(): void {
  set((s) => ({ playback: { ...s.playback, playing: false, until: null } }));
}
export function togglePlay(): void {
  if (get().playback.playing) pause();
  else play();
}
export function setSpeed(speed: number): void {
  set((s) => ({ playback: { ...s.playback, speed } }));
}

// ---- view, selection, prefs ----------------------------------------------------------------

export function setLang(lang: Lang): void {
  set((s) => ({ view: { ...s.view, lang } }));
}
export function togglePresentation(): void {
  set((s) => ({ view: { ...s.view, presentation: !s.view.presentation } }));
}
export function toggleConnectionSetup(): void {
  set((s) => ({ view: { ...s.view, hideConnectionSetup: !s.view.hideConnectionSetup } }));
}
export function toggleTimestamps(): void {
  set((s) => ({ view: { ...s.view, timestamps: !s.view.timestamps } }));
}
export function setHelp(help: boolean): void {
  set((s) => ({ view: { ...s.view, help } }));
}
/** Leaving a lesson lifts its limit: the lab and the compare view show the whole run. */
export function setTab(tab: Tab): void {
  set((s) => ({ view: { ...s.view, tab }, playback: { ...s.playback, playing: false, until: null, limit: tab === 'lesson' ? s.playback.limit : null } }));
}
export function toggleHideVerdict(): void {
  set((s) => ({ prefs: { ...s.prefs, hideVerdict: !s.prefs.hideVerdict } }));
}
export function setEmbed(embed: boolean): void {
  set((s) => ({ view: { ...s.view, embed } }));
}
export function setShowAdvanced(showAdvanced: boolean): void {
  set((s) => ({ prefs: { ...s.prefs, showAdvanced } }));
}
export function toggleSetupPanel(): void {
  set((s) => ({ prefs: { ...s.prefs, setupCollapsed: !s.prefs.setupCollapsed } }));
}
export function selectEvent(eventIndex: number | null): void {
  set((s) => ({ selection: { ...s.selection, eventIndex } }));
}
export function hoverField(field: string | null): void {
  set((s) => ({ selection: { ...s.selection, field } }));
}

// ---- worker status and alerts ----------------------------------------------------------------

export function showAlert(alert: string): void {
  set((s) => ({ worker: { ...s.worker, alert } }));
}
export function dismissAlert(): void {
  set((s) => ({ worker: { ...s.worker, alert: null } }));
}
export function workerReady(): void {
  set((s) => ({ worker: { ...s.worker, ready: true } }));
}
export function workerRestarted(message: string): void {
  set((s) => ({ worker: { ready: false, alert: message, restarts: s.worker.restarts + 1 }, run: { ...s.run, busy: false }, compare: { ...s.compare, running: false } }));
}

// ---- compare view ----------------------------------------------------------------------------

export function setCompareInput(input: Partial<Pick<LabState['compare'], 'messages' | 'loss' | 'seed'>>): void {
  set((s) => ({ compare: { ...s.compare, ...input } }));
}
export function compareStarted(): void {
  set((s) => ({ compare: { ...s.compare, running: true, progress: 0, rows: null, cancelled: false } }));
}
export function compareProgress(progress: number): void {
  set((s) => ({ compare: { ...s.compare, progress } }));
}
export function compareFinished(rows: CompareRow[] | null): void {
  set((s) => ({ compare: { ...s.compare, running: false, progress: rows ? 1 : s.compare.progress, rows, cancelled: rows === null } }));
}
