/**
 * SUBSCRIBE (MQTT 3.8) and its answer SUBACK (MQTT 3.9).
 *
 *   SUBSCRIBE  82 | Remaining Length | packet id (2) | then, one or more times:
 *                 topic filter (2-byte length + UTF-8) | requested QoS byte
 *
 *   requested QoS byte   bit 7 6 5 4 3 2 | 1 0
 *                            reserved 0  | QoS 0..2     (MQTT-3.8.3-4)
 *
 *   SUBACK     90 | Remaining Length | packet id (2) | one return code per filter:
 *                 0x00, 0x01, 0x02 = granted QoS, 0x80 = failure   (MQTT-3.9.3-2)
 *
 *   MQTT 5.0: properties follow the packet id in both; each filter is followed by its
 *   Subscription Options (3.8.3.1), and SUBACK's codes are Reason Codes (3.9.3):
 *
 *   subscription options  bit 7 6  | 5 4              | 3                   | 2        | 1 0
 *                         reserved | Retain Handling  | Retain As Published | No Local | Maximum QoS
 */
import type {
  QoS, SubackPacket, SubackPacket5, SubackReasonCode, SubackReturnCode, SubscribePacket,
  SubscribeProperties, Subscription,
} from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { EMPTY_TOPIC_RULE, fail, failVersioned, MALFORMED_PACKET, PROTOCOL_ERROR } from './cursor-failure';
import type { BitField, Notes } from './annotations';
import { startPacket } from './fixed-header';
import { annotateProperties, propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { isPacketId } from './publish';
import { reasonCodeName, reasonCodeText } from './reason-codes';
import { MAX_REMAINING_LENGTH } from './remaining-length';
import { decodeReasonCodeList, encodeReasonCodeList } from './reason-code-list';
import { MAX_STRING_BYTES, utf8Length, writeString } from './utf8';

const REQUESTED_QOS_BITS: readonly BitField[] = [
  [0b1111_1100, 'Reserved', 'reserved-bits'],
  [0b0000_0011, 'QoS', 'requested-qos'],
];

const SUBSCRIPTION_OPTION_BITS: readonly BitField[] = [
  [0b1100_0000, 'Reserved', 'reserved-bits'],
  [0b0011_0000, 'Retain handling', 'retain-handling'],
  [0b0000_1000, 'Retain as published', 'retain-as-published'],
  [0b0000_0100, 'No local', 'no-local'],
  [0b0000_0011, 'Maximum QoS', 'requested-qos'],
];

export function encodeSubscribe(p: SubscribePacket): Uint8Array {
  invariant(p.properties === undefined, 'SUBSCRIBE properties need MQTT 5.0');
  return encodeSubscribeLayout(p, -1);
}

export function encodeSubscribe5(p: SubscribePacket): Uint8Array {
  return encodeSubscribeLayout(p, propertiesSize(p.properties, PROPERTY_SETS.SUBSCRIBE));
}

/** The layout both versions share; `propsBytes` is -1 for 3.1.1 (no properties, a bare QoS byte). */
function encodeSubscribeLayout(p: SubscribePacket, propsBytes: number): Uint8Array {
  invariant(isPacketId(p.packetId), 'SUBSCRIBE needs a packetId 1..65535');
  invariant(p.subscriptions.length > 0, 'SUBSCRIBE needs at least one filter (MQTT-3.8.3-3)');
  const sizes = p.subscriptions.map((s) => utf8Length(s.topicFilter));
  let remaining = 2 + (propsBytes < 0 ? 0 : propertiesFieldSize(propsBytes));
  for (const size of sizes) {
    invariant(size <= MAX_STRING_BYTES, 'topic filter longer than 65,535 bytes');
    remaining += 2 + size + 1;
  }
  invariant(remaining <= MAX_REMAINING_LENGTH, 'SUBSCRIBE larger than 268,435,455 bytes');
  const out = startPacket(0x82, remaining); // MQTT-3.8.1-1: flags 0010
  let pos = out.length - remaining;
  out[pos++] = p.packetId >> 8;
  out[pos++] = p.packetId & 0xff;
  if (propsBytes >= 0) pos = writeProperties(out, pos, p.properties, propsBytes, PROPERTY_SETS.SUBSCRIBE);
  p.subscriptions.forEach((s, i) => {
    invariant(s.qos === 0 || s.qos === 1 || s.qos === 2, 'requested QoS must be 0, 1 or 2');
    pos = writeString(out, pos, s.topicFilter, sizes[i]);
    out[pos++] = propsBytes < 0 ? requestedQos(s) : subscriptionOptions(s);
  });
  return out;
}

/** The 3.1.1 Requested QoS byte. */
function requestedQos(s: Subscription): number {
  invariant(s.noLocal === undefined && s.retainAsPublished === undefined && s.retainHandling === undefined, 'subscription options need MQTT 5.0');
  return s.qos;
}

/** The 5.0 Subscription Options byte. */
function subscriptionOptions(s: Subscription): number {
  const retainHandling = s.retainHandling ?? 0;
  invariant(retainHandling === 0 || retainHandling === 1 || retainHandling === 2, 'retainHandling must be 0, 1 or 2');
  invariant(!(s.noLocal && isShared(s.topicFilter)), 'No Local on a shared subscription (MQTT-3.8.3-4)');
  return s.qos | (s.noLocal ? 0b100 : 0) | (s.retainAsPublished ? 0b1000 : 0) | (retainHandling << 4);
}

/** A Shared Subscription's filter starts with $share/ (4.8.2). */
function isShared(topicFilter: string): boolean {
  return topicFilter.startsWith('$share/');
}

export function decodeSubscribe(c: Cursor): SubscribePacket {
  const packetId = c.packetId();
  const subscriptions: Subscription[] = [];
  while (c.remaining > 0) {
    const topicFilter = c.string('topic filter');
    // MQTT-4.7.3-1: topic filters are at least one character long.
    if (topicFilter.length === 0) fail('MQTT-4.7.3-1', 'SUBSCRIBE topic filter is empty');
    const options = c.u8('requested QoS');
    // MQTT-3.8.3-4: reserved bits must be 0 and the QoS 0, 1 or 2.
    if (options > 2) fail('MQTT-3.8.3-4', `requested QoS byte 0x${options.toString(16)} is not 0, 1 or 2`);
    subscriptions.push({ topicFilter, qos: options as QoS });
  }
  // MQTT-3.8.3-3: a SUBSCRIBE carries at least one filter / QoS pair.
  if (subscriptions.length === 0) fail('MQTT-3.8.3-3', 'SUBSCRIBE without any topic filter');
  return { type: 'SUBSCRIBE', packetId, subscriptions };
}

export function decodeSubscribe5(c: Cursor): SubscribePacket {
  const packetId = c.packetId();
  const properties = readProperties(c, PROPERTY_SETS.SUBSCRIBE) as SubscribeProperties | undefined;
  const subscriptions: Subscription[] = [];
  while (c.remaining > 0) {
    const topicFilter = c.string('topic filter');
    // MQTT-4.7.3-1: topic filters are at least one character long.
    if (topicFilter.length === 0) failVersioned(EMPTY_TOPIC_RULE, 5, 'SUBSCRIBE topic filter is empty');
    subscriptions.push(readSubscriptionOptions(c, topicFilter));
  }
  // MQTT-3.8.3-2: at least one Topic Filter and Subscription Options pair; "no Payload is a Protocol Error".
  if (subscriptions.length === 0) fail('MQTT-3.8.3-2', 'SUBSCRIBE without any topic filter', PROTOCOL_ERROR);
  const packet: SubscribePacket = { type: 'SUBSCRIBE', packetId, subscriptions };
  if (properties) packet.properties = properties;
  return packet;
}

function readSubscriptionOptions(c: Cursor, topicFilter: string): Subscription {
  const options = c.u8('subscription options');
  // MQTT-3.8.3-5: the reserved bits 7 and 6 are 0, or the SUBSCRIBE is malformed.
  if (options & 0b1100_0000) fail('MQTT-3.8.3-5', `subscription options 0x${options.toString(16)} set reserved bits`, MALFORMED_PACKET);
  const qos = options & 0b11;
  const retainHandling = (options >> 4) & 0b11;
  // 3.8.3.1: "It is a Protocol Error if the Maximum QoS field has the value 3" / "to send a Retain Handling value of 3".
  if (qos === 3) fail('MQTT-3.8.3.1', 'subscription Maximum QoS 3', PROTOCOL_ERROR);
  if (retainHandling === 3) fail('MQTT-3.8.3.1', 'Retain Handling 3', PROTOCOL_ERROR);
  const noLocal = (options & 0b100) !== 0;
  // MQTT-3.8.3-4: No Local on a Shared Subscription is a Protocol Error.
  if (noLocal && isShared(topicFilter)) fail('MQTT-3.8.3-4', `No Local on shared subscription ${JSON.stringify(topicFilter)}`, PROTOCOL_ERROR);
  return { topicFilter, qos: qos as QoS, noLocal, retainAsPublished: (options & 0b1000) !== 0, retainHandling: retainHandling as 0 | 1 | 2 };
}

export function annotateSubscribe(p: SubscribePacket, notes: Notes, version: 4 | 5): void {
  notes.packetId(p.packetId);
  if (version === 5) annotateProperties(notes, PROPERTY_SETS.SUBSCRIBE);
  for (const s of p.subscriptions) {
    notes.string('Topic filter', 'topic-filter', s.topicFilter);
    if (version === 5) notes.flags('Subscription options', 'subscription-options', SUBSCRIPTION_OPTION_BITS);
    else notes.flags('Requested QoS', 'requested-qos', REQUESTED_QOS_BITS);
  }
}

export function encodeSuback(p: SubackPacket): Uint8Array {
  invariant('returnCodes' in p, 'a 3.1.1 SUBACK has returnCodes, not reasonCodes');
  invariant(isPacketId(p.packetId), 'SUBACK needs a packetId 1..65535');
  const remaining = 2 + p.returnCodes.length;
  invariant(remaining <= MAX_REMAINING_LENGTH, 'SUBACK larger than 268,435,455 bytes');
  const out = startPacket(0x90, remaining);
  let pos = out.length - remaining;
  out[pos++] = p.packetId >> 8;
  out[pos++] = p.packetId & 0xff;
  for (const code of p.returnCodes) {
    invariant(isSubackCode(code), 'SUBACK return code must be 0, 1, 2 or 0x80');
    out[pos++] = code;
  }
  return out;
}

export function decodeSuback(c: Cursor): SubackPacket {
  const packetId = c.packetId();
  const returnCodes: SubackReturnCode[] = [];
  while (c.remaining > 0) {
    const code = c.u8('return code');
    // MQTT-3.9.3-2: return codes other than 0x00, 0x01, 0x02 and 0x80 are reserved.
    if (!isSubackCode(code)) fail('MQTT-3.9.3-2', `SUBACK return code 0x${code.toString(16)} is reserved`);
    returnCodes.push(code);
  }
  return { type: 'SUBACK', packetId, returnCodes };
}


export function encodeSuback5(p: SubackPacket): Uint8Array {
  invariant('reasonCodes' in p, 'a 5.0 SUBACK has reasonCodes, not returnCodes');
  return encodeReasonCodeList('SUBACK', p.packetId, p.properties, p.reasonCodes);
}

export function decodeSuback5(c: Cursor): SubackPacket5 {
  const { packetId, reasonCodes, properties } = decodeReasonCodeList<SubackReasonCode>(c, 'SUBACK');
  const packet: SubackPacket5 = { type: 'SUBACK', packetId, reasonCodes };
  if (properties) packet.properties = properties;
  return packet;
}

export function annotateSuback(p: SubackPacket, notes: Notes): void {
  notes.packetId(p.packetId);
  if ('returnCodes' in p) {
    for (const code of p.returnCodes) {
      notes.u8('Return code', 'suback-return-code', code === 0x80 ? '0x80 (failure)' : `QoS ${code} granted`);
    }
    return;
  }
  annotateProperties(notes, PROPERTY_SETS.SUBACK);
  for (const code of p.reasonCodes) notes.u8('Reason code', reasonCodeName('SUBACK', code)[1], reasonCodeText('SUBACK', code));
}

function isSubackCode(code: number): code is SubackReturnCode {
  return code === 0 || code === 1 || code === 2 || code === 0x80;
}
