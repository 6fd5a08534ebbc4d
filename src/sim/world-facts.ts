/**
 * The facts the outcome is judged by, recorded as the world sees them happen (beside the trace,
 * in every recording): publications given up for good, and the broker's retained message over
 * time. The world's helpers call these; outcome.ts reads what they record.
 */
import { millis, type AppMessage } from '../mqtt/types';
import type { LossFact } from './trace';
import type { WorldContext } from './world-types';

/** The trace event just emitted (the engine's decision that comes before its `discarded` output), in a 'full' recording. */
export function lastEvent(w: WorldContext): { event?: number } {
  return w.full && w.trace.events.length > 0 ? { event: w.trace.events.length - 1 } : {};
}

/** Publications given up for good, for `to` (a subscriber) or, without it, for everyone. */
export function recordLosses(w: WorldContext, reason: LossFact['reason'], messages: readonly AppMessage[], to: string | undefined,
  event: { event?: number } = lastEvent(w)): void {
  for (const m of messages) {
    const publicationNo = w.publicationNoOf(m.topic, m.payload);
    if (publicationNo < 0) continue; // a will or a stranger: no publication owed to anyone
    w.state.losses.push({ reason, publicationNo, ...(to !== undefined && { client: to }), tMs: millis(w.state.nowMs), ...event });
  }
}

/** A subscriber's subscriptions ended with its session: it gets nothing until it subscribes again. */
export function recordSubscriptionEnded(w: WorldContext, reason: LossFact['reason'], client: string): void {
  w.state.losses.push({ reason, client, tMs: millis(w.state.nowMs), ...lastEvent(w) });
}

/** Records a change of the broker's retained message for the scenario's topic (see RetainedFact). */
export function noteRetained(w: WorldContext): void {
  const topic = w.scenario.topic;
  const m = w.state.broker.retained.get(topic);
  const publicationNo = m === undefined ? -1 : w.publicationNoOf(m.topic, m.payload);
  const list = w.state.retainedStored;
  const last = list.length > 0 ? list[list.length - 1] : undefined;
  if (publicationNo !== (last?.publicationNo ?? -1)) list.push({ topic, publicationNo, tMs: millis(w.state.nowMs) });
}

/** Adds one to `map[key][slot]` (counts by publication number: an array beats a Map of 100,000 entries); returns the new count. */
export function countInto(map: Map<string, number[]>, key: string, slot: number): number {
  let counts = map.get(key);
  if (counts === undefined) map.set(key, (counts = []));
  return (counts[slot] = (counts[slot] ?? 0) + 1);
}
