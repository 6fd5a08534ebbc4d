/**
 * Derived views of the run, as pure functions of (trace, cursor): components call them through
 * `useMemo` or `useShallow`, so nothing derived is ever stored twice.
 */
import type { PacketSentEvent, Trace, TraceEvent } from '../../sim/trace';
import type { LabState } from './lab-store';
import { stepRange } from '../../diagram/steps';

/** Packets sent and not yet delivered or dropped at `cursor`: what is on the wire right now. */
export function inFlight(trace: Trace | null, cursor: number): PacketSentEvent[] {
  if (!trace) return [];
  const open = new Map<number, PacketSentEvent>();
  for (let i = 0; i <= cursor && i < trace.events.length; i++) {
    const e = trace.events[i];
    if (e.kind === 'packetSent') open.set(e.wireId, e);
    else if (e.kind === 'packetDelivered' || e.kind === 'packetDropped') open.delete(e.wireId);
  }
  return [...open.values()];
}

/** The events revealed by the step that ends at the cursor. */
export function currentStepEvents(state: Pick<LabState, 'run'> & { playback: Pick<LabState['playback'], 'cursor'> }): TraceEvent[] {
  const { trace, steps } = state.run;
  const range = stepRange(steps, state.playback.cursor);
  if (!trace || !range) return [];
  return trace.events.slice(range[0], range[1] + 1);
}

/** The packet the inspector shows: the learner's pick, else the latest packet sent so far. */
export function selectedPacket(trace: Trace | null, cursor: number, picked: number | null): PacketSentEvent | null {
  if (!trace) return null;
  if (picked !== null) {
    const e = trace.events[picked];
    if (e?.kind === 'packetSent' && picked <= cursor) return e;
  }
  const n = sentUpTo(trace, cursor);
  return n > 0 ? sentInTrace(trace)[n - 1] : null;
}

const sentCache = new WeakMap<Trace, PacketSentEvent[]>();

/** Every packet sent in the run, in order (computed once per trace). */
export function sentInTrace(trace: Trace | null): PacketSentEvent[] {
  if (!trace) return [];
  let sent = sentCache.get(trace);
  if (!sent) {
    sent = trace.events.filter((e): e is PacketSentEvent => e.kind === 'packetSent');
    sentCache.set(trace, sent);
  }
  return sent;
}

/** How many packets are sent at `cursor` (a binary search, cheap enough for a selector). */
export function sentUpTo(trace: Trace | null, cursor: number): number {
  const sent = sentInTrace(trace);
  let lo = 0;
  let hi = sent.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sent[mid].index <= cursor) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Packets sent so far, for the inspector's packet list. */
export function sentSoFar(trace: Trace | null, cursor: number): PacketSentEvent[] {
  if (!trace) return [];
  return trace.events.slice(0, cursor + 1).filter((e): e is PacketSentEvent => e.kind === 'packetSent');
}

/** Deliveries to applications revealed so far, per `publicationNo/subscriber`. */
export function deliveriesSoFar(trace: Trace | null, cursor: number): Map<string, number> {
  const counts = new Map<string, number>();
  if (!trace) return counts;
  for (let i = 0; i <= cursor && i < trace.events.length; i++) {
    const e = trace.events[i];
    if (e.kind === 'appDeliver') counts.set(`${e.publicationNo}/${e.client}`, (counts.get(`${e.publicationNo}/${e.client}`) ?? 0) + 1);
  }
  return counts;
}

/** How many packets of this type went this way up to and including event `index` (for a drop rule). */
export function nthOfKind(trace: Trace, index: number): number {
  const target = trace.events[index];
  if (target?.kind !== 'packetSent') return 1;
  let n = 0;
  for (let i = 0; i <= index; i++) {
    const e = trace.events[i];
    if (e.kind === 'packetSent' && e.packet.type === target.packet.type && e.from === target.from && e.to === target.to) n++;
  }
  return n;
}

/**
 * The Outcome's totals as far as the cursor: pairs (publication, subscriber) counted as in
 * outcome.ts, with the deliveries revealed so far and only publications already published.
 */
export function totalsSoFar(trace: Trace | null, cursor: number, pairs: readonly { publicationNo: number; subscriber: string }[], soFar: ReadonlyMap<string, number>): { published: number; delivered: number; duplicates: number } {
  const published = new Set<number>();
  if (trace) for (let i = 0; i <= cursor && i < trace.events.length; i++) {
    const e = trace.events[i];
    if (e.kind === 'appPublish') published.add(e.publicationNo);
  }
  let owed = 0;
  let delivered = 0;
  let duplicates = 0;
  for (const p of pairs) {
    const n = soFar.get(`${p.publicationNo}/${p.subscriber}`) ?? 0;
    if (published.has(p.publicationNo)) owed++;
    if (n > 0) delivered++;
    duplicates += Math.max(0, n - 1);
  }
  return { published: owed, delivered, duplicates };
}

/**
 * The Outcome's verdict is a spoiler until the run's end in a lesson, in presentation mode (and
 * in the lab when the learner asks for it): what happened so far is shown, what it means is not.
 */
export function verdictHidden(s: Pick<LabState, 'run' | 'playback' | 'view' | 'prefs'>): boolean {
  const last = s.run.steps[s.run.steps.length - 1] ?? -1;
  if (s.playback.cursor >= last) return false;
  return s.view.tab === 'lesson' || s.view.presentation || s.prefs.hideVerdict;
}
