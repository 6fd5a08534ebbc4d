/**
 * annotate(): one packet's bytes as named fields, like Wireshark's MQTT dissector. Every
 * byte of the packet lies in exactly one top-level field, in order, with no gaps (a string
 * or payload of length 0 shows as a field of length 0). Flags bytes carry a bit-level
 * breakdown in `bits`.
 *
 * Design: decode() first, then walk the decoded packet. Decoding is strict, so the bytes
 * are exactly what the packet encodes to and the walk needs no second parser. Two things a
 * decoded 5.0 packet does not keep are read from the bytes: the order of its properties and
 * whether it left out a reason code (properties.ts, `end`). A malformed or incomplete packet
 * gets its fixed header named and the rest marked as such.
 */
import type { Packet, ProtocolVersion } from '../types';
import type { ProtocolError } from '../errors';
import { assertNever, protocolError } from '../errors';
import { annotateAck, annotateAck5 } from './acks';
import { annotateConnack } from './connack';
import { annotateConnect } from './connect';
import { decode, type DecodeOptions } from './decode';
import { annotateReasonPacket } from './disconnect-auth';
import { FIXED_FLAGS, packetTypeOf } from './fixed-header';
import type { Annotation, BitField } from './annotations';
import { Notes } from './annotations';
import { annotatePublish } from './publish';
import { readRemainingLength } from './remaining-length';
import { annotateSuback, annotateSubscribe } from './subscribe';
import { annotateUnsuback5, annotateUnsubscribe } from './unsubscribe';

const PUBLISH_BITS: readonly BitField[] = [
  [0b1111_0000, 'Packet type', 'packet-type'],
  [0b0000_1000, 'DUP', 'dup'],
  [0b0000_0110, 'QoS', 'qos'],
  [0b0000_0001, 'RETAIN', 'retain'],
];

/** `options.version` as for decode(): the version the packet is read in (default 3.1.1). */
export function annotate(bytes: Uint8Array, options: Pick<DecodeOptions, 'version'> = {}): { packet?: Packet; fields: Annotation[]; error?: ProtocolError } {
  const version = options.version ?? 4;
  const notes = new Notes(bytes);
  if (bytes.length === 0) return { fields: [], error: incomplete(2, 0) };
  const result = decode(bytes, 0, options);
  annotateByte0(bytes[0], notes, version);
  const length = readRemainingLength(bytes, 1, version);
  if (length.kind === 'value') {
    notes.add(length.size, 'Remaining length', 'remaining-length', `${length.value} bytes follow`);
  }
  if (result.kind === 'packet') {
    annotateBody(result.packet, notes, result.size, version);
    return { packet: result.packet, fields: notes.fields };
  }
  const error = result.kind === 'malformed' ? result.error : incomplete(result.atLeast, bytes.length);
  if (notes.pos < bytes.length) {
    const what = result.kind === 'malformed' ? 'malformed' : 'incomplete';
    notes.add(bytes.length - notes.pos, result.kind === 'malformed' ? 'Malformed bytes' : 'Incomplete packet', what, error.message);
  }
  return { fields: notes.fields, error };
}

function annotateByte0(byte0: number, notes: Notes, version: ProtocolVersion): void {
  const type = packetTypeOf(byte0, version);
  const typeName = type ?? `reserved (${byte0 >> 4})`;
  if (type === 'PUBLISH') {
    const qos = (byte0 >> 1) & 3;
    notes.flags('Packet type and flags', 'fixed-header', PUBLISH_BITS);
    const top = notes.fields[notes.fields.length - 1];
    top.value = `PUBLISH, DUP ${(byte0 >> 3) & 1}, QoS ${qos}, RETAIN ${byte0 & 1}`;
    (top.bits as Annotation[])[0].value = 'PUBLISH (3)';
    return;
  }
  const fixed = type === undefined ? undefined : FIXED_FLAGS[type];
  const flagsKey = fixed?.flags === 0b0010 ? 'fixed-flags-0010' : 'reserved-flags';
  notes.flags('Packet type and flags', 'fixed-header', [
    [0b1111_0000, 'Packet type', 'packet-type'],
    [0b0000_1111, 'Flags', flagsKey],
  ]);
  const top = notes.fields[notes.fields.length - 1];
  top.value = typeName;
  const bits = top.bits as Annotation[];
  bits[0].value = `${typeName} (${byte0 >> 4})`;
  bits[1].value = (byte0 & 0x0f).toString(2).padStart(4, '0');
}

function annotateBody(packet: Packet, notes: Notes, end: number, version: ProtocolVersion): void {
  switch (packet.type) {
    case 'CONNECT': return annotateConnect(packet, notes, end, packet.protocolLevel === 5 && isConnect5(notes.bytes, version));
    case 'CONNACK': return annotateConnack(packet, notes);
    case 'PUBLISH': return annotatePublish(packet, notes, version);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP': return version === 5 ? annotateAck5(packet, notes, end) : annotateAck(packet, notes);
    case 'UNSUBACK': return version === 5 ? annotateUnsuback5(packet, notes) : annotateAck(packet, notes);
    case 'SUBSCRIBE': return annotateSubscribe(packet, notes, version);
    case 'SUBACK': return annotateSuback(packet, notes);
    case 'UNSUBSCRIBE': return annotateUnsubscribe(packet, notes, version);
    case 'PINGREQ':
    case 'PINGRESP': return;
    case 'DISCONNECT': return version === 5 ? annotateReasonPacket(packet, notes, end) : undefined;
    case 'AUTH': return annotateReasonPacket(packet, notes, end);
    default: return assertNever(packet, 'packet');
  }
}

/** Whether a level-5 CONNECT is valid 5.0 (a 3.1.1 receiver also accepts one that is not). */
function isConnect5(bytes: Uint8Array, version: ProtocolVersion): boolean {
  return version === 5 || decode(bytes, 0, { version: 5 }).kind === 'packet';
}

function incomplete(atLeast: number, have: number): ProtocolError {
  return protocolError('remote', 'MQTT-2.2.3', `incomplete packet: at least ${atLeast} bytes needed, ${have} given`);
}

