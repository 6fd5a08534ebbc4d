/**
 * The two sections of `npm run fuzz` as functions (fuzz.ts prints them; fuzz-mutate.test.ts
 * runs a few cases):
 *   1. random bytes: the original fuzz, unchanged (same xorshift32 inputs for the same seed), so
 *      its figures stay comparable; annotate() now also sees every 10th input
 *   2. mutated valid packets, 3.1.1 and 5.0 (fuzz-mutate.ts), each through every target of
 *      fuzz-check.ts
 */
import { annotate, createReader, decode, feed } from '../mqtt/codec';
import { checkByte0 } from '../mqtt/codec/fixed-header';
import type { ProtocolVersion } from '../mqtt/types';
import { addRow, exercise, newRow, pastFixedHeader, type Findings, type Row, type StreamContext } from './fuzz-check';
import { corpus, hex, MUTATORS, Rand, type Mutator, type SeedPacket } from './fuzz-mutate';

// ---- 1. random bytes ----

export interface RandomRun {
  cases: number;
  seconds: number;
  row: Row;
  /** Refused by byte 0 alone (reserved type, or flags not allowed for the type). */
  byte0Rejected: number;
  findings: Findings;
}

export function runRandomBytes(cases: number, seed: number): RandomRun {
  let state = seed >>> 0 || 1;
  /** xorshift32: tiny, seeded, the same sequence on every machine. */
  const nextByte = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 0xff;
  };
  const row = newRow();
  let byte0Rejected = 0;
  const findings: Findings = { crashes: [], mismatches: [] };
  const started = performance.now();
  for (let i = 0; i < cases; i++) {
    const length = nextByte() % 48;
    const bytes = new Uint8Array(length + 2);
    for (let j = 0; j < bytes.length; j++) bytes[j] = nextByte();
    if (i % 2 === 1) {
      // Half the cases start with a plausible fixed header, so the body decoders get exercised too.
      bytes[0] = ((1 + (nextByte() % 14)) << 4) | (nextByte() % 4 === 0 ? nextByte() & 0x0f : bytes[0] & 0b0110 ? 0b0010 : 0);
      bytes[1] = length;
    }
    row.cases++;
    if (checkByte0(bytes[0], 4) !== undefined) byte0Rejected++;
    if (pastFixedHeader(bytes, 4)) row.past++;
    let target = 'decode v4';
    try {
      const result = decode(bytes);
      row[result.kind]++;
      if (result.kind === 'malformed') row.rules.set(result.error.rule, (row.rules.get(result.error.rule) ?? 0) + 1);
      if (i % 10 === 0) {
        target = 'reader v4';
        feed(createReader(), bytes);
        target = 'annotate v4';
        annotate(bytes);
      }
    } catch (e) {
      row.crashes++;
      if (findings.crashes.length < 20) findings.crashes.push({ target, input: bytes, detail: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  return { cases, seconds: (performance.now() - started) / 1000, row, byte0Rejected, findings };
}

// ---- 2. mutated valid packets ----

export interface MutationRun {
  cases: number;
  corpusSize: number;
  seconds: number;
  /** Per version, per mutation kind (in MUTATORS order). */
  rows: Map<ProtocolVersion, Map<string, Row>>;
  totals: Map<ProtocolVersion, Row>;
  findings: Findings;
}

export interface MutationOptions {
  /** Mutated inputs in all, half per version. */
  cases: number;
  seed: number;
  /** Valid packets sampled per version. */
  corpusSize?: number;
  mutators?: readonly Mutator[];
}

export function runMutations({ cases, seed, corpusSize = 400, mutators = MUTATORS }: MutationOptions): MutationRun {
  const started = performance.now();
  const r = new Rand(seed);
  const findings: Findings = { crashes: [], mismatches: [] };
  const rows = new Map<ProtocolVersion, Map<string, Row>>();
  const totals = new Map<ProtocolVersion, Row>();
  const corpora = { 4: corpus(4, corpusSize, seed), 5: corpus(5, corpusSize, seed) } as const;
  const connects = {
    4: corpora[4].filter((s) => s.type === 'CONNECT' && s.bytes[s.fields.find((f) => f.explain === 'protocol-level')?.offset ?? 0] === 4),
    5: corpora[5].filter((s) => s.type === 'CONNECT'),
  } as const;

  for (const version of [4, 5] as const) {
    const seeds = corpora[version];
    const applicable = mutators
      .map((m) => ({ m, seeds: seeds.filter((s) => m.applies(s)) }))
      .filter((a) => a.seeds.length > 0);
    const byKind = new Map(applicable.map(({ m }) => [m.kind, newRow()]));
    rows.set(version, byKind);
    const perVersion = Math.ceil(cases / 2);
    for (let i = 0; i < perVersion; i++) {
      const { m, seeds: pool } = applicable[i % applicable.length];
      const base = r.pick(pool);
      const input = m.mutate(r, base);
      const label = () => `[${version === 5 ? '5.0' : '3.1.1'} ${m.kind}, valid packet ${hex(base.bytes)}] `;
      exercise(input, version, r, streamContext(r, base, corpora, connects), byKind.get(m.kind)!, findings, label);
    }
    const total = newRow();
    for (const row of byKind.values()) addRow(total, row);
    totals.set(version, total);
  }
  return { cases, corpusSize, seconds: (performance.now() - started) / 1000, rows, totals, findings };
}

type Corpora = { readonly 4: SeedPacket[]; readonly 5: SeedPacket[] };

/** A valid packet before and after the input, of the reader's version; a server's reader first gets a CONNECT. */
function streamContext(r: Rand, base: SeedPacket, corpora: Corpora, connects: Corpora): StreamContext {
  const EMPTY = new Uint8Array(0);
  return {
    before: (kind) => {
      if (kind !== 'fromConnect') return r.chance(1, 2) ? r.pick(corpora[kind]).bytes : EMPTY;
      if (base.type === 'CONNECT' || connects[base.version].length === 0) return EMPTY;
      return r.pick(connects[base.version]).bytes;
    },
    after: (kind) => r.pick(corpora[kind === 'fromConnect' ? base.version : kind]).bytes,
  };
}

// ---- the report ----

const n = (x: number) => x.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);

function topRules(row: Row, count: number): string {
  return [...row.rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, count)
    .map(([rule, k]) => `${rule} ${n(k)}`).join(', ');
}

export function formatRandom(run: RandomRun): string[] {
  const { row } = run;
  return [
    `1. Random bytes, MQTT 3.1.1 (the original fuzz): ${n(run.cases)} cases in ${run.seconds.toFixed(1)} s`,
    `   past the fixed header: ${n(row.past)} (${pct(row.past, row.cases)})   packets: ${n(row.packet)}  needMore: ${n(row.needMore)}  typed rejections: ${n(row.malformed)}  crashes: ${n(row.crashes)}`,
    `   rejected at byte 0 (reserved type or flags): ${n(run.byte0Rejected)} (${pct(run.byte0Rejected, row.cases)})`,
    `   rejections by rule (top 10): ${topRules(row, 10)}`,
  ];
}

export function formatMutations(run: MutationRun): string[] {
  const lines = [
    `2. Mutated valid packets: ${n(run.cases)} cases (${n(Math.ceil(run.cases / 2))} per version) from ${run.corpusSize} valid packets per version, in ${run.seconds.toFixed(1)} s`,
    '   each through decode (both versions; also at an offset, with a Maximum Packet Size, re-encoded), annotate (both versions),',
    '   the reader (version 4, 5, fromConnect; between valid packets, in random chunks)',
    '   past FH = byte 0 valid and the whole Remaining Length present: a body decoder ran',
  ];
  const header = ['mutation', 'cases', 'past FH', 'packets', 'rejected', 'needMore', 'crashes', 'mismatch', 'top rejections'];
  const widths = [18, 8, 16, 8, 9, 9, 8, 9];
  const line = (cells: string[]) => '   ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : i < widths.length ? c.padStart(widths[i]) : `  ${c}`)).join('');
  const cells = (name: string, row: Row, rules: number) => [
    name, n(row.cases), `${n(row.past)} ${pct(row.past, row.cases).padStart(7)}`, n(row.packet), n(row.malformed),
    n(row.needMore), n(row.crashes), n(row.mismatches), topRules(row, rules),
  ];
  for (const [version, byKind] of run.rows) {
    lines.push('', `   MQTT ${version === 5 ? '5.0' : '3.1.1'}`, line(header));
    for (const [kind, row] of byKind) lines.push(line(cells(kind, row, 3)));
    const total = run.totals.get(version)!;
    lines.push(line(cells('all', total, 0)));
    lines.push(`   rejections by rule (top 12): ${topRules(total, 12)}`);
  }
  lines.push('', '   mutations:');
  for (const m of MUTATORS) lines.push(`     ${m.kind.padEnd(17)}${m.about}`);
  return lines;
}

export function formatFindings(title: string, findings: Findings['crashes'], shown: number): string[] {
  if (findings.length === 0) return [];
  const lines = [`${title} (first ${Math.min(shown, findings.length)}):`];
  for (const f of findings.slice(0, shown)) {
    lines.push(`- ${f.target}: ${hex(f.input)}`);
    lines.push(...f.detail.split('\n').slice(0, 8).map((l) => `    ${l}`));
  }
  return lines;
}
