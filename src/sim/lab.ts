/**
 * A lab run: a scenario simulated to idle, with its trace, its outcome and checkpoints for
 * stepping back and for the state tables at any point (seek = restore + deterministic replay).
 */
import type { Outcome } from './outcome-types';
import { computeOutcome, type RecordedFacts } from './outcome';
import type { Scenario } from './scenario';
import type { LossFact, Params, RetainedFact, Trace } from './trace';
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
  /** an 'outcome' recording's counts and facts, which stand in for the events it did not keep */
  recorded?: RecordedFacts;
  /** messages given up and subscriptions ended, each pointing at its trace event: what losses are explained by */
  losses: LossFact[];
  /** the broker's retained message over time: what a late subscriber is owed */
  retainedStored: RetainedFact[];
  /** packets lost on the wire */
  packetsDropped: number;
  /** why the run did not settle (the params of its 'run.unsettled' note), in any recording */
  unsettled?: Params;
}

export interface RunOptions {
  /** bound on processed items; default scales with the number of messages */
  maxSteps?: number;
  /** trace events between checkpoints (0: none) */
  checkpointEvery?: number;
  /**
   * 'full' (default): the whole trace, for the views. 'outcome': only what the outcome is
   * computed from (the subscriptions' events; publications and deliveries kept as facts and
   * counts), for runs that show nothing but the outcome (the compare view, the benchmark): the
   * same outcome, much faster. Such a run's trace is partial and its checkpoints are not for
   * seeking (`worldAt`).
   */
  record?: RecordMode;
}

/**
 * The bound on a run's work, in processed items. It grows with the deliveries owed and with the
 * loss rate (each break costs a reconnect and a re-send), so that an honest run settles with room
 * to spare: with the default window at 30 % loss a run needs at most ~60 items per delivery owed
 * (1,000 QoS 2 messages to 4 subscribers: 143,000 items) plus a few hundred to connect, and the
 * bound gives ~10 times that. A run that cannot settle (a reconnect storm: a large window over a
 * lossy link) stops there and says why. A 'full' recording keeps ~2.3 trace events per item, so
 * its bound is capped lower: it must fit in a browser tab (the page and the CLI's diagrams and
 * JSON use the same bound, so a shared link and the CLI agree).
 */
export function defaultMaxSteps(scenario: Scenario, record: RecordMode = 'full'): number {
  const owed = scenario.messages * scenario.publishers.length * Math.max(1, scenario.subscribers.length);
  const lossFactor = Math.min(16, (1 - scenario.link.loss) ** -3);
  return Math.min(record === 'full' ? MAX_STEPS_FULL : MAX_STEPS_OUTCOME, Math.round(20_000 + owed * 200 * lossFactor));
}
const MAX_STEPS_FULL = 1_000_000;
const MAX_STEPS_OUTCOME = 40_000_000;

/**
 * A run being simulated, a slice at a time: the worker advances it in chunks and yields in
 * between, so a long run reports progress and can be cancelled. `runScenario` is the same run
 * done in one go.
 */
export class RunInProgress {
  private readonly world: World;
  private readonly record: RecordMode;
  private readonly every: number;
  private readonly maxSteps: number;
  private readonly checkpoints: Checkpoint[];
  private steps = 0;
  private settled = false;
  private done = false;

  constructor(readonly scenario: Scenario, options: RunOptions = {}) {
    this.record = options.record ?? 'full';
    this.world = World.create(scenario, this.record);
    this.every = options.checkpointEvery ?? 200;
    this.checkpoints = [{ traceLength: 0, state: this.world.checkpoint() }];
    this.maxSteps = options.maxSteps ?? defaultMaxSteps(scenario, this.record);
  }

  /** Process up to `steps` more items; true once the run is idle or has hit its bound. */
  advance(steps = Infinity): boolean {
    const { world, checkpoints, every, maxSteps } = this;
    // Design: the counters live in locals while the loop runs (it runs once per item, millions of times).
    let taken = this.steps;
    let done = this.done;
    for (let n = 0; n < steps && !done; n++) {
      if (taken++ >= maxSteps) {
        done = true;
        break;
      }
      if (!world.step()) {
        this.settled = true;
        done = true;
        break;
      }
      if (every > 0 && world.trace.events.length - checkpoints[checkpoints.length - 1].traceLength >= every) {
        checkpoints.push({ traceLength: world.trace.events.length, state: world.checkpoint() });
      }
    }
    this.steps = taken;
    this.done = done;
    return done;
  }

  /** Share of the application messages published so far, 0..1 (for a progress bar). */
  get progress(): number {
    const total = this.scenario.messages * this.scenario.publishers.length;
    return this.done ? 1 : Math.min(1, (this.world.state.nextPublicationNo - 1) / total);
  }

  /** The finished run (advance first until it returns true). */
  finish(): LabRun {
    const { world, scenario, settled } = this;
    const state = world.state;
    let unsettled: Params | undefined;
    if (!settled) {
      // Why it did not settle, in numbers the learner can check: how far it got, how often the
      // connections broke, at what loss, with what window.
      const total = scenario.messages * scenario.publishers.length;
      const breaks = Object.values(state.clients).reduce((n, c) => n + Math.max(0, c.connections - 1), 0);
      unsettled = {
        steps: this.maxSteps, published: state.nextPublicationNo - 1, total, breaks,
        lossPercent: Math.round(scenario.link.loss * 100), maxInflight: Math.max(...[...scenario.publishers, ...scenario.subscribers].map((c) => c.maxInflight)),
      };
      world.emit({ kind: 'note', key: 'run.unsettled', params: { ...unsettled } });
    }
    const recorded = this.record === 'full' ? undefined
      : { packets: state.packetsSent, flowPackets: state.flowPacketsSent, published: state.published!, deliveries: state.deliveries,
        retainedDeliveries: state.retainedDeliveries, otherDeliveries: state.otherDeliveries };
    const outcome = computeOutcome(scenario, world.trace, settled, recorded, { losses: state.losses, retainedStored: state.retainedStored });
    return { scenario, trace: world.trace, outcome, settled, checkpoints: this.checkpoints, losses: state.losses, retainedStored: state.retainedStored,
      packetsDropped: state.packetsDropped, ...(unsettled && { unsettled }), ...(recorded && { recorded }) };
  }
}

/** Simulate `scenario` to idle. Same scenario (seed and faults included) => same trace, byte for byte. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): LabRun {
  const run = new RunInProgress(scenario, options);
  run.advance();
  return run.finish();
}

export function worldAt(run: LabRun, index: number): World {
  let cp = run.checkpoints[0];
  for (const c of run.checkpoints) if (c.traceLength <= index + 1) cp = c;
  const scratch: Trace = { participants: run.trace.participants, events: run.trace.events.slice(0, cp.traceLength) };
  const world = World.restore(run.scenario, scratch, cp.state);
  while (scratch.events.length <= index && world.step()) { /* replay */ }
  return world;
}
