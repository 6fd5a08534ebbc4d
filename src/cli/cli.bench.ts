/**
 * The scenario CLI as a user meets it: the whole process, from `node` starting to the summary
 * printed, for 20,000 QoS 2 messages over a clean link, against aedes 1.2 + MQTT.js 5.16 doing
 * the same 20,000 messages in memory (engine.bench.ts's reference, window 100), also as a whole
 * Node process. Best of three each, the CLI's bundle built before timing (as after its first call).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from '../bench-row';
import { runReference } from '../mqtt/engine.bench';

const MESSAGES = 20_000;
const CHILD = '--reference-child';

if (process.argv[2] === CHILD) {
  const run = await runReference(2, 100, MESSAGES);
  process.stdout.write(`delivered ${run.delivered}\n`);
  process.exit(run.delivered === MESSAGES ? 0 : 1);
}

function bestOf3(args: string[], expect: RegExp): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const ms = performance.now() - started;
    if (r.status !== 0 || !expect.test(r.stdout)) throw new Error(`${args.join(' ')} failed: ${r.stderr || r.stdout}`);
    best = Math.min(best, ms);
  }
  return best;
}

export async function benchCli(): Promise<BenchRow[]> {
  const root = process.cwd();
  const self = fileURLToPath(import.meta.url);
  const cli = [join(root, 'bin', 'mqtt-qos-lab.mjs'), 'scenario', '--pub', '2', '--sub', '2', '--messages', String(MESSAGES), '--max-inflight', '100', '--format', 'summary'];
  spawnSync(process.execPath, [join(root, 'bin', 'mqtt-qos-lab.mjs'), 'scenario', '--messages', '1']); // builds the bundle if stale
  const ours = bestOf3(cli, new RegExp(`delivered ${MESSAGES}, duplicates 0`));
  const reference = bestOf3([...(self.endsWith('.ts') ? ['--import', 'tsx'] : []), self, CHILD], new RegExp(`delivered ${MESSAGES}`));
  return [{ name: `whole process: ${MESSAGES.toLocaleString('en-US')} QoS 2 messages, CLI (summary) vs aedes + MQTT.js in memory (ms)`,
    ours, reference, unit: 'ms', lowerIsBetter: true }];
}
