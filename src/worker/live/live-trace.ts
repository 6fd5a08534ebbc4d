/**
 * The trace of a live session as it grows: the same events, keys and params the simulator and
 * capture import write (sim/trace.ts), so the diagram, inspector, narration, state tables and
 * outcome read it unchanged.
 *
 * Rules this file keeps:
 * - Append-only, in the order things happened here; `tMs` is real milliseconds since the session
 *   started (the injected clock), to the microsecond.
 * - The lab's clients are the capture point: a packet is `packetSent` and `packetDelivered` at the
 *   instant it crossed the client's end of the WebSocket (handed to it, or read from it), as a
 *   capture shows it (capture-to-trace.ts). What the broker did between, no one here can see.
 * - A packet the lab dropped is `packetSent` then `packetDropped`, never delivered.
 */
import type { Packet, PacketType } from '../../mqtt/types';
import { packetParams } from '../../sim/world-links';
import type { DropCause, ParticipantInfo, Trace, TraceEvent } from '../../sim/trace';

/** An event before it has its place and time in the trace. */
export type NewEvent = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'index' | 'tMs'> : never) : never;

export class LiveTrace {
  readonly trace: Trace;
  private nextWireId = 1;

  constructor(participants: ParticipantInfo[], private readonly elapsedMs: () => number) {
    this.trace = { participants, events: [] };
  }

  get length(): number {
    return this.trace.events.length;
  }

  emit(event: NewEvent): TraceEvent {
    const tMs = Math.round(this.elapsedMs() * 1000) / 1000;
    const full = { ...event, index: this.trace.events.length, tMs } as TraceEvent;
    this.trace.events.push(full);
    return full;
  }

  /** A packet that crossed the wire: sent and delivered at once (see the rules above). */
  crossed(from: string, to: string, packet: Packet, bytes: Uint8Array, retransmission: boolean): void {
    const wireId = this.sent(from, to, packet, bytes, retransmission);
    this.emit({ kind: 'packetDelivered', key: `packet.delivered.${packet.type}`, params: packetParams(packet, from, to),
      wireId, from, to, type: packet.type });
  }

  /** A packet dropped: sent, then lost (`intervention`: on request, breaking its connection; `connectionBroken`: lost with it). */
  dropped(from: string, to: string, packet: Packet, bytes: Uint8Array, retransmission: boolean, cause: DropCause): TraceEvent {
    const wireId = this.sent(from, to, packet, bytes, retransmission);
    const type: PacketType = packet.type;
    return this.emit({ kind: 'packetDropped', key: `packet.dropped.${cause}`, params: { type, from, to, cause, breaks: cause === 'intervention' },
      cause, wireId, from, to, type });
  }

  private sent(from: string, to: string, packet: Packet, bytes: Uint8Array, retransmission: boolean): number {
    const wireId = this.nextWireId++;
    this.emit({ kind: 'packetSent', key: `packet.sent.${packet.type}`, params: packetParams(packet, from, to),
      wireId, from, to, packet, bytes, retransmission });
    return wireId;
  }
}
