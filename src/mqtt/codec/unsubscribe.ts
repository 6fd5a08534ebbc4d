/**
 * UNSUBSCRIBE (MQTT 3.10). Its answer, UNSUBACK, is in 3.1.1 an ack (acks.ts); in 5.0 it carries
 * properties and a Reason Code per filter, as SUBACK does, and is here.
 *
 *   byte 0      1010 0010           (flags 0010, MQTT-3.10.1-1)
 *   byte 1..    Remaining Length
 *   variable    packet id (2 bytes); 5.0: properties (3.10.2.1)
 *   payload     one or more topic filters, each 2-byte length + UTF-8  (MQTT-3.10.3-2)
 *
 *   UNSUBACK (5.0)   b0 | Remaining Length | packet id | properties | one Reason Code per filter (3.11.3)
 */
import type { UnsubackPacket, UnsubackReasonCode, UnsubscribePacket, UnsubscribeProperties } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { EMPTY_TOPIC_RULE, fail, failVersioned, PROTOCOL_ERROR } from './cursor-failure';
import type { Notes } from './annotations';
import { startPacket } from './fixed-header';
import { annotateProperties, propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { isPacketId } from './publish';
import { reasonCodeName, reasonCodeText } from './reason-codes';
import { MAX_REMAINING_LENGTH } from './remaining-length';
import { decodeReasonCodeList, encodeReasonCodeList } from './reason-code-list';
import { MAX_STRING_BYTES, utf8Length, writeString } from './utf8';

export function encodeUnsubscribe(p: UnsubscribePacket): Uint8Array {
  invariant(p.properties === undefined, 'UNSUBSCRIBE properties need MQTT 5.0');
  return encodeLayout(p, -1);
}

export function encodeUnsubscribe5(p: UnsubscribePacket): Uint8Array {
  return encodeLayout(p, propertiesSize(p.properties, PROPERTY_SETS.UNSUBSCRIBE));
}

/** The layout both versions share; `propsBytes` is -1 for 3.1.1, which has no properties. */
function encodeLayout(p: UnsubscribePacket, propsBytes: number): Uint8Array {
  invariant(isPacketId(p.packetId), 'UNSUBSCRIBE needs a packetId 1..65535');
  invariant(p.topicFilters.length > 0, 'UNSUBSCRIBE needs at least one filter (MQTT-3.10.3-2)');
  const sizes = p.topicFilters.map(utf8Length);
  let remaining = 2 + (propsBytes < 0 ? 0 : propertiesFieldSize(propsBytes));
  for (const size of sizes) {
    invariant(size <= MAX_STRING_BYTES, 'topic filter longer than 65,535 bytes');
    remaining += 2 + size;
  }
  invariant(remaining <= MAX_REMAINING_LENGTH, 'UNSUBSCRIBE larger than 268,435,455 bytes');
  const out = startPacket(0xa2, remaining);
  let pos = out.length - remaining;
  out[pos++] = p.packetId >> 8;
  out[pos++] = p.packetId & 0xff;
  if (propsBytes >= 0) pos = writeProperties(out, pos, p.properties, propsBytes, PROPERTY_SETS.UNSUBSCRIBE);
  p.topicFilters.forEach((filter, i) => {
    pos = writeString(out, pos, filter, sizes[i]);
  });
  return out;
}

export function decodeUnsubscribe(c: Cursor): UnsubscribePacket {
  const packetId = c.packetId();
  const properties = c.version === 5 ? readProperties(c, PROPERTY_SETS.UNSUBSCRIBE) as UnsubscribeProperties | undefined : undefined;
  const topicFilters: string[] = [];
  while (c.remaining > 0) {
    const filter = c.string('topic filter');
    // MQTT-4.7.3-1: topic filters are at least one character long.
    if (filter.length === 0) failVersioned(EMPTY_TOPIC_RULE, c.version, 'UNSUBSCRIBE topic filter is empty');
    topicFilters.push(filter);
  }
  // MQTT-3.10.3-2: an UNSUBSCRIBE carries at least one topic filter (5.0: "no Payload is a Protocol Error").
  if (topicFilters.length === 0) fail('MQTT-3.10.3-2', 'UNSUBSCRIBE without any topic filter', c.version === 5 ? PROTOCOL_ERROR : undefined);
  const packet: UnsubscribePacket = { type: 'UNSUBSCRIBE', packetId, topicFilters };
  if (properties) packet.properties = properties;
  return packet;
}

export function annotateUnsubscribe(p: UnsubscribePacket, notes: Notes, version: 4 | 5): void {
  notes.packetId(p.packetId);
  if (version === 5) annotateProperties(notes, PROPERTY_SETS.UNSUBSCRIBE);
  for (const filter of p.topicFilters) notes.string('Topic filter', 'topic-filter', filter);
}

// ---- UNSUBACK in MQTT 5.0 ----

export function encodeUnsuback5(p: UnsubackPacket): Uint8Array {
  invariant(p.reasonCodes !== undefined, 'a 5.0 UNSUBACK has a reason code per filter (MQTT-3.11.3-1)');
  return encodeReasonCodeList('UNSUBACK', p.packetId, p.properties, p.reasonCodes);
}

export function decodeUnsuback5(c: Cursor): UnsubackPacket {
  const { packetId, reasonCodes, properties } = decodeReasonCodeList<UnsubackReasonCode>(c, 'UNSUBACK');
  const packet: UnsubackPacket = { type: 'UNSUBACK', packetId, reasonCodes };
  if (properties) packet.properties = properties;
  return packet;
}

export function annotateUnsuback5(p: UnsubackPacket, notes: Notes): void {
  notes.packetId(p.packetId);
  annotateProperties(notes, PROPERTY_SETS.UNSUBACK);
  for (const code of p.reasonCodes ?? []) notes.u8('Reason code', reasonCodeName('UNSUBACK', code)[1], reasonCodeText('UNSUBACK', code));
}
