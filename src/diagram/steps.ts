/**
 * Steps over a trace: what one press of Step reveals.
 *
 * A step ends at the next event a learner can see happen: a packet sent, a packet dropped,
 * a connection lost, or a message handed to an application. Everything before it (decisions,
 * timers, deliveries) is revealed with it, so one key press = one packet or one visible happening.
 * The cursor is the index of the last revealed event; -1 means nothing is revealed yet.
 */
import type { Trace, TraceEvent } from '../sim/trace';

const STEP_ENDS: ReadonlySet<TraceEvent['kind']> = new Set(['packetSent', 'packetDropped', 'connectionLost', 'appDeliver']);

/** Event indices at which a step ends, ascending; the last event always ends one. */
export function stepEnds(trace: Trace | null): number[] {
  if (!trace) return [];
  const ends: number[] = [];
  trace.events.forEach((e, i) => {
    if (STEP_ENDS.has(e.kind)) ends.push(i);
  });
  const last = trace.events.length - 1;
  if (last >= 0 && ends[ends.length - 1] !== last) ends.push(last);
  return ends;
}

/** The cursor after one more step, or the same cursor at the end. */
export function nextStop(ends: readonly number[], cursor: number): number {
  for (const e of ends) if (e > cursor) return e;
  return cursor;
}

/** The cursor one step back: the previous step's end, or -1 (the start). */
export function previousStop(ends: readonly number[], cursor: number): number {
  for (let i = ends.length - 1; i >= 0; i--) if (ends[i] < cursor) return ends[i];
  return -1;
}

/** How many steps are revealed at `cursor` (0 at the start). */
export function stepNumber(ends: readonly number[], cursor: number): number {
  let n = 0;
  for (const e of ends) if (e <= cursor) n++;
  return n;
}

/** Snap any event index onto a step end at or after it (a kept cursor after a re-run). */
export function snapToStep(ends: readonly number[], cursor: number): number {
  if (cursor < 0 || ends.length === 0) return -1;
  for (const e of ends) if (e >= cursor) return e;
  return ends[ends.length - 1];
}

/** Indices of the events of the step that ends at `cursor`. */
export function stepRange(ends: readonly number[], cursor: number): [from: number, to: number] | null {
  if (cursor < 0) return null;
  return [previousStop(ends, cursor) + 1, cursor];
}
