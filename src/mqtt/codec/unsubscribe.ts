/**
 * UNSUBSCRIBE (MQTT 3.10). Its answer, UNSUBACK, is an ack (acks.ts).
 *
 *   byte 0      1010 0010           (flags 0010, MQTT-3.10.1-1)
 *   byte 1..    Remaining Length
 *   variable    packet id (2 bytes)
 *   payload     one or more topic filters, each 2-byte length + UTF-8  (MQTT-3.10.3-2)
 */
import type { UnsubscribePacket } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { fail } from './cursor-failure';
import type { Notes } from './annotations';
import { startPacket } from './fixed-header';
import { isPacketId } from './publish';
import { MAX_REMAINING_LENGTH } from './remaining-length';
import { MAX_STRING_BYTES, utf8Length, writeString } from './utf8';

export function encodeUnsubscribe(p: UnsubscribePacket): Uint8Array {
  invariant(isPacketId(p.packetId), 'UNSUBSCRIBE needs a packetId 1..65535');
  invariant(p.topicFilters.length > 0, 'UNSUBSCRIBE needs at least one filter (MQTT-3.10.3-2)');
  const sizes = p.topicFilters.map(utf8Length);
  let remaining = 2;
  for (const size of sizes) {
    invariant(size <= MAX_STRING_BYTES, 'topic filter longer than 65,535 bytes');
    remaining += 2 + size;
  }
  invariant(remaining <= MAX_REMAINING_LENGTH, 'UNSUBSCRIBE larger than 268,435,455 bytes');
  const out = startPacket(0xa2, remaining);
  let pos = out.length - remaining;
  out[pos++] = p.packetId >> 8;
  out[pos++] = p.packetId & 0xff;
  p.topicFilters.forEach((filter, i) => {
    pos = writeString(out, pos, filter, sizes[i]);
  });
  return out;
}

export function decodeUnsubscribe(c: Cursor): UnsubscribePacket {
  const packetId = c.packetId();
  const topicFilters: string[] = [];
  while (c.remaining > 0) {
    const filter = c.string('topic filter');
    // MQTT-4.7.3-1: topic filters are at least one character long.
    if (filter.length === 0) fail('MQTT-4.7.3-1', 'UNSUBSCRIBE topic filter is empty');
    topicFilters.push(filter);
  }
  // MQTT-3.10.3-2: an UNSUBSCRIBE carries at least one topic filter.
  if (topicFilters.length === 0) fail('MQTT-3.10.3-2', 'UNSUBSCRIBE without any topic filter');
  return { type: 'UNSUBSCRIBE', packetId, topicFilters };
}

export function annotateUnsubscribe(p: UnsubscribePacket, notes: Notes): void {
  notes.packetId(p.packetId);
  for (const filter of p.topicFilters) notes.string('Topic filter', 'topic-filter', filter);
}
