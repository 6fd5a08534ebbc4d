/**
 * The versions view's words and marks, as pure functions of a comparison (tested in Node):
 * a difference in the reader's language, the packets it lists, and the Δ marks each diagram
 * draws (to-mermaid's `marks`).
 */
import type { Messages } from '../../i18n';
import type { Trace, VersionComparison, VersionDifference } from '../../../worker/api';
import { compactPacketLabel } from '../../../diagram/labels';

export type Side = 'v311' | 'v5';
export const SIDES: readonly Side[] = ['v311', 'v5'];
export const VERSION_OF: Record<Side, '3.1.1' | '5.0'> = { v311: '3.1.1', v5: '5.0' };

/** Differences listed (and marked) at most: a run that went its own way can differ in hundreds of places. */
export const MAX_LISTED = 60;

/** The mark of difference number `n` (1-based), in the diagrams and the list. */
export const markOf = (n: number) => `Δ${n}`;

const PARTICIPANT_PARAMS = ['from', 'to', 'client', 'subscriber'] as const;

/** One difference as a sentence: participants in the reader's words, reasons and verdicts named. */
export function differenceText(t: Messages, d: VersionDifference): string {
  const params = { ...d.params };
  for (const k of PARTICIPANT_PARAMS) if (typeof params[k] === 'string') params[k] = t.participant(params[k]);
  if (typeof params.reason === 'string') params.reason = t.outcome.lostReason[params.reason] ?? params.reason;
  if (d.key === 'verdict') {
    params.v311 = t.versions.verdict[String(params.v311)] ?? params.v311;
    params.v5 = t.versions.verdict[String(params.v5)] ?? params.v5;
  }
  return t.versions.diff[d.key](params);
}

/** A packet of a run as the list shows it: `PUBREL publisher → broker`. */
export function packetText(t: Messages, trace: Trace, eventIndex: number): string {
  const e = trace.events[eventIndex];
  if (e?.kind !== 'packetSent') return '';
  return `${compactPacketLabel(e.packet, e.retransmission)} · ${t.participant(e.from)} → ${t.participant(e.to)}`;
}

/** Per side, the mark of each event a listed difference points at (the first difference wins an event). */
export function marksOf(c: Pick<VersionComparison, 'differences'>): Record<Side, Map<number, string>> {
  const out: Record<Side, Map<number, string>> = { v311: new Map(), v5: new Map() };
  c.differences.slice(0, MAX_LISTED).forEach((d, k) => {
    for (const side of SIDES) for (const i of d[side]) if (!out[side].has(i)) out[side].set(i, markOf(k + 1));
  });
  return out;
}
