/**
 * CONNECT in MQTT 5.0 (3.1): chosen by its protocol level byte, 5.
 *
 *   variable header  protocol name (00 04 'M' 'Q' 'T' 'T') | protocol version (5) |
 *                    connect flags | keep alive (2 bytes) | properties (2.2.2)
 *   payload          client id | [will properties | will topic | will payload] | [user name] | [password]
 *
 *   connect flags  bit  7          6          5            4  3       2          1             0
 *                       user name  password   will retain  will QoS   will flag  clean start   reserved (0)
 *
 * What changed from 3.1.1: properties after the keep alive and before the will topic; Clean
 * Session became Clean Start (types.ts says why the field keeps its name); a password no
 * longer needs a user name; the statements are renumbered. Every fault of the flags and of the
 * payload's layout is a Malformed Packet (0x81); a wrong value a Protocol Error (0x82).
 * Rules kept: reserved bit 0 (MQTT-3.1.2-3); no will QoS or retain without a will
 * (MQTT-3.1.2-11, -13); will QoS not 3 (MQTT-3.1.2-12); each flagged field present
 * (MQTT-3.1.2-9, -17, -19), unflagged ones absent (MQTT-3.1.2-16, -18); no Authentication
 * Data without an Authentication Method (3.1.2.11.10).
 */
import type { ConnectPacket, ConnectProperties, QoS, Will, WillProperties } from '../types';
import { invariant } from '../errors';
import { hasWildcard } from '../topic';
import type { BitField, Notes } from './annotations';
import type { Cursor } from './cursor';
import { EMPTY_TOPIC_RULE, fail, failVersioned, LENGTH, MALFORMED_PACKET, PROTOCOL_ERROR, WILDCARD_TOPIC_RULE } from './cursor-failure';
import { startPacket } from './fixed-header';
import { annotateProperties, propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { MAX_REMAINING_LENGTH } from './remaining-length';
import { MAX_STRING_BYTES, utf8Length, writeBinary, writeString } from './utf8';

const USERNAME = 0x80, PASSWORD = 0x40, WILL_RETAIN = 0x20, WILL_QOS = 0x18, WILL = 0x04, CLEAN_START = 0x02, RESERVED = 0x01;

/**
 * The connect flags byte (3.1.2.3), one writer for 3.1.1 and 5.0: the bits are the same in both
 * (bit 1 is Clean Session in 3.1.1, Clean Start in 5.0; bit 0 is reserved, always 0).
 */
export function connectFlags(p: ConnectPacket): number {
  let flags = p.cleanSession ? CLEAN_START : 0;
  if (p.will) {
    invariant(p.will.qos === 0 || p.will.qos === 1 || p.will.qos === 2, 'will QoS must be 0, 1 or 2');
    flags |= WILL | (p.will.qos << 3) | (p.will.retain ? WILL_RETAIN : 0);
  }
  if (p.username !== undefined) flags |= USERNAME;
  if (p.password !== undefined) flags |= PASSWORD;
  return flags;
}

const CONNECT_FLAG_BITS: readonly BitField[] = [
  [USERNAME, 'User name flag', 'username-flag'],
  [PASSWORD, 'Password flag', 'password-flag'],
  [WILL_RETAIN, 'Will retain', 'will-retain'],
  [WILL_QOS, 'Will QoS', 'will-qos'],
  [WILL, 'Will flag', 'will-flag'],
  [CLEAN_START, 'Clean start', 'clean-start'],
  [RESERVED, 'Reserved', 'reserved-bits'],
];

/** The rest of a level-5 CONNECT, after its protocol name and level. */
export function decodeConnect5(c: Cursor, protocolName: string): ConnectPacket {
  const flags = c.u8('connect flags');
  // MQTT-3.1.2-3: the reserved flag must be 0.
  if (flags & RESERVED) fail('MQTT-3.1.2-3', 'CONNECT reserved flag is set', MALFORMED_PACKET);
  const willQos = (flags & WILL_QOS) >> 3;
  if (!(flags & WILL)) {
    // MQTT-3.1.2-11 / MQTT-3.1.2-13: no will, so will QoS and will retain are 0.
    if (willQos !== 0) fail('MQTT-3.1.2-11', 'will QoS set without the will flag', MALFORMED_PACKET);
    if (flags & WILL_RETAIN) fail('MQTT-3.1.2-13', 'will retain set without the will flag', MALFORMED_PACKET);
  } else if (willQos === 3) {
    fail('MQTT-3.1.2-12', 'will QoS 3', MALFORMED_PACKET); // MQTT-3.1.2-12: "A value of 3 (0x03) is a Malformed Packet"
  }
  const keepAliveSec = c.u16('keep alive');
  const properties = readProperties(c, PROPERTY_SETS.CONNECT) as ConnectProperties | undefined;
  // 3.1.2.11.10: "It is a Protocol Error to include Authentication Data if there is no Authentication Method."
  if (properties?.authenticationData !== undefined && properties.authenticationMethod === undefined) {
    fail('MQTT-3.1.2.11.10', 'Authentication Data without an Authentication Method', PROTOCOL_ERROR);
  }
  // MQTT-3.1.3-3: the client id comes first in the payload.
  const packet: ConnectPacket = { type: 'CONNECT', protocolName, protocolLevel: 5, clientId: c.string('client identifier'),
    cleanSession: (flags & CLEAN_START) !== 0, keepAliveSec };
  if (flags & WILL) {
    c.shortRule = 'MQTT-3.1.2-9'; // will flag set: will properties, topic and payload must be present
    const willProperties = readProperties(c, PROPERTY_SETS.WILL) as WillProperties | undefined;
    const topic = c.string('will topic');
    if (topic.length === 0) failVersioned(EMPTY_TOPIC_RULE, 5, 'will topic is empty');
    // The will is published as a PUBLISH, whose topic must not hold wildcards (MQTT-3.3.2-2).
    if (hasWildcard(topic)) failVersioned(WILDCARD_TOPIC_RULE, 5, 'will topic has a wildcard');
    const will: Will = { topic, payload: c.binary('will payload'), qos: willQos as QoS, retain: (flags & WILL_RETAIN) !== 0 };
    if (willProperties) will.properties = willProperties;
    packet.will = will;
  }
  if (flags & USERNAME) {
    c.shortRule = 'MQTT-3.1.2-17';
    packet.username = c.string('user name');
  }
  if (flags & PASSWORD) {
    c.shortRule = 'MQTT-3.1.2-19';
    packet.password = c.binary('password');
  }
  if (c.remaining > 0) {
    // Bytes left where an unflagged field would start: MQTT-3.1.2-16 (user name) / -18 (password) say it must be absent.
    const rule = flags & PASSWORD ? LENGTH.v5 : flags & USERNAME ? 'MQTT-3.1.2-18' : 'MQTT-3.1.2-16';
    fail(rule, `${c.remaining} bytes after the last CONNECT field`, MALFORMED_PACKET);
  }
  if (properties) packet.properties = properties;
  return packet;
}

export function encodeConnect5(p: ConnectPacket): Uint8Array {
  invariant(Number.isInteger(p.keepAliveSec) && p.keepAliveSec >= 0 && p.keepAliveSec <= 0xffff, 'keepAliveSec must be 0..65535');
  const nameBytes = stringSize(p.protocolName);
  const clientIdBytes = stringSize(p.clientId);
  const propsBytes = propertiesSize(p.properties, PROPERTY_SETS.CONNECT);
  const willPropsBytes = p.will ? propertiesSize(p.will.properties, PROPERTY_SETS.WILL) : 0;
  const willTopicBytes = p.will ? stringSize(p.will.topic) : 0;
  const usernameBytes = p.username !== undefined ? stringSize(p.username) : 0;
  let remaining = 2 + nameBytes + 1 + 1 + 2 + propertiesFieldSize(propsBytes) + 2 + clientIdBytes;
  if (p.will) remaining += propertiesFieldSize(willPropsBytes) + 2 + willTopicBytes + 2 + binarySize(p.will.payload);
  if (p.username !== undefined) remaining += 2 + usernameBytes;
  if (p.password !== undefined) remaining += 2 + binarySize(p.password);
  invariant(remaining <= MAX_REMAINING_LENGTH, 'CONNECT larger than 268,435,455 bytes');

  const out = startPacket(0x10, remaining);
  let pos = writeString(out, out.length - remaining, p.protocolName, nameBytes);
  out[pos++] = 5;
  out[pos++] = connectFlags(p);
  out[pos++] = p.keepAliveSec >> 8;
  out[pos++] = p.keepAliveSec & 0xff;
  pos = writeProperties(out, pos, p.properties, propsBytes, PROPERTY_SETS.CONNECT);
  pos = writeString(out, pos, p.clientId, clientIdBytes);
  if (p.will) {
    pos = writeProperties(out, pos, p.will.properties, willPropsBytes, PROPERTY_SETS.WILL);
    pos = writeString(out, pos, p.will.topic, willTopicBytes);
    pos = writeBinary(out, pos, p.will.payload);
  }
  if (p.username !== undefined) pos = writeString(out, pos, p.username, usernameBytes);
  if (p.password !== undefined) writeBinary(out, pos, p.password);
  return out;
}

export function annotateConnect5(p: ConnectPacket, notes: Notes): void {
  notes.string('Protocol name', 'protocol-name', p.protocolName);
  notes.u8('Protocol version', 'protocol-version', '5 (MQTT 5.0)');
  notes.flags('Connect flags', 'connect-flags', CONNECT_FLAG_BITS);
  notes.u16('Keep alive', 'keep-alive', p.keepAliveSec);
  annotateProperties(notes, PROPERTY_SETS.CONNECT);
  notes.string('Client identifier', 'client-id', p.clientId);
  if (p.will) {
    annotateProperties(notes, PROPERTY_SETS.WILL, 'Will property length');
    notes.string('Will topic', 'will-topic', p.will.topic);
    notes.binary('Will payload', 'will-message', p.will.payload);
  }
  if (p.username !== undefined) notes.string('User name', 'username', p.username);
  if (p.password !== undefined) notes.binary('Password', 'password', p.password);
}

/** Bytes of a CONNECT string field (3.1.1 and 5.0 alike), refusing one over 65,535 bytes. */
export function stringSize(text: string): number {
  const size = utf8Length(text);
  invariant(size <= MAX_STRING_BYTES, 'CONNECT string longer than 65,535 bytes');
  return size;
}

/** Bytes of a CONNECT binary field (3.1.1 and 5.0 alike), refusing one over 65,535 bytes. */
export function binarySize(data: Uint8Array): number {
  invariant(data.length <= MAX_STRING_BYTES, 'CONNECT binary field longer than 65,535 bytes');
  return data.length;
}
