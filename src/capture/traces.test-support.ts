/**
 * Traces that the simulator does not make (yet) but that a capture must handle, written by hand.
 */
import { millis, type Packet } from '../mqtt/types';
import type { PacketDeliveredEvent, PacketSentEvent, Trace } from '../sim/trace';

/** A client that says goodbye with DISCONNECT (the lab's clients stay connected): 20 ms each way. */
export function disconnectTrace(): Trace {
  const packets: [tMs: number, from: string, to: string, packet: Packet, bytes: number[]][] = [
    // CONNECT: MQTT 3.1.1, clean session, keep-alive 60 s, empty client id
    [0, 'publisher', 'broker', { type: 'CONNECT' } as Packet, [0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00]],
    [20, 'broker', 'publisher', { type: 'CONNACK' } as Packet, [0x20, 0x02, 0x00, 0x00]], // accepted, no session
    [40, 'publisher', 'broker', { type: 'DISCONNECT' }, [0xe0, 0x00]],
  ];
  const events: (PacketSentEvent | PacketDeliveredEvent)[] = [];
  packets.forEach(([tMs, from, to, packet, bytes], wireId) => {
    events.push({ kind: 'packetSent', index: 0, tMs: millis(tMs), key: `packet.sent.${packet.type}`, params: {}, wireId, from, to, packet,
      bytes: Uint8Array.from(bytes), retransmission: false });
    events.push({ kind: 'packetDelivered', index: 0, tMs: millis(tMs + 20), key: `packet.delivered.${packet.type}`, params: {}, wireId, from, to, type: packet.type });
  });
  events.sort((a, b) => a.tMs - b.tMs).forEach((e, i) => { e.index = i; });
  return { participants: [{ id: 'publisher', role: 'publisher' }, { id: 'broker', role: 'broker' }], events };
}
