/**
 * The simulator at scale: 100,000 QoS 2 messages over links that break on 10 % of packets,
 * simulated to idle in one Node process: wall time and heap. There is no reference library
 * for our simulator; the row stands alone (the goal from issue 5 is under 2 s).
 */
import type { BenchRow } from '../cli/bench';
import { runScenario } from './lab';
import { scenarioSchema } from './scenario';

export async function benchSim(): Promise<BenchRow[]> {
  const messages = Number(process.env.SIM_BENCH_MESSAGES ?? 100_000);
  const scenario = scenarioSchema.parse({
    publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], messages, intervalMs: 1000, link: { loss: 0.1 }, seed: 1,
  });
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const run = runScenario(scenario, { checkpointEvery: 0, record: 'outcome' });
  const seconds = (performance.now() - started) / 1000;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const o = run.outcome;
  const label = `${messages.toLocaleString('en-US')} QoS 2 messages, 10 % loss`;
  return [
    { name: `${label}: wall time (s)`, ours: seconds, reference: 0, unit: 's', lowerIsBetter: true },
    { name: `${label}: heap held by the run (MB)`, ours: heapMb, reference: 0, unit: 'MB', lowerIsBetter: true },
    { name: `${label}: trace events kept (outcome recording)`, ours: run.trace.events.length, reference: 0, unit: 'events' },
    { name: `${label}: packets per message (delivered ${o.delivered}, duplicates ${o.duplicates}, settled ${run.settled})`, ours: o.packetsPerMessage, reference: 0, unit: 'packets' },
  ];
}
