/**
 * Where a question stops the run and where its reveal ends, as cursors over the trace: the
 * index of the last revealed event, -1 for the start (the cursor of diagram/steps.ts).
 *
 * Rules this file keeps:
 * - Every cursor is a step end, so the lab stops exactly where Step would (FORMAT.md, Stops).
 * - `{ before: P }` is the step end just before the step that sends P; `{ after: P }` is the step
 *   that shows P's fate: its packetDropped event if it was dropped, else its packetSent.
 * - A packet that is not in the run is an error naming it, never a guess.
 */
import { previousStop, snapToStep } from '../diagram/steps';
import type { Parsed } from '../sim/scenario';
import type { Trace } from '../sim/trace';
import { findSent, parsePacketRef } from './packet-ref';
import type { Reveal, Stop } from './schema';

/** A trace with its step ends (diagram/steps.ts stepEnds), what every cursor is computed on. */
export interface SteppedTrace {
  trace: Trace;
  ends: readonly number[];
}

/** The cursor at the end of the run. */
export function endCursor(run: SteppedTrace): number {
  return run.ends.length ? run.ends[run.ends.length - 1] : -1;
}

/** The trace index of the packetSent event that `spec` (PACKET notation, already validated) names. */
export function sentIndex(run: SteppedTrace, spec: string): Parsed<number> {
  const ref = parsePacketRef(spec);
  if (!ref.ok) return ref;
  const sent = findSent(run.trace, ref.value);
  return sent.ok ? { ok: true, value: sent.value.index } : sent;
}

/** Just after the packet's fate is shown: its drop if it was dropped, else its sending. */
export function afterPacket(run: SteppedTrace, spec: string): Parsed<number> {
  const sent = sentIndex(run, spec);
  if (!sent.ok) return sent;
  const { wireId } = run.trace.events[sent.value] as { wireId: number };
  const dropped = run.trace.events.find((e, i) => i > sent.value && e.kind === 'packetDropped' && e.wireId === wireId);
  return { ok: true, value: snapToStep(run.ends, dropped ? dropped.index : sent.value) };
}

/** Just before the step that sends the packet. */
export function beforePacket(run: SteppedTrace, spec: string): Parsed<number> {
  const sent = sentIndex(run, spec);
  return sent.ok ? { ok: true, value: previousStop(run.ends, snapToStep(run.ends, sent.value)) } : sent;
}

/**
 * The stop of a question. `carried` is where an absent stop puts it: the previous question's
 * reveal when it ran the same scenario, else -1 (the caller knows which).
 */
export function stopCursor(run: SteppedTrace, stop: Stop | undefined, carried: number): Parsed<number> {
  if (stop === undefined) return { ok: true, value: carried };
  if (stop === 'start') return { ok: true, value: -1 };
  const r = 'before' in stop ? beforePacket(run, stop.before) : afterPacket(run, stop.after);
  return r.ok ? r : { ok: false, error: `stop.${'before' in stop ? 'before' : 'after'}: ${r.error}` };
}

/** An explicit reveal: `"end"` or `{ after: PACKET }`. */
export function revealCursor(run: SteppedTrace, reveal: Reveal): Parsed<number> {
  if (reveal === 'end') return { ok: true, value: endCursor(run) };
  const r = afterPacket(run, reveal.after);
  return r.ok ? r : { ok: false, error: `reveal.after: ${r.error}` };
}
