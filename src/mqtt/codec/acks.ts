/**
 * Packets that are a fixed header and a Packet Identifier, nothing else (MQTT 3.4 - 3.7, 3.11).
 *
 *   PUBACK    40 02 id id        PUBREC   50 02 id id       PUBREL  62 02 id id
 *   PUBCOMP   70 02 id id        UNSUBACK b0 02 id id
 *
 *   byte 2   packet identifier MSB
 *   byte 3   packet identifier LSB    (never 0, MQTT-2.3.1-1)
 */
import type { AckPacket, AckType } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import type { Notes } from './annotations';
import { isPacketId } from './publish';

/** Byte 0 of each ack. */
function ackByte0(type: AckType): number {
  switch (type) {
    case 'PUBACK': return 0x40;
    case 'PUBREC': return 0x50;
    case 'PUBREL': return 0x62; // MQTT-3.6.1-1: PUBREL flags are 0010
    case 'PUBCOMP': return 0x70;
    case 'UNSUBACK': return 0xb0;
  }
}

export function encodeAck(p: AckPacket): Uint8Array {
  if (!isPacketId(p.packetId)) invariant(false, `${p.type} needs a packetId 1..65535`); // message built only when needed
  const out = new Uint8Array(4);
  out[0] = ackByte0(p.type);
  out[1] = 2;
  out[2] = p.packetId >> 8;
  out[3] = p.packetId & 0xff;
  return out;
}

/** A decoder for one ack type; the generic length check in decode() refuses anything after the id. */
export function ackDecoder<T extends AckType>(type: T): (c: Cursor) => AckPacket<T> {
  return (c) => ({ type, packetId: c.packetId() });
}

export function annotateAck(p: AckPacket, notes: Notes): void {
  notes.packetId(p.packetId);
}
