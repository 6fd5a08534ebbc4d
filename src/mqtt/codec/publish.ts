/**
 * PUBLISH (MQTT 3.3): an application message.
 *
 *   byte 0      0011 | DUP QoS QoS RETAIN   (see fixed-header.ts)
 *   byte 1..    Remaining Length
 *   variable    topic name (2-byte length + UTF-8), packet identifier (2 bytes, only when QoS > 0),
 *               5.0: properties (3.3.2.3)
 *   payload     the rest: any bytes, possibly none (MQTT 3.3.3)
 *
 * Rules kept: topic at least one character (MQTT-4.7.3-1; in 5.0 it may be empty when a Topic
 * Alias stands for it, 3.3.2.1), no wildcards in it (MQTT-3.3.2-2), packet id present exactly
 * when QoS > 0 (MQTT-2.3.1-5; 5.0: MQTT-2.2.1-2) and never 0 (MQTT-2.3.1-1; 5.0: MQTT-2.2.1-3).
 */
import type { PacketId, PublishPacket, PublishProperties, QoS } from '../types';
import { invariant } from '../errors';
import type { Cursor } from './cursor';
import { EMPTY_TOPIC_RULE, fail, failVersioned, WILDCARD_TOPIC_RULE } from './cursor-failure';
import type { Notes } from './annotations';
import { MAX_REMAINING_LENGTH } from './remaining-length';
import { startPacket } from './fixed-header';
import { annotateProperties, propertiesFieldSize, propertiesSize, readProperties, writeProperties } from './properties';
import { PROPERTY_SETS } from './property-table';
import { MAX_STRING_BYTES, utf8Length, writeString } from './utf8';
import { hasWildcard } from '../topic';

// The UTF-8 size of the last topic encoded, kept for the next PUBLISH (see PERFORMANCE.md).
let lastTopic = '';
let lastTopicBytes = 0;

function topicSize(topic: string): number {
  if (topic !== lastTopic) {
    lastTopicBytes = utf8Length(topic);
    lastTopic = topic;
  }
  return lastTopicBytes;
}

export function encodePublish(p: PublishPacket): Uint8Array {
  invariant(p.properties === undefined, 'PUBLISH properties need MQTT 5.0');
  return encodeLayout(p, -1);
}

export function encodePublish5(p: PublishPacket): Uint8Array {
  // 3.3.2.1: an empty topic only with a Topic Alias standing for it.
  invariant(p.topic.length > 0 || p.properties?.topicAlias !== undefined, 'PUBLISH with an empty topic needs a topicAlias');
  return encodeLayout(p, propertiesSize(p.properties, PROPERTY_SETS.PUBLISH));
}

/** The layout both versions share; `propsBytes` is -1 for 3.1.1, which has no properties. */
function encodeLayout(p: PublishPacket, propsBytes: number): Uint8Array {
  const topicBytes = topicSize(p.topic);
  invariant(topicBytes <= MAX_STRING_BYTES, 'PUBLISH topic longer than 65,535 bytes');
  invariant(p.qos === 0 || p.qos === 1 || p.qos === 2, 'PUBLISH qos must be 0, 1 or 2');
  const hasId = p.qos > 0;
  if (hasId) invariant(isPacketId(p.packetId), 'PUBLISH with QoS > 0 needs a packetId 1..65535');
  else invariant(p.packetId === undefined && !p.dup, 'PUBLISH QoS 0 has no packetId and no DUP');
  const remaining = 2 + topicBytes + (hasId ? 2 : 0) + (propsBytes < 0 ? 0 : propertiesFieldSize(propsBytes)) + p.payload.length;
  invariant(remaining <= MAX_REMAINING_LENGTH, 'PUBLISH larger than 268,435,455 bytes');

  const byte0 = 0x30 | (p.dup ? 0b1000 : 0) | (p.qos << 1) | (p.retain ? 1 : 0);
  const out = startPacket(byte0, remaining);
  let pos = writeString(out, out.length - remaining, p.topic, topicBytes);
  if (hasId) {
    const id = p.packetId as number;
    out[pos++] = id >> 8;
    out[pos++] = id & 0xff;
  }
  if (propsBytes >= 0) pos = writeProperties(out, pos, p.properties, propsBytes, PROPERTY_SETS.PUBLISH);
  out.set(p.payload, pos);
  return out;
}

export function decodePublish(c: Cursor, flags: number): PublishPacket {
  const qos = ((flags >> 1) & 0b11) as QoS; // QoS 3 and DUP on QoS 0 were refused in checkByte0
  const dup = (flags & 0b1000) !== 0;
  const retain = (flags & 0b0001) !== 0;
  const topic = c.string('topic name');
  // MQTT-4.7.3-1: topic names are at least one character long.
  if (topic.length === 0) fail('MQTT-4.7.3-1', 'PUBLISH topic name is empty');
  // MQTT-3.3.2-2: the topic name in a PUBLISH must not contain wildcard characters.
  if (hasWildcard(topic)) fail('MQTT-3.3.2-2', `PUBLISH topic ${JSON.stringify(topic)} has a wildcard`);
  if (qos === 0) return { type: 'PUBLISH', topic, payload: c.rest(), qos, dup, retain };
  const packetId = c.packetId();
  return { type: 'PUBLISH', topic, payload: c.rest(), qos, dup, retain, packetId };
}

export function decodePublish5(c: Cursor, flags: number): PublishPacket {
  const qos = ((flags >> 1) & 0b11) as QoS;
  const dup = (flags & 0b1000) !== 0;
  const retain = (flags & 0b0001) !== 0;
  const topic = c.string('topic name');
  // MQTT-3.3.2-2: the topic name in a PUBLISH must not contain wildcard characters.
  if (hasWildcard(topic)) failVersioned(WILDCARD_TOPIC_RULE, 5, `PUBLISH topic ${JSON.stringify(topic)} has a wildcard`);
  const packetId = qos === 0 ? undefined : c.packetId();
  const properties = readProperties(c, PROPERTY_SETS.PUBLISH) as PublishProperties | undefined;
  // MQTT-4.7.3-1, and 3.3.2.1: "It is a Protocol Error if the Topic Name is zero length and there is no Topic Alias."
  if (topic.length === 0 && properties?.topicAlias === undefined) failVersioned(EMPTY_TOPIC_RULE, 5, 'PUBLISH topic name is empty and there is no Topic Alias');
  const packet: PublishPacket = { type: 'PUBLISH', topic, payload: c.rest(), qos, dup, retain };
  if (packetId !== undefined) packet.packetId = packetId;
  if (properties) packet.properties = properties;
  return packet;
}

export function annotatePublish(p: PublishPacket, notes: Notes, version: 4 | 5): void {
  notes.string('Topic', 'topic-name', p.topic);
  if (p.packetId !== undefined) notes.packetId(p.packetId);
  if (version === 5) annotateProperties(notes, PROPERTY_SETS.PUBLISH);
  notes.binaryRest('Payload', 'payload', p.payload);
}

/** Whether a value is a valid packet identifier, 1..65535 (MQTT-2.3.1-1); encoders check with it. */
export function isPacketId(id: number | undefined): id is PacketId {
  return id !== undefined && Number.isInteger(id) && id >= 1 && id <= 0xffff;
}
