/**
 * The acknowledgements of a PUBLISH (MQTT 3.4 - 3.7), and 3.1.1's UNSUBACK (3.11), which has
 * the same shape. (A 5.0 UNSUBACK carries a Reason Code per filter: unsubscribe.ts.)
 *
 *   3.1.1: a fixed header and a Packet Identifier, nothing else
 *   PUBACK    40 02 id id        PUBREC   50 02 id id       PUBREL  62 02 id id
 *   PUBCOMP   70 02 id id        UNSUBACK b0 02 id id
 *
 *   byte 2   packet identifier MSB
 *   byte 3   packet identifier LSB    (never 0, MQTT-2.3.1-1)
 *
 *   5.0 (3.4.2 - 3.7.2): then a Reason Code and properties, each left out when it says nothing:
 *   Remaining Length 2   id                               (reason code 0x00 Success)
 *   Remaining Length 3   id | reason code                 (no properties)
 *   Remaining Length 4+  id | reason code | property length | properties
 */
import type { AckPacket, AckProperties, PublishAckType, UnsubackPacket } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { fail, PROTOCOL_ERROR } from './cursor-failure';
import type { Notes } from './annotations';
import { startPacket } from './fixed-header';
import { annotateProperties, propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { isPacketId } from './publish';
import { isReasonCode, reasonCodeName, reasonCodeRule, reasonCodeText } from './reason-codes';

/** The packets laid out as a 3.1.1 ack. */
type Ack311 = AckPacket | UnsubackPacket;

/** Byte 0 of each ack. */
function ackByte0(type: Ack311['type']): number {
  switch (type) {
    case 'PUBACK': return 0x40;
    case 'PUBREC': return 0x50;
    case 'PUBREL': return 0x62; // MQTT-3.6.1-1: PUBREL flags are 0010
    case 'PUBCOMP': return 0x70;
    case 'UNSUBACK': return 0xb0;
  }
}

export function encodeAck(p: Ack311): Uint8Array {
  if (!isPacketId(p.packetId)) invariant(false, `${p.type} needs a packetId 1..65535`); // message built only when needed
  if (p.properties !== undefined || (p as AckPacket).reasonCode !== undefined || (p as UnsubackPacket).reasonCodes !== undefined) {
    invariant(false, `${p.type} reason codes and properties need MQTT 5.0`);
  }
  return ackBytes(p);
}

/** The four bytes of an ack that is only a packet identifier. */
function ackBytes(p: Ack311): Uint8Array {
  const out = new Uint8Array(4);
  out[0] = ackByte0(p.type);
  out[1] = 2;
  out[2] = p.packetId >> 8;
  out[3] = p.packetId & 0xff;
  return out;
}

/** A decoder for one ack type; the generic length check in decode() refuses anything after the id. */
export function ackDecoder<T extends Ack311['type']>(type: T): (c: Cursor) => { type: T; packetId: AckPacket['packetId'] } {
  return (c) => ({ type, packetId: c.packetId() });
}

export function annotateAck(p: Ack311, notes: Notes): void {
  notes.packetId(p.packetId);
}

// ---- MQTT 5.0 ----

export function encodeAck5(p: AckPacket): Uint8Array {
  if (!isPacketId(p.packetId)) invariant(false, `${p.type} needs a packetId 1..65535`);
  const propsBytes = propertiesSize(p.properties, PROPERTY_SETS[p.type]);
  if (p.reasonCode === undefined && propsBytes === 0) return ackBytes(p); // 3.4.2.1: "a Remaining Length of 2"
  const code = p.reasonCode ?? 0;
  invariant(isReasonCode(p.type, code), `0x${code.toString(16)} is not a ${p.type} reason code (${reasonCodeRule(p.type)})`);
  const remaining = 3 + (propsBytes === 0 ? 0 : propertiesFieldSize(propsBytes));
  const out = startPacket(ackByte0(p.type), remaining);
  const pos = out.length - remaining;
  out[pos] = p.packetId >> 8;
  out[pos + 1] = p.packetId & 0xff;
  out[pos + 2] = code;
  if (propsBytes > 0) writeProperties(out, pos + 3, p.properties, propsBytes, PROPERTY_SETS[p.type]);
  return out;
}

export function ackDecoder5<T extends PublishAckType>(type: T): (c: Cursor) => AckPacket<T> {
  return (c) => {
    const packet: AckPacket<T> = { type, packetId: c.packetId() };
    if (c.remaining === 0) return packet;
    const code = c.u8('reason code');
    // MQTT-3.4.2-1 / 3.5.2-1 / 3.6.2-1 / 3.7.2-1: the sender uses one of this packet's Reason Codes.
    if (!isReasonCode(type, code)) fail(reasonCodeRule(type), `0x${code.toString(16)} is not a ${type} reason code`, PROTOCOL_ERROR);
    packet.reasonCode = code as AckPacket<T>['reasonCode'];
    if (c.remaining === 0) return packet; // "If the Remaining Length is less than 4 there is no Property Length"
    const properties = readProperties(c, PROPERTY_SETS[type]) as AckProperties | undefined;
    if (properties) packet.properties = properties;
    return packet;
  };
}

export function annotateAck5(p: AckPacket, notes: Notes, end: number): void {
  notes.packetId(p.packetId);
  if (notes.pos === end) return;
  const code = p.reasonCode ?? 0;
  notes.u8('Reason code', reasonCodeName(p.type, code)[1], reasonCodeText(p.type, code));
  if (notes.pos < end) annotateProperties(notes, PROPERTY_SETS[p.type]);
}
