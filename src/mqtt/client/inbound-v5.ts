/**
 * MQTT 5.0 at the receiving end of the client: what a PUBLISH from the server must satisfy
 * before the 3.1.1 receiver rules (publish.ts) apply, and what reaches the application.
 *
 * Rules this file keeps:
 * - Topic Alias (3.3.2.3.4): a PUBLISH with a topic and an alias sets the alias for this
 *   connection; one with an empty topic uses it (MQTT-3.3.2-10: we accept aliases up to our
 *   Topic Alias Maximum). An alias above that maximum (or any, when we announced none) is
 *   answered with DISCONNECT 0x94 Topic Alias invalid (MQTT-3.1.2-26 broken by the server);
 *   an empty topic with an alias we hold no mapping for is a Protocol Error, DISCONNECT 0x82
 *   (3.3.2.3.4: the sender must have set it first).
 * - Receive Maximum (3.3.4): more unacknowledged QoS 1/2 PUBLISHes than we announced is a
 *   Protocol Error, DISCONNECT 0x93 Receive Maximum exceeded (MQTT-3.3.4-9 broken by the server).
 *   Unacknowledged = QoS 2 ids awaiting PUBREL (a QoS 1 PUBLISH is acknowledged as it arrives),
 *   plus the PUBLISH in hand; a QoS 2 re-send of a held id is not a new one.
 * - The application gets the message's properties unaltered and in order (MQTT-3.3.2-4,
 *   -15, -16, -17, -18, -20 are the server's duty to forward; the client hands them on), never
 *   the Topic Alias, which belongs to the connection.
 */
import type { AppMessage, MessageProperties, PublishPacket } from '../types';
import { protocolError } from '../errors';
import type { ClientContext } from './context';
import { applyRule, closeForViolation } from './context';

/** Absent Receive Maximum = 65,535 (3.1.2.11.3). */
const DEFAULT_RECEIVE_MAXIMUM = 65535;

/** The PUBLISH's topic once its alias is applied; undefined when the connection was closed for it. */
export function resolveTopic(ctx: ClientContext, packet: PublishPacket): string | undefined {
  const alias = packet.properties?.topicAlias;
  if (alias === undefined) return packet.topic;
  const { state } = ctx;
  const maximum = state.options.topicAliasMaximum ?? 0;
  if (alias > maximum) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.1.2-26', `Topic Alias ${alias} above our Topic Alias Maximum ${maximum}`, 0x94));
    return undefined;
  }
  const aliases = state.topicAliases ?? (state.topicAliases = {});
  if (packet.topic !== '') {
    aliases[alias] = packet.topic;
    applyRule(ctx, 'MQTT-3.3.2-10', 'client.topicAlias.set', { alias, topic: packet.topic });
    return packet.topic;
  }
  const topic = aliases[alias];
  if (topic === undefined) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.3.2', `Topic Alias ${alias} was never set on this connection`, 0x82));
    return undefined;
  }
  applyRule(ctx, 'MQTT-3.3.2-10', 'client.topicAlias.used', { alias, topic });
  return topic;
}

/** Whether this QoS 1/2 PUBLISH keeps within our Receive Maximum; closes with 0x93 when not. */
export function withinReceiveMaximum(ctx: ClientContext, packet: PublishPacket): boolean {
  const { state } = ctx;
  if (packet.qos === 0 || (packet.qos === 2 && packet.packetId !== undefined && state.awaitingPubrel.includes(packet.packetId))) return true;
  const maximum = state.options.receiveMaximum ?? DEFAULT_RECEIVE_MAXIMUM;
  if (state.awaitingPubrel.length + 1 <= maximum) return true;
  closeForViolation(ctx, protocolError('remote', 'MQTT-3.3.4-9',
    `more than Receive Maximum ${maximum} unacknowledged QoS 1/2 PUBLISH`, 0x93));
  return false;
}

/** The message the application receives: 5.0 properties without the connection's Topic Alias. */
export function receivedMessage(packet: PublishPacket, topic: string): AppMessage {
  const message: AppMessage = { topic, payload: packet.payload, qos: packet.qos, retain: packet.retain };
  const p = packet.properties;
  if (p === undefined) return message;
  const { topicAlias: _connectionOnly, ...rest } = p;
  const properties: MessageProperties = rest;
  if (Object.keys(properties).length > 0) message.properties = properties;
  return message;
}
