/**
 * A capture shown as a run (issue #16): the trace `importCapture` reads from a pcap or pcapng file,
 * its outcome, and the state tables at any step rebuilt from the packets it shows.
 *
 * The page's worker and the scenario CLI (`--capture FILE`) both show a capture through this.
 *
 * Rules this file keeps:
 * - A capture is a fixed trace: nothing is simulated, replayed or seeked by scenario. The state
 *   tables are what the packets on the wire imply (capture-snapshot.ts), never an engine's state.
 * - The bytes are data: topics, payloads and client ids stay strings in the trace.
 */
import { importCapture, type CaptureSummary } from './capture-to-trace';
import { computeOutcome } from '../sim/outcome';
import type { Outcome } from '../sim/outcome-types';
import { defaultScenario, type Scenario } from '../sim/scenario';
import type { Trace } from '../sim/trace';

export type { CaptureSummary };

export interface CapturedRun {
  trace: Trace;
  outcome: Outcome;
  /** A capture ends where it ends: it is judged as it stands. */
  settled: boolean;
  capture: CaptureSummary;
}

/**
 * The settings a capture shows: each client with the QoS it was seen to publish or subscribe with.
 * `computeOutcome` reads them only when no publication met a subscriber (the promise "as set up").
 */
export function settingsSeen(trace: Trace): Scenario {
  const base = defaultScenario();
  const seen = (role: 'publisher' | 'subscriber') => trace.participants
    .filter((p) => p.role === role && p.qos !== undefined)
    .map((p) => ({ ...base.publishers[0], qos: p.qos!, cleanSession: p.cleanSession ?? false }));
  return { ...base, publishers: seen('publisher'), subscribers: seen('subscriber'), faults: [] };
}

/** A capture file as a run, or the reader's one sentence saying why not. Never throws. */
export function captureRun(bytes: Uint8Array): { ok: true; run: CapturedRun } | { ok: false; error: string } {
  const r = importCapture(bytes);
  if (!r.ok) return r;
  const outcome = computeOutcome(settingsSeen(r.trace), r.trace, true, undefined, r.facts);
  return { ok: true, run: { trace: r.trace, outcome, settled: true, capture: r.summary } };
}
