/**
 * CONNECT (MQTT 3.1): the first packet a client sends.
 *
 *   variable header  protocol name (00 04 'M' 'Q' 'T' 'T') | protocol level (4) |
 *                    connect flags | keep alive (2 bytes, seconds)
 *   payload          client id | [will topic | will message] | [user name] | [password]
 *
 *   connect flags  bit  7          6          5            4  3       2          1              0
 *                       user name  password   will retain  will QoS   will flag  clean session  reserved (0)
 *
 * Rules kept: protocol name 'MQTT' (MQTT-3.1.2-1); reserved bit 0 (MQTT-3.1.2-3); will QoS and
 * retain 0 without a will (MQTT-3.1.2-11/13/15), will QoS not 3 (MQTT-3.1.2-14); no password
 * without a user name (MQTT-3.1.2-22); each flagged field present, unflagged ones absent
 * (MQTT-3.1.2-9/11/18..21).
 * Design: the CONNECT says its own version. Level 5 is read as MQTT 5.0 (connect-v5.ts). Any
 * other level than 4 still decodes, so that a 3.1.1 broker can answer CONNACK return code 1
 * (MQTT-3.1.2-2); if such a payload is not laid out as in 3.1.1, only the header fields are
 * kept and the client id is ''. So is a level-5 CONNECT that is not valid 5.0, unless the
 * receiver speaks 5.0 (decode's version 5), which refuses it as malformed.
 */
import type { ConnectPacket, QoS, Will } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { LENGTH_RULE } from './cursor';
import { DecodeFailure, fail } from './cursor-failure';
import type { BitField, Notes } from './annotations';
import { annotateConnect5, binarySize, connectFlags, decodeConnect5, encodeConnect5, stringSize } from './connect-v5';
import { startPacket } from './fixed-header';
import { MAX_REMAINING_LENGTH } from './remaining-length';
import { utf8Length, writeBinary, writeString } from './utf8';
import { hasWildcard } from '../topic';

const USERNAME = 0x80, PASSWORD = 0x40, WILL_RETAIN = 0x20, WILL_QOS = 0x18, WILL = 0x04, CLEAN = 0x02, RESERVED = 0x01;

const CONNECT_FLAG_BITS: readonly BitField[] = [
  [USERNAME, 'User name flag', 'username-flag'],
  [PASSWORD, 'Password flag', 'password-flag'],
  [WILL_RETAIN, 'Will retain', 'will-retain'],
  [WILL_QOS, 'Will QoS', 'will-qos'],
  [WILL, 'Will flag', 'will-flag'],
  [CLEAN, 'Clean session', 'clean-session'],
  [RESERVED, 'Reserved', 'reserved-bits'],
];

export function encodeConnect(p: ConnectPacket): Uint8Array {
  if (p.protocolLevel === 5) return encodeConnect5(p);
  invariant(p.properties === undefined && p.will?.properties === undefined, 'CONNECT properties need protocol level 5');
  invariant(p.password === undefined || p.username !== undefined, 'password without user name (MQTT-3.1.2-22)');
  invariant(Number.isInteger(p.keepAliveSec) && p.keepAliveSec >= 0 && p.keepAliveSec <= 0xffff, 'keepAliveSec must be 0..65535');
  invariant(Number.isInteger(p.protocolLevel) && p.protocolLevel >= 0 && p.protocolLevel <= 0xff, 'protocolLevel must be a byte');
  const nameBytes = stringSize(p.protocolName);
  const clientIdBytes = stringSize(p.clientId);
  const willTopicBytes = p.will ? stringSize(p.will.topic) : 0;
  const usernameBytes = p.username !== undefined ? stringSize(p.username) : 0;
  let remaining = 2 + nameBytes + 1 + 1 + 2 + 2 + clientIdBytes;
  if (p.will) remaining += 2 + willTopicBytes + 2 + binarySize(p.will.payload);
  if (p.username !== undefined) remaining += 2 + usernameBytes;
  if (p.password !== undefined) remaining += 2 + binarySize(p.password);
  invariant(remaining <= MAX_REMAINING_LENGTH, 'CONNECT larger than 268,435,455 bytes');

  const out = startPacket(0x10, remaining);
  let pos = writeString(out, out.length - remaining, p.protocolName, nameBytes);
  out[pos++] = p.protocolLevel;
  out[pos++] = connectFlags(p);
  out[pos++] = p.keepAliveSec >> 8;
  out[pos++] = p.keepAliveSec & 0xff;
  pos = writeString(out, pos, p.clientId, clientIdBytes);
  if (p.will) {
    pos = writeString(out, pos, p.will.topic, willTopicBytes);
    pos = writeBinary(out, pos, p.will.payload);
  }
  if (p.username !== undefined) pos = writeString(out, pos, p.username, usernameBytes);
  if (p.password !== undefined) writeBinary(out, pos, p.password);
  return out;
}

export function decodeConnect(c: Cursor): ConnectPacket {
  const protocolName = c.string('protocol name');
  // MQTT-3.1.2-1: anything but 'MQTT' is not this protocol (5.0: answer 0x84 Unsupported Protocol Version).
  if (protocolName !== 'MQTT') fail('MQTT-3.1.2-1', `protocol name ${JSON.stringify(protocolName)} is not "MQTT"`, c.version === 5 ? 0x84 : undefined);
  const protocolLevel = c.u8('protocol level');
  if (protocolLevel === 5) {
    const receiver = c.version;
    const start = c.pos;
    try {
      return decodeConnect5(c.useVersion(5), protocolName);
    } catch (e) {
      // A receiver that speaks 5.0 refuses a malformed 5.0 CONNECT, with its Reason Code. One that
      // only speaks 3.1.1 refuses level 5 with return code 1 whatever follows (MQTT-3.1.2-2), so
      // it reads on as it does any other level.
      if (receiver === 5 || !(e instanceof DecodeFailure)) throw e;
      c.pos = start;
    }
  }
  c.useVersion(4);
  const flags = c.u8('connect flags');
  // MQTT-3.1.2-3: the reserved flag must be 0.
  if (flags & RESERVED) fail('MQTT-3.1.2-3', 'CONNECT reserved flag is set');
  const willQos = (flags & WILL_QOS) >> 3;
  if (!(flags & WILL)) {
    // MQTT-3.1.2-13 / MQTT-3.1.2-15 (summed up in MQTT-3.1.2-11): no will, so will QoS and will retain are 0.
    if (willQos !== 0) fail('MQTT-3.1.2-13', 'will QoS set without the will flag');
    if (flags & WILL_RETAIN) fail('MQTT-3.1.2-15', 'will retain set without the will flag');
  } else if (willQos === 3) {
    fail('MQTT-3.1.2-14', 'will QoS 3');  // MQTT-3.1.2-14
  }
  // MQTT-3.1.2-22: no password without a user name.
  if ((flags & PASSWORD) && !(flags & USERNAME)) fail('MQTT-3.1.2-22', 'password flag set without the user name flag');
  const header = { type: 'CONNECT' as const, protocolName, protocolLevel, clientId: '', cleanSession: (flags & CLEAN) !== 0, keepAliveSec: c.u16('keep alive') };
  if (protocolLevel === 4) return decodePayload(c, flags, header);
  try {
    return decodePayload(c, flags, header);
  } catch (e) {
    if (!(e instanceof DecodeFailure)) throw e;
    c.pos = c.end; // MQTT-3.1.2-2: keep the level so the broker can refuse it with return code 1
    return header;
  }
}

function decodePayload(c: Cursor, flags: number, header: ConnectPacket): ConnectPacket {
  // MQTT-3.1.3-3: client id comes first.
  const packet: ConnectPacket = { type: 'CONNECT', protocolName: header.protocolName, protocolLevel: header.protocolLevel,
    clientId: c.string('client identifier'), cleanSession: header.cleanSession, keepAliveSec: header.keepAliveSec };
  if (flags & WILL) {
    c.shortRule = 'MQTT-3.1.2-9'; // will flag set: will topic and will message must be present
    const topic = c.string('will topic');
    if (topic.length === 0) fail('MQTT-4.7.3-1', 'will topic is empty');
    // The will is published as a PUBLISH, whose topic must not hold wildcards (MQTT-3.3.2-2).
    if (hasWildcard(topic)) fail('MQTT-3.3.2-2', 'will topic has a wildcard');
    const will: Will = { topic, payload: c.binary('will message'), qos: ((flags & WILL_QOS) >> 3) as QoS, retain: (flags & WILL_RETAIN) !== 0 };
    packet.will = will;
  }
  if (flags & USERNAME) {
    c.shortRule = 'MQTT-3.1.2-19';
    packet.username = c.string('user name');
  }
  if (flags & PASSWORD) {
    c.shortRule = 'MQTT-3.1.2-21';
    packet.password = c.binary('password');
  }
  if (c.remaining > 0) {
    // Bytes left where an unflagged field would start: MQTT-3.1.2-11 / -18 / -20 say it must be absent.
    const rule = !(flags & PASSWORD) ? (!(flags & USERNAME) ? (!(flags & WILL) ? 'MQTT-3.1.2-11' : 'MQTT-3.1.2-18') : 'MQTT-3.1.2-20') : LENGTH_RULE;
    fail(rule, `${c.remaining} bytes after the last CONNECT field`);
  }
  return packet;
}

/** `as5`: the packet was read as a valid 5.0 CONNECT (a level-5 one that was not is shown as any other level). */
export function annotateConnect(p: ConnectPacket, notes: Notes, end: number, as5: boolean): void {
  if (as5) return annotateConnect5(p, notes);
  notes.string('Protocol name', 'protocol-name', p.protocolName);
  notes.u8('Protocol level', 'protocol-level', p.protocolLevel === 4 ? '4 (MQTT 3.1.1)' : String(p.protocolLevel));
  notes.flags('Connect flags', 'connect-flags', CONNECT_FLAG_BITS);
  notes.u16('Keep alive', 'keep-alive', p.keepAliveSec);
  if (p.protocolLevel !== 4 && !payloadMatches(p, notes.bytes.subarray(notes.pos, end))) {
    notes.add(end - notes.pos, 'Payload of another protocol level', 'other-version-payload', `${end - notes.pos} bytes`);
    return;
  }
  notes.string('Client identifier', 'client-id', p.clientId);
  if (p.will) {
    notes.string('Will topic', 'will-topic', p.will.topic);
    notes.binary('Will message', 'will-message', p.will.payload);
  }
  if (p.username !== undefined) notes.string('User name', 'username', p.username);
  if (p.password !== undefined) notes.binary('Password', 'password', p.password);
}

/** Whether `payload` is what this packet's payload encodes to (false when decode kept only the header). */
function payloadMatches(p: ConnectPacket, payload: Uint8Array): boolean {
  const again = encodeConnect(p);
  const tail = again.subarray(again.length - payload.length);
  let payloadSize = 2 + utf8Length(p.clientId);
  if (p.will) payloadSize += 4 + utf8Length(p.will.topic) + p.will.payload.length;
  if (p.username !== undefined) payloadSize += 2 + utf8Length(p.username);
  if (p.password !== undefined) payloadSize += 2 + p.password.length;
  return payloadSize === payload.length && tail.every((byte, i) => byte === payload[i]);
}
