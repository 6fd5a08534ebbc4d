/**
 * annotate(): one packet's bytes as named fields, like Wireshark's MQTT dissector. Every
 * byte of the packet lies in exactly one top-level field, in order, with no gaps (a string
 * or payload of length 0 shows as a field of length 0). Flags bytes carry a bit-level
 * breakdown in `bits`.
 *
 * Design: decode() first, then walk the decoded packet. Decoding is strict, so the bytes
 * are exactly what the packet encodes to and the walk needs no second parser. A malformed
 * or incomplete packet gets its fixed header named and the rest marked as such.
 */
import type { Packet } from '../types';
import type { ProtocolError } from '../errors';
import { assertNever, protocolError } from '../errors';
import { annotateAck } from './acks';
import { annotateConnack } from './connack';
import { annotateConnect } from './connect';
import { decode } from './decode';
import { FIXED_FLAGS, packetTypeOf } from './fixed-header';
import type { Annotation, BitField } from './annotations';
import { Notes } from './annotations';
import { annotatePublish } from './publish';
import { readRemainingLength } from './remaining-length';
import { annotateSuback, annotateSubscribe } from './subscribe';
import { annotateUnsubscribe } from './unsubscribe';

const PUBLISH_BITS: readonly BitField[] = [
  [0b1111_0000, 'Packet type', 'packet-type'],
  [0b0000_1000, 'DUP', 'dup'],
  [0b0000_0110, 'QoS', 'qos'],
  [0b0000_0001, 'RETAIN', 'retain'],
];

export function annotate(bytes: Uint8Array): { packet?: Packet; fields: Annotation[]; error?: ProtocolError } {
  const notes = new Notes(bytes);
  if (bytes.length === 0) return { fields: [], error: incomplete(2, 0) };
  const result = decode(bytes);
  annotateByte0(bytes[0], notes);
  const length = readRemainingLength(bytes, 1);
  if (length.kind === 'value') {
    notes.add(length.size, 'Remaining length', 'remaining-length', `${length.value} bytes follow`);
  }
  if (result.kind === 'packet') {
    annotateBody(result.packet, notes, result.size);
    return { packet: result.packet, fields: notes.fields };
  }
  const error = result.kind === 'malformed' ? result.error : incomplete(result.atLeast, bytes.length);
  if (notes.pos < bytes.length) {
    const what = result.kind === 'malformed' ? 'malformed' : 'incomplete';
    notes.add(bytes.length - notes.pos, result.kind === 'malformed' ? 'Malformed bytes' : 'Incomplete packet', what, error.message);
  }
  return { fields: notes.fields, error };
}

function annotateByte0(byte0: number, notes: Notes): void {
  const type = packetTypeOf(byte0);
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

function annotateBody(packet: Packet, notes: Notes, end: number): void {
  switch (packet.type) {
    case 'CONNECT': return annotateConnect(packet, notes, end);
    case 'CONNACK': return annotateConnack(packet, notes);
    case 'PUBLISH': return annotatePublish(packet, notes);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP':
    case 'UNSUBACK': return annotateAck(packet, notes);
    case 'SUBSCRIBE': return annotateSubscribe(packet, notes);
    case 'SUBACK': return annotateSuback(packet, notes);
    case 'UNSUBSCRIBE': return annotateUnsubscribe(packet, notes);
    case 'PINGREQ':
    case 'PINGRESP':
    case 'DISCONNECT': return;
    default: return assertNever(packet, 'packet');
  }
}

function incomplete(atLeast: number, have: number): ProtocolError {
  return protocolError('remote', 'MQTT-2.2.3', `incomplete packet: at least ${atLeast} bytes needed, ${have} given`);
}

