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
 */
import type { SubackPacket, SubackReturnCode, SubscribePacket, Subscription, QoS } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { fail } from './cursor-failure';
import type { BitField, Notes } from './annotations';
import { startPacket } from './fixed-header';
import { isPacketId } from './publish';
import { MAX_REMAINING_LENGTH } from './remaining-length';
import { MAX_STRING_BYTES, utf8Length, writeString } from './utf8';

const REQUESTED_QOS_BITS: readonly BitField[] = [
  [0b1111_1100, 'Reserved', 'reserved-bits'],
  [0b0000_0011, 'QoS', 'requested-qos'],
];

export function encodeSubscribe(p: SubscribePacket): Uint8Array {
  invariant(isPacketId(p.packetId), 'SUBSCRIBE needs a packetId 1..65535');
  invariant(p.subscriptions.length > 0, 'SUBSCRIBE needs at least one filter (MQTT-3.8.3-3)');
  const sizes = p.subscriptions.map((s) => utf8Length(s.topicFilter));
  let remaining = 2;
  for (const size of sizes) {
    invariant(size <= MAX_STRING_BYTES, 'topic filter longer than 65,535 bytes');
    remaining += 2 + size + 1;
  }
  invariant(remaining <= MAX_REMAINING_LENGTH, 'SUBSCRIBE larger than 268,435,455 bytes');
  const out = startPacket(0x82, remaining); // MQTT-3.8.1-1: flags 0010
  let pos = out.length - remaining;
  out[pos++] = p.packetId >> 8;
  out[pos++] = p.packetId & 0xff;
  p.subscriptions.forEach((s, i) => {
    invariant(s.qos === 0 || s.qos === 1 || s.qos === 2, 'requested QoS must be 0, 1 or 2');
    pos = writeString(out, pos, s.topicFilter, sizes[i]);
    out[pos++] = s.qos;
  });
  return out;
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

export function annotateSubscribe(p: SubscribePacket, notes: Notes): void {
  notes.packetId(p.packetId);
  for (const s of p.subscriptions) {
    notes.string('Topic filter', 'topic-filter', s.topicFilter);
    notes.flags('Requested QoS', 'requested-qos', REQUESTED_QOS_BITS);
  }
}

export function encodeSuback(p: SubackPacket): Uint8Array {
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

export function annotateSuback(p: SubackPacket, notes: Notes): void {
  notes.packetId(p.packetId);
  for (const code of p.returnCodes) {
    notes.u8('Return code', 'suback-return-code', code === 0x80 ? '0x80 (failure)' : `QoS ${code} granted`);
  }
}

function isSubackCode(code: number): code is SubackReturnCode {
  return code === 0 || code === 1 || code === 2 || code === 0x80;
}
