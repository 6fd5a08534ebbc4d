/**
 * A lab run: a scenario simulated to idle, with its trace, its outcome and checkpoints for
 * stepping back and for the state tables at any point (seek = restore + deterministic replay).
 */
import type { Outcome } from './outcome-types';
import { computeOutcome } from './outcome';
import type { Scenario } from './scenario';
import type { Trace } from './trace';
import { World, type RecordMode } from './world';
import type { WorldState } from './world-types';

export interface Checkpoint {
  /** trace length when the checkpoint was taken */
  traceLength: number;
  state: WorldState;
}

export interface LabRun {
  scenario: Scenario;
  trace: Trace;
  outcome: Outcome;
  /** false: the run hit its bound before going idle (a run that never settles is flagged) */
  settled: boolean;
  checkpoints: Checkpoint[];
}

export interface RunOptions {
  /** bound on processed items; default scales with the number of messages */
  maxSteps?: number;
  /** trace events between checkpoints (0: none) */
  checkpointEvery?: number;
  /**
   * 'full' (default): the whole trace, for the views. 'outcome': only the events the outcome
   * is computed from (publications, deliveries, subscriptions), for runs that show nothing
   * but the outcome (the compare view, the benchmark): the same outcome, much faster. Such a
   * run's trace is partial and its checkpoints are not for seeking (`worldAt`).
   */
  record?: RecordMode;
}

export function defaultMaxSteps(scenario: Scenario): number {
  return 20_000 + scenario.messages * scenario.publishers.length * 400;
}

/** Simulate `scenario` to idle. Same scenario (seed and faults included) => same trace, byte for byte. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): LabRun {
  const record = options.record ?? 'full';
  const world = World.create(scenario, record);
  const every = options.checkpointEvery ?? 200;
  const checkpoints: Checkpoint[] = [{ traceLength: 0, state: world.checkpoint() }];
  const maxSteps = options.maxSteps ?? defaultMaxSteps(scenario);
  let settled = false;
  for (let n = 0; n < maxSteps; n++) {
    if (!world.step()) {
      settled = true;
      break;
    }
    const last = checkpoints[checkpoints.length - 1];
    if (every > 0 && world.trace.events.length - last.traceLength >= every) {
      checkpoints.push({ traceLength: world.trace.events.length, state: world.checkpoint() });
    }
  }
  if (!settled) world.emit({ kind: 'note', key: 'run.unsettled', params: { steps: maxSteps } });
  const counts = record === 'full' ? undefined : { packets: world.s.packetsSent, flowPackets: world.s.flowPacketsSent };
  const outcome = computeOutcome(scenario, world.trace, settled, counts);
  return { scenario, trace: world.trace, outcome, settled, checkpoints };
}

/** A world positioned just after the step that appended trace event `index` (-1: the start). */
export function worldAt(run: LabRun, index: number): World {
  let cp = run.checkpoints[0];
  for (const c of run.checkpoints) if (c.traceLength <= index + 1) cp = c;
  const scratch: Trace = { participants: run.trace.participants, events: run.trace.events.slice(0, cp.traceLength) };
  const world = World.restore(run.scenario, scratch, cp.state);
  while (scratch.events.length <= index && world.step()) { /* replay */ }
  return world;
}
