/**
 * PUBLISH and its acknowledgements on the broker, both directions.
 *
 * Inbound (the broker as receiver, Figures 4.2 and 4.3):
 * - QoS 0: forward. QoS 1: forward, then PUBACK (MQTT-4.3.2-2); a later PUBLISH with the same
 *   packetId is a new publication, DUP or not.
 * - QoS 2 Method A: store the message, PUBREC; on PUBREL forward it, forget it, PUBCOMP.
 *   QoS 2 Method B: store the packetId, forward at once, PUBREC; on PUBREL forget the id, PUBCOMP.
 *   Either way, a PUBLISH whose packetId awaits PUBREL gets PUBREC again and is never forwarded
 *   twice (MQTT-4.3.3-2). PUBREL is always answered with PUBCOMP, known id or not.
 * - A topic name with wildcards is a protocol violation (MQTT-3.3.2-2).
 * - A topic the `refusedTopics` ACL refuses is never forwarded. 5.0: PUBACK / PUBREC 0x87 Not
 *   authorized. 3.1.1 cannot say no (MQTT-3.3.5-2): the usual PUBACK / PUBREC. QoS 0: dropped.
 * Outbound (the broker as sender): PUBACK / PUBREC / PUBCOMP from a subscriber, via sender.ts.
 *
 * MQTT 5.0 inbound:
 * - Topic Aliases are resolved first (topic-alias.ts). A client's PUBLISH carries no
 *   Subscription Identifier (MQTT-3.3.4-6): Protocol Error 0x82.
 * - The broker's Receive Maximum bounds the client's unacknowledged QoS 2 PUBLISHes (QoS 1 is
 *   acknowledged at once): one more is DISCONNECT 0x93 Receive Maximum exceeded (MQTT-3.3.4-7, 4.9).
 * - PUBACK / PUBREC say 0x10 No matching subscribers when nobody matched (3.4.2.1), and the
 *   message keeps its properties onward (MQTT-3.3.2-4, -15..-18, -20) and its expiry (MQTT-3.3.2-5).
 * - A PUBLISH above the Maximum QoS option is DISCONNECT 0x9B, a retained one without Retain
 *   Available DISCONNECT 0x9A. A PUBREL for an id we do not hold is answered PUBCOMP 0x92 Packet
 *   Identifier not found (Table 3-7). Method A: a message whose Message Expiry Interval passed
 *   before PUBREL is not forwarded (MQTT-3.3.2-5); PUBREC and PUBCOMP go on all the same (MQTT-4.3.3-13).
 * MQTT 5.0 outbound: a PUBREC of 0x80 or more from a subscriber ends that exchange, no PUBREL
 * (MQTT-4.3.3-4: PUBREL only for a PUBREC below 0x80), and frees its place in the window
 * (session/outbound.ts handleAck, shared with the client).
 */
import type { PacketId, PublishPacket, PublishReasonCode } from '../types';
import { millis } from '../types';
import { protocolError } from '../errors';
import { topicMatches, topicNameProblem } from '../topic';
import { handleAck, PACKET_ID_NOT_FOUND } from '../session/outbound';
import { reasonStringOf } from './connect-v5';
import type { BrokerContext } from './context';
import { addOutput, applyRule, sendTo } from './context';
import { emitSessionFlow, pumpSession } from './delivery';
import { closeForViolation } from './lifecycle';
import { hasMatchingSubscribers, publishOnward } from './routing';
import { resolveTopicAlias } from './topic-alias';
import type { BrokerConnection, BrokerMessage, BrokerSession } from './types';

function toMessage(ctx: BrokerContext, packet: PublishPacket, topic: string): BrokerMessage {
  const message: BrokerMessage = { topic, payload: packet.payload, qos: packet.qos, retain: packet.retain };
  if (packet.properties === undefined) return message;
  // The alias is this connection's; Subscription Identifiers are set per subscriber.
  const { topicAlias: _alias, subscriptionIdentifiers: _ids, ...properties } = packet.properties;
  if (Object.keys(properties).length > 0) message.properties = properties;
  if (properties.messageExpiryInterval !== undefined) message.expiresAtMs = millis(ctx.nowMs + properties.messageExpiryInterval * 1000);
  return message;
}

/** 5.0: 0x10 when nobody matched (a success code: the flow goes on); 3.1.1 acks carry no code. */
function ackCode(ctx: BrokerContext, conn: BrokerConnection, matched: boolean): { reasonCode?: PublishReasonCode; properties?: { reasonString: string } } {
  return conn.v5 !== undefined && !matched ? { reasonCode: 0x10, ...reasonStringOf(ctx, 'no matching subscribers') } : {};
}

/** 5.0: a PUBLISH above the broker's Maximum QoS or retained without Retain Available: DISCONNECT 0x9B / 0x9A. */
function unsupported(ctx: BrokerContext, conn: BrokerConnection, packet: PublishPacket): boolean {
  const { maximumQoS, retainAvailable } = ctx.state.options;
  if (conn.v5 === undefined) return false;
  if (packet.qos > maximumQoS) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.2.2-11', `PUBLISH QoS ${packet.qos} above Maximum QoS ${maximumQoS}`, 0x9b));
    return true;
  }
  if (packet.retain && !retainAvailable) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.2.2-14', 'PUBLISH with RETAIN 1, and retained messages are not supported', 0x9a));
    return true;
  }
  return false;
}

/** The broker's ACL (`refusedTopics`) refuses publishing to this topic. */
function refusesTopic(ctx: BrokerContext, topic: string): boolean {
  return ctx.state.options.refusedTopics.some((f) => topicMatches(f, topic));
}

/** The PUBLISH's topic (alias resolved), or undefined when it broke a 5.0 rule and the connection closed. */
function inboundTopic(ctx: BrokerContext, conn: BrokerConnection, packet: PublishPacket): string | undefined {
  if (conn.v5 === undefined) return packet.topic;
  if (packet.properties?.subscriptionIdentifiers !== undefined) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.3.4-6', 'a client PUBLISH carries a Subscription Identifier', 0x82));
    return undefined;
  }
  const topic = resolveTopicAlias(ctx, conn, packet);
  if (typeof topic === 'string') return topic;
  closeForViolation(ctx, conn.connId, topic);
  return undefined;
}

export function handlePublish(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: PublishPacket): void {
  if (unsupported(ctx, conn, packet)) return;
  const topic = inboundTopic(ctx, conn, packet);
  if (topic === undefined) return;
  const problem = topicNameProblem(topic);
  if (problem) {
    closeForViolation(ctx, conn.connId, protocolError('remote', problem.rule, problem.message, conn.v5 ? 0x90 : undefined));
    return;
  }
  if (packet.qos === 0) {
    // A QoS 0 PUBLISH to a refused topic has no acknowledgement to refuse it with: it is dropped.
    if (!refusesTopic(ctx, topic)) publishOnward(ctx, toMessage(ctx, packet, topic), session.clientId);
    else applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-3.3.5-2', 'broker.publish.refusedSilently', { topic, qos: 0 });
    return;
  }
  const packetId = packet.packetId;
  if (packetId === undefined) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-2.3.1-1', 'QoS > 0 PUBLISH without packet identifier'));
    return;
  }
  if (refusesTopic(ctx, topic) && !session.awaitingPubrel.some((a) => a.packetId === packetId)) {
    if (conn.v5 === undefined) {
      refuseSilently(ctx, conn, session, packet.qos, packetId, topic);
      return;
    }
    // MQTT-4.4.0-2 / 3.4.2.1: 0x87 Not authorized ends the exchange; nothing is forwarded or stored.
    applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-4.4.0-2', 'broker.publish.refused', { topic, packetId, reasonCode: '0x87' });
    sendTo(ctx, conn.connId, { type: packet.qos === 1 ? 'PUBACK' : 'PUBREC', packetId, reasonCode: 0x87, ...reasonStringOf(ctx, `not authorized to publish to ${topic}`) });
    return;
  }
  if (packet.qos === 1) {
    if (packet.dup) {
      applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-4.3.2-2', 'broker.qos1.duplicate', { packetId });
    }
    // Figure 4.2: initiate onward delivery, then PUBACK with the same packetId (MQTT-4.3.2-2).
    const matched = publishOnward(ctx, toMessage(ctx, packet, topic), session.clientId);
    sendTo(ctx, conn.connId, { type: 'PUBACK', packetId, ...ackCode(ctx, conn, matched) });
  } else {
    handleQos2Publish(ctx, conn, session, toMessage(ctx, packet, topic), packetId);
  }
}

/**
 * 3.1.1: a PUBLISH to a refused topic. Its acks carry no code, so there is no way to tell the client
 * (MQTT-3.3.5-2): acknowledge as the QoS says (a QoS 2 id awaits PUBREL as usual) and forward
 * nothing, as mosquitto does.
 */
function refuseSilently(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, qos: 1 | 2, packetId: PacketId, topic: string): void {
  applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-3.3.5-2', 'broker.publish.refusedSilently', { topic, qos });
  if (qos === 2) session.awaitingPubrel.push({ packetId });
  sendTo(ctx, conn.connId, { type: qos === 1 ? 'PUBACK' : 'PUBREC', packetId });
}

function handleQos2Publish(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, message: BrokerMessage,
  packetId: PacketId): void {
  const subject = { connId: conn.connId, clientId: session.clientId };
  if (session.awaitingPubrel.some((a) => a.packetId === packetId)) {
    // MQTT-4.3.3-2: a repeated PUBLISH before PUBREL gets PUBREC again, no new delivery.
    applyRule(ctx, subject, 'MQTT-4.3.3-2', 'broker.duplicate.reacked', { packetId });
    sendTo(ctx, conn.connId, { type: 'PUBREC', packetId });
    return;
  }
  const { qos2Method: method, receiveMaximum } = ctx.state.options;
  if (conn.v5 !== undefined) {
    if (conn.v5.inboundQos2.length >= receiveMaximum) {
      // MQTT-3.3.4-7: the client must not have more than our Receive Maximum unacknowledged.
      closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.3.4-7',
        `more than Receive Maximum ${receiveMaximum} unacknowledged QoS 2 PUBLISH`, 0x93));
      return;
    }
    conn.v5.inboundQos2.push(packetId);
  }
  session.awaitingPubrel.push(method === 'A' ? { packetId, message } : { packetId });
  applyRule(ctx, subject, 'MQTT-4.3.3-2', 'broker.qos2.stored', { packetId, method });
  // Method B: initiate onward delivery now (Figure 4.3), before PUBREC.
  const matched = method === 'B' ? publishOnward(ctx, message, session.clientId) : hasMatchingSubscribers(ctx, message.topic);
  sendTo(ctx, conn.connId, { type: 'PUBREC', packetId, ...ackCode(ctx, conn, matched) });
}

export function handlePubrel(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packetId: PacketId): void {
  const index = session.awaitingPubrel.findIndex((a) => a.packetId === packetId);
  // shift(): PUBRELs mostly arrive in order (see PERFORMANCE.md).
  const held = index === 0 ? session.awaitingPubrel.shift() : index > 0 ? session.awaitingPubrel.splice(index, 1)[0] : undefined;
  const method = ctx.state.options.qos2Method;
  if (conn.v5 !== undefined) conn.v5.inboundQos2 = conn.v5.inboundQos2.filter((id) => id !== packetId);
  applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-4.3.3-2', 'broker.qos2.released',
    { packetId, method: held?.message ? 'A' : method, known: held !== undefined });
  // Method A: initiate onward delivery now that the sender released it, unless its Message Expiry
  // Interval passed while it waited (MQTT-3.3.2-5); the exchange completes all the same (MQTT-4.3.3-13).
  const message = held?.message as BrokerMessage | undefined;
  if (message?.expiresAtMs !== undefined && message.expiresAtMs <= ctx.nowMs) {
    applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-3.3.2-5', 'broker.message.expired',
      { clientId: session.clientId, topic: message.topic, qos: message.qos });
    addOutput(ctx, { type: 'discarded', reason: 'messageExpired', messages: [message] });
  } else if (message) publishOnward(ctx, message, session.clientId);
  // MQTT-4.3.3-2: PUBCOMP with the PUBREL's packetId; a later PUBLISH with that id is new.
  // 5.0: an id we do not hold is answered 0x92 Packet Identifier not found (Table 3-7), as the client does.
  sendTo(ctx, conn.connId, conn.v5 !== undefined && held === undefined
    ? { type: 'PUBCOMP', packetId, reasonCode: PACKET_ID_NOT_FOUND, ...reasonStringOf(ctx, `packet identifier ${packetId} not found`) }
    : { type: 'PUBCOMP', packetId });
}

/**
 * PUBACK / PUBREC / PUBCOMP from a subscriber for a message the broker sent. On a 5.0 connection
 * the Reason Code goes to the shared sender (session/outbound.ts handleAck), which ends a refused
 * exchange (MQTT-4.4.0-2, MQTT-4.3.3-4: no PUBREL after a PUBREC of 0x80 or more) for the client
 * and the broker alike; a refused message is not sent to anyone else (MQTT-4.8.2-6).
 */
export function handleOutboundAck(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession,
  type: 'PUBACK' | 'PUBREC' | 'PUBCOMP', packetId: PacketId, reasonCode?: number): void {
  const v5 = conn.v5 !== undefined;
  emitSessionFlow(ctx, session, handleAck(session.flow, type, packetId, ctx.nowMs, v5 ? { version: 5, reasonCode } : undefined), 'ack');
  // A PUBREC frees room in the window only when it refuses the message (5.0).
  if (type !== 'PUBREC' || (v5 && (reasonCode ?? 0) >= 0x80)) pumpSession(ctx, session);
}
