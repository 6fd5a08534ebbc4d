/**
 * `npm run -s bench:loss`: what a lossy link costs, by loss rate and "Max in flight", for QoS 1
 * and QoS 2: duplicates per message and packets per message (PUBLISH to PUBCOMP, both hops),
 * and how many runs settled. Prints a Markdown table (the one in the README).
 * Each cell: one publisher and one subscriber, `MESSAGES` messages 50 ms apart, defaults for
 * everything else, over `SEEDS` seeds; runs are outcome recordings (the same outcome, no views).
 * Options: --messages N (default 100), --seeds N (default 5).
 */
import { parseArgs } from 'node:util';
import { runScenario } from '../sim/lab';
import { scenarioSchema } from '../sim/scenario';

const { values } = parseArgs({ options: { messages: { type: 'string' }, seeds: { type: 'string' } } });
const messages = Number(values.messages ?? 100);
const seeds = Number(values.seeds ?? 5);
if (!Number.isInteger(messages) || messages < 1 || !Number.isInteger(seeds) || seeds < 1) {
  process.stderr.write('bench:loss: --messages and --seeds must be whole numbers >= 1\n');
  process.exit(2);
}

const LOSSES = [0, 0.05, 0.1, 0.2, 0.3];
const WINDOWS = [1, 5, 20];

interface Cell { dupsPerMessage: number; packetsPerMessage: number; settled: number; delivered: number; published: number }

function cell(qos: 1 | 2, loss: number, maxInflight: number): Cell {
  let dups = 0; let flow = 0; let settled = 0; let delivered = 0; let published = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const scenario = scenarioSchema.parse({
      publishers: [{ qos, maxInflight }], subscribers: [{ qos, maxInflight }], messages, link: { loss }, seed,
    });
    const run = runScenario(scenario, { checkpointEvery: 0, record: 'outcome' });
    const o = run.outcome;
    dups += o.duplicates;
    flow += o.packetsPerMessage * o.messages;
    delivered += o.delivered;
    published += o.published;
    if (run.settled) settled++;
  }
  return { dupsPerMessage: dups / (messages * seeds), packetsPerMessage: flow / (messages * seeds), settled, delivered, published };
}

const started = performance.now();
const lines = [
  `| QoS | loss | ${WINDOWS.map((w) => `window ${w}: dup/msg, pkts/msg`).join(' | ')} |`,
  `| --- | ---: | ${WINDOWS.map(() => '---:').join(' | ')} |`,
];
for (const qos of [1, 2] as const) {
  for (const loss of LOSSES) {
    const cells = WINDOWS.map((w) => {
      const c = cell(qos, loss, w);
      const unsettled = seeds - c.settled;
      const note = unsettled > 0 ? ` (${unsettled} of ${seeds} unsettled, ${c.delivered}/${c.published} delivered)` : '';
      return `${c.dupsPerMessage.toFixed(2)}, ${c.packetsPerMessage.toFixed(1)}${note}`;
    });
    lines.push(`| ${qos} | ${Math.round(loss * 100)} % | ${cells.join(' | ')} |`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
process.stderr.write(`${messages} messages x ${seeds} seeds per cell, ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
