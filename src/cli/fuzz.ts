/**
 * `npm run fuzz`: the codec against bytes it was never meant to see. Two sections:
 *   1. random bytes: 1,000,000 seeded cases through decode() (3.1.1), every 10th also through
 *      the streaming reader and annotate() (the original fuzz; its figures stay comparable)
 *   2. mutated valid packets: 40,000 cases, half MQTT 3.1.1 and half 5.0, each a valid packet
 *      with one mutation (fuzz-mutate.ts: bit flips, truncation, insertion, deletion, changed
 *      Remaining Length, Property Length, property identifiers, reason codes, string lengths,
 *      invalid UTF-8 ...), through decode, annotate and the reader at both versions (fuzz-check.ts)
 * Prints, per version and mutation, how many inputs got past the fixed header, decoded, were
 * typed rejections (by rule) or needed more bytes, and how many crashed (threw) or broke an
 * oracle (mismatch). Exits 1 on any crash or mismatch. About 17 s of CPU time on a 2-core machine
 * (3 s random bytes, 14 s mutations).
 * Usage: npm run fuzz -- [cases] [seed]   (cases: random-byte cases; mutated cases: cases / 25)
 */
import { formatFindings, formatMutations, formatRandom, runMutations, runRandomBytes } from './fuzz-run';

const cases = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 0x5eed);
if (!Number.isInteger(cases) || cases < 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [cases] [seed]   (non-negative integer cases, integer seed)');
  process.exit(2);
}

const started = performance.now();
console.log(`MQTT codec fuzz, seed ${seed}`);
console.log('');
const random = runRandomBytes(cases, seed);
console.log(formatRandom(random).join('\n'));
console.log('');
const mutations = runMutations({ cases: Math.ceil(cases / 25), seed });
console.log(formatMutations(mutations).join('\n'));

const crashes = [...random.findings.crashes, ...mutations.findings.crashes];
const crashCount = random.row.crashes + [...mutations.totals.values()].reduce((k, row) => k + row.crashes, 0);
const mismatchCount = [...mutations.totals.values()].reduce((k, row) => k + row.mismatches, 0);
console.log('');
console.log(`crashes: ${crashCount}   mismatches: ${mismatchCount}   total ${((performance.now() - started) / 1000).toFixed(1)} s`);
const details = [...formatFindings('crashes', crashes, 5), ...formatFindings('mismatches', mutations.findings.mismatches, 5)];
if (details.length > 0) console.error(details.join('\n'));
process.exit(crashCount > 0 || mismatchCount > 0 ? 1 : 0);
