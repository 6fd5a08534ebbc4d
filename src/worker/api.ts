/**
 * What the page may ask of the lab. Exposed from the Web Worker with Comlink (sim.worker.ts);
 * a plain module, so Node tests call it directly.
 *
 * Design: a run is deterministic, so `run` simulates the whole scenario to idle at once and
 * the page reveals it step by step (a cursor over the trace). Stepping back is moving the
 * cursor; an intervention ("drop the next packet") becomes a drop rule in the scenario and
 * the run is simulated again: the same prefix, a new future.
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

export type { Preset, LabSnapshot, CompareRow, Scenario, Trace, Outcome };

export interface RunResult {
  scenario: Scenario;
  trace: Trace;
  outcome: Outcome;
  /** false when the run hit its event bound before going idle (flagged, never silent) */
  settled: boolean;
}

let current: LabRun | null = null;
let compareToken = 0;

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
    return { scenario: current.scenario, trace: current.trace, outcome: current.outcome, settled: current.settled };
  },

  /** Engine state tables (client and broker sessions) just after trace event `index` (-1: before any). */
  snapshotAt(index: number): LabSnapshot | null {
    return current ? snapshotAt(current, index) : null;
  },

  /** The scenario with a rule that drops the next packet to arrive after event `index`. */
  dropRuleForNext(index: number): { scenario: Scenario; rule: string } | { error: string } {
    if (!current) return { error: 'nothing is running' };
    return dropRuleForNext(current, index);
  },

  /** The scenario with a rule that drops the packet sent as `wireId` (a packet clicked on the wire). */
  dropRuleForWire(wireId: number): { scenario: Scenario; rule: string } | { error: string } {
    if (!current) return { error: 'nothing is running' };
    return dropRuleForWire(current, wireId);
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
};

export type LabApi = typeof api;
export type { QoS };
