/**
 * What the two runs of a versions comparison achieved, compared: per message and subscriber
 * (delivered in one run and lost in the other, or delivered another number of times), and in
 * total (the counts, the verdict). Computed from the outcomes and traces only (outcome.ts).
 *
 * Design: pairs are matched by publication number and subscriber, which both runs number alike
 * (the publishers publish at the same virtual times whatever the version). Messages that differ
 * alike for one subscriber (lost in 5.0 for the same reason) are one difference, listing them.
 */
import type { PairOutcome } from './outcome-types';
import type { Trace } from './trace';
import type { VersionDifference, VersionRun } from './version-compare-types';

type Side = 'v311' | 'v5';

/** Where a subscriber got a message: its deliveries' events, in order. */
function deliveriesOf(trace: Trace): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of trace.events) {
    if (e.kind !== 'appDeliver' || e.publicationNo < 0) continue;
    const k = `${e.publicationNo}/${e.client}`;
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(e.index);
  }
  return out;
}

const pairKey = (p: Pick<PairOutcome, 'publicationNo' | 'subscriber'>) => `${p.publicationNo}/${p.subscriber}`;

export function deliveryDifferences(v311: VersionRun, v5: VersionRun): VersionDifference[] {
  const pairs5 = new Map(v5.outcome.pairs.map((p) => [pairKey(p), p]));
  const seen311 = deliveriesOf(v311.trace);
  const seen5 = deliveriesOf(v5.trace);
  const groups = new Map<string, VersionDifference & { messages: number[] }>();
  const add = (key: 'lostIn5' | 'lostIn311' | 'deliveries', p: PairOutcome, extra: Record<string, string | number>, at: Record<Side, number[]>) => {
    const id = `${key}/${p.subscriber}/${Object.values(extra).join('/')}`;
    let g = groups.get(id);
    if (!g) {
      g = { kind: 'delivery', key, params: { subscriber: p.subscriber, ...extra }, v311: [], v5: [], messages: [] };
      groups.set(id, g);
    }
    g.messages.push(p.publicationNo);
    g.v311.push(...at.v311);
    g.v5.push(...at.v5);
  };
  for (const p3 of v311.outcome.pairs) {
    const p5 = pairs5.get(pairKey(p3));
    if (!p5 || p3.deliveries === p5.deliveries) continue;
    const d3 = seen311.get(pairKey(p3)) ?? [];
    const d5 = seen5.get(pairKey(p5)) ?? [];
    if (p5.deliveries === 0) add('lostIn5', p5, { reason: p5.lostReason ?? 'unexplained' }, { v311: d3.slice(0, 1), v5: p5.lostAt !== undefined ? [p5.lostAt] : [] });
    else if (p3.deliveries === 0) add('lostIn311', p3, { reason: p3.lostReason ?? 'unexplained' }, { v311: p3.lostAt !== undefined ? [p3.lostAt] : [], v5: d5.slice(0, 1) });
    else add('deliveries', p3, { v311: p3.deliveries, v5: p5.deliveries }, { v311: d3.slice(1), v5: d5.slice(1) });
  }
  return [...groups.values()].map(({ messages, ...d }) => ({
    ...d,
    v311: [...new Set(d.v311)],
    v5: [...new Set(d.v5)],
    params: { ...d.params, count: messages.length, messages: messages.map((n) => `#${n}`).join(', ') },
  }));
}

type Verdict = 'held' | 'broken' | 'unjudged';
const verdictOf = (held: boolean | null): Verdict => (held === null ? 'unjudged' : held ? 'held' : 'broken');

/** The totals and the verdict, when they differ (one difference each, after the others). */
export function outcomeDifferences(v311: VersionRun, v5: VersionRun): VersionDifference[] {
  const a = v311.outcome;
  const b = v5.outcome;
  const out: VersionDifference[] = [];
  const counts = ['published', 'delivered', 'lost', 'duplicates'] as const;
  if (counts.some((k) => a[k] !== b[k])) {
    const params: Record<string, number> = {};
    for (const k of counts) {
      params[`${k}311`] = a[k];
      params[`${k}5`] = b[k];
    }
    out.push({ kind: 'outcome', key: 'outcomeCounts', params, v311: [], v5: [] });
  }
  if (a.guaranteeHeld !== b.guaranteeHeld) {
    out.push({ kind: 'outcome', key: 'verdict', params: { v311: verdictOf(a.guaranteeHeld), v5: verdictOf(b.guaranteeHeld) }, v311: [], v5: [] });
  }
  return out;
}
