/**
 * The Outcome panel's words, as pure functions of the outcome and the trace (tested in Node):
 * the verdict in one of three states (held, did not hold, not judged, with why) and the rows shown.
 */
import type { Messages } from '../i18n';
import type { Outcome, Trace } from '../../worker/api';

/** Rows shown at most; those that went wrong come first when there are more. */
const MAX_ROWS = 50;

type Pair = Outcome['pairs'][number];

export function verdictOf(o: Messages['outcome'], outcome: Outcome, trace: Trace | null): { cls: string; text: string } {
  if (outcome.guaranteeHeld === null) {
    let why: string;
    if (!outcome.settled) {
      const note = unsettledNote(trace);
      why = note ? o.unfinished(readable(note)) : o.unfinishedBare;
    } else why = outcome.messages === 0 ? o.nothingPublished : o.nobodyOwed;
    return { cls: 'unjudged', text: o.notJudged({ why }) };
  }
  if (outcome.pairs.length > 0 && outcome.pairs.every((p) => p.promise === 'none')) {
    return { cls: 'unjudged', text: outcome.pairs.every((p) => p.grantedQos === null) ? o.allRefused : o.nothingPromised };
  }
  return outcome.guaranteeHeld ? { cls: 'ok', text: o.held } : { cls: 'bad', text: o.broken };
}

/** The params of the 'run.unsettled' note the simulator leaves at the end of a run that did not settle. */
export function unsettledNote(trace: Trace | null): Record<string, string | number | boolean> | null {
  const events = trace?.events ?? [];
  for (let i = events.length - 1; i >= 0 && i >= events.length - 50; i--) {
    const e = events[i];
    if (e.kind === 'note' && e.key === 'run.unsettled') return e.params;
  }
  return null;
}

/** Large counts with thousands separators (250,000 steps), as every language here writes them. */
function readable(params: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && Math.abs(v) >= 10_000 ? v.toLocaleString('en-US') : v]));
}

const wentWrong = (p: Pair) => p.deliveries !== 1 || !p.held;

/** The first MAX_ROWS pairs, or, when there are more, those that went wrong first (in message order). */
export function rowsOf(pairs: readonly Pair[]): Pair[] {
  if (pairs.length <= MAX_ROWS) return pairs.slice();
  const picked = new Set<Pair>();
  for (const p of pairs) if (picked.size < MAX_ROWS && wentWrong(p)) picked.add(p);
  for (const p of pairs) if (picked.size < MAX_ROWS) picked.add(p);
  return pairs.filter((p) => picked.has(p));
}
