/**
 * `npm run soak [-- N]`: the simulator's property run at scale (default 100,000 random
 * scenarios with drops and loss, persistent sessions). Prints the count of violations, which
 * must be 0, and the first few with the scenario that shows them; exits 1 if any.
 */
import fc from 'fast-check';
import { checkScenario, healingScenario } from '../sim/invariants';

const total = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
const started = performance.now();
let runs = 0;
let violations = 0;
const shown: string[] = [];
for (const scenario of fc.sample(healingScenario, { numRuns: total, seed })) {
  runs++;
  const v = checkScenario(scenario);
  if (v.length) {
    violations++;
    if (shown.length < 5) shown.push(`${v.join('; ')}\n  scenario: ${JSON.stringify(scenario)}`);
  }
  if (runs % 10_000 === 0) process.stderr.write(`${runs} runs, ${violations} violations\n`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`soak: ${runs} random scenarios (seed ${seed}) in ${seconds} s: ${violations} violations`);
for (const s of shown) console.log(s);
process.exitCode = violations === 0 ? 0 : 1;
