/**
 * The simulator at scale: 100,000 QoS 2 messages over links that break on 10 % of packets,
 * simulated to idle in one Node process: wall time and heap. There is no reference library
 * for our simulator; the rows stand alone (the goal from issue 5 is under 2 s).
 * Design: the run is repeated (`SIM_BENCH_RUNS`, default 3) and both the first run (cold: the
 *   code not yet compiled, as a one-off CLI run sees it) and the median are reported, because a
 *   single run on a shared 2-core machine varies by a third from one minute to the next.
 */
import type { BenchRow } from '../bench-row';
import { runScenario } from './lab';
import { scenarioSchema } from './scenario';

export async function benchSim(): Promise<BenchRow[]> {
  const messages = Number(process.env.SIM_BENCH_MESSAGES ?? 100_000);
  const runs = Math.max(1, Number(process.env.SIM_BENCH_RUNS ?? 3));
  const scenario = scenarioSchema.parse({
    publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }], messages, intervalMs: 1000, link: { loss: 0.1 }, seed: 1,
  });
  /** One run, measured while it is still held; nothing of it outlives the call (so the next run starts clean). */
  const once = () => {
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const run = runScenario(scenario, { checkpointEvery: 0, record: 'outcome' });
    const s = (performance.now() - started) / 1000;
    const { packetsPerMessage, delivered, duplicates } = run.outcome;
    return { s, heapMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, packetsPerMessage, delivered, duplicates, settled: run.settled };
  };
  const measured = Array.from({ length: runs }, once);
  const seconds = measured.map((m) => m.s);
  const heapMb = Math.max(...measured.map((m) => m.heapMb));
  const o = measured[runs - 1];
  const median = [...seconds].sort((a, b) => a - b)[Math.floor(runs / 2)];
  const label = `${messages.toLocaleString('en-US')} QoS 2 messages, 10 % loss`;
  return [
    { name: `${label}: wall time, first run in a fresh process (s)`, ours: seconds[0], reference: 0, unit: 's', lowerIsBetter: true },
    { name: `${label}: wall time, median of ${runs} runs (s)`, ours: median, reference: 0, unit: 's', lowerIsBetter: true },
    { name: `${label}: heap held by a run, at most (MB)`, ours: heapMb, reference: 0, unit: 'MB', lowerIsBetter: true },
    { name: `${label}: packets per message (delivered ${o.delivered}, duplicates ${o.duplicates}, settled ${o.settled})`, ours: o.packetsPerMessage, reference: 0, unit: 'packets' },
  ];
}
