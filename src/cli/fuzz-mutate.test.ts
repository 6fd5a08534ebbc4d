/**
 * `npm run fuzz` in small: a seeded run of the mutation fuzzer finds no crash and no broken
 * oracle, and its inputs really are mutated packets (most get past the fixed header, the
 * length-fixing mutations all do), not random bytes in disguise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pastFixedHeader } from './fuzz-check';
import { corpus, MUTATORS, Rand, type Mutator } from './fuzz-mutate';
import { runMutations, runRandomBytes, type MutationRun } from './fuzz-run';

const fromHex = (text: string) => Uint8Array.from(text.split(' ').filter(Boolean), (b) => parseInt(b, 16));

/** Mutations that keep every enclosing length consistent: the body decoder always runs. */
const ALWAYS_PAST = ['truncate+RL', 'insert+RL', 'delete+RL', 'packet-type', 'property-length', 'property-id', 'reason-code', 'string-length', 'string-content'];

/** The share of inputs past the fixed header below which the mutator has degenerated. */
const MIN_PAST_SHARE = 0.6;

const share = (run: MutationRun, version: 4 | 5) => {
  const total = run.totals.get(version)!;
  return total.past / total.cases;
};

describe('pastFixedHeader', () => {
  it.each([
    ['30 02 00 01', 4, true],         // PUBLISH, topic "" (the body decoder refuses it, but it ran)
    ['30 03 00 01', 4, false],        // a byte missing
    ['f0 00', 4, false],              // type 15 is reserved in 3.1.1
    ['f0 00', 5, true],               // AUTH in 5.0
    ['62 02 00 01', 4, true],         // PUBREL
    ['60 02 00 01', 4, false],        // PUBREL flags must be 0010
    ['c0 80 00', 4, true],            // non-minimal Remaining Length: 3.1.1 lets it pass
    ['c0 80 00', 5, false],           // 5.0 does not (MQTT-1.5.5-1)
    ['c0 ff ff ff ff 7f', 4, false],  // 5-byte Remaining Length
    ['', 4, false],
  ] as const)('%s at version %s: %s', (bytes, version, expected) => {
    expect(pastFixedHeader(fromHex(bytes), version)).toBe(expected);
  });
});

describe('the mutation fuzzer', () => {
  let run: MutationRun;
  beforeAll(() => {
    run = runMutations({ cases: 2_400, seed: 0x5eed, corpusSize: 150 });
  });

  it('finds no crash and no broken oracle in decode, annotate and the reader', () => {
    const failures = [...run.findings.crashes, ...run.findings.mismatches].map((f) => `${f.target}: ${f.detail.split('\n')[0]}`);
    expect(failures).toEqual([]);
    for (const total of run.totals.values()) expect(total.crashes + total.mismatches).toBe(0);
  });

  it('mutates valid packets: most inputs of each version reach a body decoder', () => {
    expect(share(run, 4)).toBeGreaterThan(MIN_PAST_SHARE);
    expect(share(run, 5)).toBeGreaterThan(MIN_PAST_SHARE);
    for (const total of run.totals.values()) {
      expect(total.packet).toBeGreaterThan(0);
      expect(total.malformed).toBeGreaterThan(total.cases / 2);
      expect(total.rules.size).toBeGreaterThan(15);
    }
  });

  it('applies every mutation, and those that fix the lengths always get past the fixed header', () => {
    expect([...run.rows.get(5)!.keys()]).toEqual(MUTATORS.map((m) => m.kind));
    expect([...run.rows.get(4)!.keys()]).toEqual(MUTATORS.map((m) => m.kind).filter((k) => !k.startsWith('property-')));
    for (const byKind of run.rows.values()) {
      for (const [kind, row] of byKind) {
        expect(row.cases, kind).toBeGreaterThan(50);
        if (ALWAYS_PAST.includes(kind)) expect(row.past, kind).toBe(row.cases);
      }
    }
    // The targeted mutations are refused for what they broke.
    expect(run.rows.get(5)!.get('property-id')!.rules.get('MQTT-2.2.2.2')).toBeGreaterThan(20);
    expect(run.rows.get(5)!.get('string-content')!.rules.get('MQTT-1.5.4-1')).toBeGreaterThan(10);
    expect(run.rows.get(4)!.get('string-content')!.rules.get('MQTT-1.5.3-1')).toBeGreaterThan(10);
    expect(run.rows.get(5)!.get('reason-code')!.packet).toBe(0);
  });

  it('is the same run on every machine for the same seed', () => {
    const a = runMutations({ cases: 200, seed: 42, corpusSize: 40 });
    const b = runMutations({ cases: 200, seed: 42, corpusSize: 40 });
    const c = runMutations({ cases: 200, seed: 43, corpusSize: 40 });
    expect(b.totals).toEqual(a.totals);
    expect(c.totals).not.toEqual(a.totals);
  });

  it('would notice a mutator that degenerated into random bytes', () => {
    const randomBytes: Mutator = {
      kind: 'random', about: 'random bytes of the same length', applies: () => true,
      mutate: (r: Rand, s) => r.bytes(s.bytes.length),
    };
    const degenerate = runMutations({ cases: 400, seed: 1, corpusSize: 40, mutators: [randomBytes] });
    expect(share(degenerate, 4)).toBeLessThan(MIN_PAST_SHARE);
    expect(share(degenerate, 5)).toBeLessThan(MIN_PAST_SHARE);
  });

  it('starts from valid packets of both versions', () => {
    const seeds = [...corpus(4, 60, 3), ...corpus(5, 60, 3)];
    expect(new Set(seeds.map((s) => s.version))).toEqual(new Set([4, 5]));
    for (const s of seeds) expect(pastFixedHeader(s.bytes, s.version)).toBe(true);
  });
});

describe('the random-bytes section', () => {
  it('finds no crash', () => {
    const run = runRandomBytes(20_000, 0x5eed);
    expect(run.row.crashes).toBe(0);
    expect(run.row.cases).toBe(20_000);
    expect(run.byte0Rejected).toBeGreaterThan(0);
  });
});
