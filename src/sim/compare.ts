/**
 * The compare view's runs: the same message count and loss at QoS 0, 1 and 2, to show the
 * reliability-versus-overhead trade-off (delivered, lost, duplicated, packets per message).
 */
import type { QoS } from '../mqtt/types';
import { RunInProgress, type LabRun } from './lab';
import { scenarioSchema } from './scenario';

export interface CompareRow {
  qos: QoS;
  published: number;
  delivered: number;
  lost: number;
  duplicates: number;
  packetsPerMessage: number;
  settled: boolean;
}

export interface CompareRequest {
  messages: number;
  loss: number;
  seed: number;
}

export function compareScenario(req: CompareRequest, qos: QoS) {
  return scenarioSchema.parse({
    publishers: [{ qos }], subscribers: [{ qos }], messages: req.messages, intervalMs: 1000,
    link: { latencyMs: 20, loss: req.loss }, seed: req.seed,
  });
}

/** A compare run to advance in slices (the worker yields between them to stay cancellable). */
export function startCompare(req: CompareRequest, qos: QoS): RunInProgress {
  return new RunInProgress(compareScenario(req, qos), { checkpointEvery: 0, record: 'outcome' });
}

export function compareRow(qos: QoS, run: LabRun): CompareRow {
  const o = run.outcome;
  return { qos, published: o.published, delivered: o.delivered, lost: o.lost, duplicates: o.duplicates,
    packetsPerMessage: o.packetsPerMessage, settled: run.settled };
}
