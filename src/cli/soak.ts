/**
 * `npm run soak [-- N [SEED]]`: the simulator's property runs at scale, N random scenarios each
 * (default 100,000):
 * - safety: random drops, loss, keep-alive detection, retry on timeout, persistent sessions;
 *   every QoS guarantee holds, nothing is held once idle, the same seed gives the same trace;
 *   in MQTT 3.1.1, then the same scenarios in 5.0 (safety 5.0);
 * - liveness and the verdict: what a learner sets up with default settings (several clients,
 *   mixed QoS 1/2, retained, wills, late joiners, loss up to 30 %); everything is published,
 *   the run settles, nothing is lost, QoS 2 duplicates nothing, the verdict says held.
 * Prints the count of violations of each, which must be 0, and the first few with the scenario
 * that shows them (make each a named regression test with its seed); exits 1 if any.
 */
import fc from 'fast-check';
import { checkScenario, healingScenario, healingScenario5, liveScenario, liveViolations } from '../sim/invariants';
import { runScenario } from '../sim/lab';
import type { Scenario } from '../sim/scenario';

const total = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);

function soak(name: string, arbitrary: fc.Arbitrary<Scenario>, check: (sc: Scenario) => string[]): number {
  const started = performance.now();
  let runs = 0;
  let violations = 0;
  const shown: string[] = [];
  for (const scenario of fc.sample(arbitrary, { numRuns: total, seed })) {
    runs++;
    const v = check(scenario);
    if (v.length) {
      violations++;
      if (shown.length < 5) shown.push(`${v.join('; ')}\n  scenario: ${JSON.stringify(scenario)}`);
    }
    if (runs % 10_000 === 0) process.stderr.write(`${name}: ${runs} runs, ${violations} violations\n`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`soak ${name}: ${runs} random scenarios (seed ${seed}) in ${seconds} s: ${violations} violations`);
  for (const s of shown) console.log(s);
  return violations;
}

const bad = soak('safety', healingScenario, checkScenario)
  + soak('safety 5.0', healingScenario5, checkScenario)
  + soak('liveness', liveScenario, (sc) => liveViolations(runScenario(sc, { checkpointEvery: 0 })));
process.exitCode = bad === 0 ? 0 : 1;
