/**
 * The page's side of the worker: the only module that calls the lab API. It watches the store
 * (a new scenario -> run it; a moved cursor -> fetch the state tables) and reports back through
 * actions. The scenario is validated in the worker (zod stays out of the page's bundle).
 * A call that throws or never answers means the worker is broken: it is reported and
 * a fresh worker takes over, with the current scenario.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import { startLabWorker, type LabWorker } from '../../worker/client';
import type { CaptureRunResult, CompareRow, LabApi, LivePageUpdate, LiveSettings, LiveStarted, RunResult, VersionComparison } from '../../worker/api';
import type { Scenario } from '../../worker/share';
import { useLab } from '../store/lab-store';
import { MESSAGES } from '../i18n';
import {
  backToLab, captureLoaded, compareFinished, compareProgress, compareStarted, liveDropRequested, liveStarted, liveUpdated, presetsLoaded, requestRun, runFailed,
  runLoaded, scenarioChanged, showAlert, snapshotLoaded, workerReady, workerRestarted,
} from '../store/actions';

const CALL_TIMEOUT_MS = 20_000;
/** A run may take longer: the biggest the page allows (1,000 messages, 4 x 4 clients, 30 % loss) takes seconds. */
const RUN_TIMEOUT_MS = 60_000;

let worker: LabWorker | null = null;
let runToken = 0;
let snapshotWanted = false;
let snapshotRunning = false;
let started = false;

function lab(): Remote<LabApi> {
  worker ??= startLabWorker(() => restart());
  return worker.api;
}

class WorkerTimeout extends Error {}

/** One call to the worker, with a timeout; a failure restarts the worker (and is reported). */
export async function call<T>(fn: (api: Remote<LabApi>) => Promise<T>, timeoutMs = CALL_TIMEOUT_MS): Promise<T> {
  const api = lab();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      fn(api),
      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new WorkerTimeout('the lab did not answer')), timeoutMs); }),
    ]);
  } catch (error) {
    if (worker?.api === api) restart();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Report the crash, drop the broken worker, start a new one and run the scenario again. */
function restart(): void {
  worker?.terminate();
  worker = null;
  workerRestarted(MESSAGES[useLab.getState().view.lang].app.workerCrashed);
  void loadPresets();
  void runCurrent();
}

async function loadPresets(): Promise<void> {
  try {
    presetsLoaded(await call((api) => api.presets()));
    workerReady();
  } catch { /* reported by call() */ }
}

async function runCurrent(): Promise<void> {
  const token = ++runToken;
  const request = useLab.getState().request;
  try {
    const result = await call<RunResult | { error: string }>((api) => api.run(request.input), RUN_TIMEOUT_MS);
    if (token !== runToken) return;
    if (!('error' in result)) return runLoaded(result, request);
    runFailed(result.error);
    // A bad first scenario (a broken link): start from the default lab instead.
    if (!useLab.getState().scenario) requestRun({});
  } catch { /* reported by call() */ }
}

/**
 * Ask the worker for the state tables at the cursor. One request at a time: steps that come
 * while one is out are answered by one more request for wherever the cursor is then, so
 * fast stepping neither queues work in the worker nor renders tables already out of date.
 */
async function fetchSnapshot(): Promise<void> {
  snapshotWanted = true;
  if (snapshotRunning) return;
  snapshotRunning = true;
  try {
    while (snapshotWanted) {
      snapshotWanted = false;
      const { cursor } = useLab.getState().playback;
      try {
        const snapshot = await call((api) => api.snapshotAt(cursor));
        if (!snapshotWanted) snapshotLoaded(snapshot);
      } catch { /* reported by call() */ }
    }
  } finally {
    snapshotRunning = false;
  }
}

/** Start the worker once and keep it in step with the store. */
export function connectLab(): void {
  if (started) return;
  started = true;
  useLab.subscribe((s, prev) => {
    if (s.request.seq !== prev.request.seq) void runCurrent();
    if (s.run.trace && (s.playback.cursor !== prev.playback.cursor || s.run.version !== prev.run.version)) void fetchSnapshot();
  });
  void loadPresets();
  if (useLab.getState().request.seq === 0) requestRun({});
  else void runCurrent();
}

// ---- drop rules --------------------------------------------------------------------------------

/** Drop the packet that would arrive next after the cursor; the run keeps its past. */
export async function dropNext(): Promise<void> {
  const { playback: { cursor }, run, view } = useLab.getState();
  if (run.source === 'capture') return showAlert(MESSAGES[view.lang].capture.noDrop);
  // Live: no rule and no re-run; the worker arms a drop that closes the real connection at the next packet.
  if (run.source === 'live') {
    liveDropRequested();
    try {
      await call((api) => api.liveDropNext());
    } catch { /* reported by call() */ }
    return;
  }
  try {
    const r = await call<{ scenario: Scenario; rule: string } | { error: string }>((api) => api.dropRuleForNext(cursor));
    if ('error' in r) showAlert(r.error);
    else scenarioChanged(r.scenario, { keepCursor: true });
  } catch { /* reported by call() */ }
}


// ---- import a capture ---------------------------------------------------------------------------

/** The biggest capture the page reads: its trace must fit in a tab beside the lab's. */
export const MAX_CAPTURE_BYTES = 64 * 2 ** 20;

/**
 * Show a pcap or pcapng file as the run: the worker reads it (the page passes the bytes and
 * transfers them). A file the lab cannot show is one sentence (role=alert); the run shown stays.
 */
export async function importCaptureFile(file: File): Promise<void> {
  const t = MESSAGES[useLab.getState().view.lang].capture;
  if (file.size > MAX_CAPTURE_BYTES) {
    runFailed(t.failed({ error: t.tooBig({ mb: Math.ceil(file.size / 2 ** 20), max: MAX_CAPTURE_BYTES / 2 ** 20 }) }));
    return;
  }
  // A scenario run still on its way must not replace the capture when it lands.
  const token = ++runToken;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const result = await call<CaptureRunResult | { error: string }>((api) => api.importCapture(Comlink.transfer(bytes, [bytes.buffer])), RUN_TIMEOUT_MS);
    if (token !== runToken) return;
    if ('error' in result) runFailed(t.failed({ error: result.error }));
    else captureLoaded(result, file.name);
  } catch { /* reported by call() */ }
}

// ---- live: a real broker ---------------------------------------------------------------------------

/**
 * "Connect": the lab's publisher and subscriber run the scenario's first pair of QoS on the broker
 * at `url` (the worker checks it: only ws:// and wss:// are contacted). A bad URL is one sentence
 * (role=alert) and the run shown stays; otherwise the live run is shown, drawn as it arrives.
 */
export async function connectLive(url: string): Promise<void> {
  const { scenario, view } = useLab.getState();
  const t = MESSAGES[view.lang].live;
  const settings: LiveSettings = {
    url, mqttVersion: scenario?.mqttVersion, messages: scenario?.messages ?? 1,
    publisherQos: scenario?.publishers[0]?.qos ?? 1, subscriberQos: scenario?.subscribers[0]?.qos ?? 1,
  };
  // A scenario run still on its way must not replace the live run when it lands.
  const token = ++runToken;
  try {
    const onUpdate = Comlink.proxy((update: LivePageUpdate) => liveUpdated(update));
    const result = await call<LiveStarted | { error: string }>((api) => api.liveConnect(settings, onUpdate));
    if (token !== runToken) return;
    if ('error' in result) showAlert(t.failed({ error: result.error }));
    else liveStarted(result);
  } catch { /* reported by call() */ }
}

/** "Disconnect": both clients say DISCONNECT and close; the live run stays shown as it ended. */
export async function disconnectLive(): Promise<void> {
  try {
    await call((api) => api.liveStop());
  } catch { /* reported by call() */ }
}

/** "Back to the lab": the lab runs its scenario again, which ends the live run in the worker. */
export function leaveLive(): void {
  backToLab();
}

// ---- compare view ---------------------------------------------------------------------------------

export async function runCompare(): Promise<void> {
  const { messages, loss, seed } = useLab.getState().compare;
  compareStarted();
  try {
    const rows = await call<CompareRow[] | { cancelled: true }>((api) => api.compare({ messages, loss, seed }, Comlink.proxy((p: number) => compareProgress(p))), 10 * 60_000);
    compareFinished('cancelled' in rows ? null : rows);
  } catch {
    compareFinished(null);
  }
}

export function cancelCompare(): void {
  void lab().cancelCompare();
}

// ---- 3.1.1 vs 5.0 ---------------------------------------------------------------------------------

/** A scenario under MQTT 3.1.1 and 5.0, and their differences (the versions view); a bad one is `{ error }`. */
export function runVersions(input: unknown): Promise<VersionComparison | { error: string }> {
  return call<VersionComparison | { error: string }>((api) => api.runVersions(input), RUN_TIMEOUT_MS);
}
