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
 * Outbound (the broker as sender): PUBACK / PUBREC / PUBCOMP from a subscriber, via sender.ts.
 */
import type { AppMessage, PacketId, PublishPacket } from '../types';
import { protocolError } from '../errors';
import { topicNameProblem } from '../topic';
import { handleAck } from '../session/outbound';
import type { BrokerContext } from './context';
import { applyRule, sendTo } from './context';
import { emitSessionFlow, pumpSession } from './delivery';
import { closeForViolation } from './lifecycle';
import { publishOnward } from './routing';
import type { BrokerConnection, BrokerSession } from './types';

function toAppMessage(packet: PublishPacket): AppMessage {
  return { topic: packet.topic, payload: packet.payload, qos: packet.qos, retain: packet.retain };
}

export function handlePublish(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: PublishPacket): void {
  const problem = topicNameProblem(packet.topic);
  if (problem) {
    closeForViolation(ctx, conn.connId, protocolError('remote', problem.rule, problem.message));
    return;
  }
  if (packet.qos === 0) {
    publishOnward(ctx, toAppMessage(packet));
    return;
  }
  const packetId = packet.packetId;
  if (packetId === undefined) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-2.3.1-1', 'QoS > 0 PUBLISH without packet identifier'));
    return;
  }
  if (packet.qos === 1) {
    if (packet.dup) {
      applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-4.3.2-2', 'broker.qos1.duplicate', { packetId });
    }
    // Figure 4.2: initiate onward delivery, then PUBACK with the same packetId (MQTT-4.3.2-2).
    publishOnward(ctx, toAppMessage(packet));
    sendTo(ctx, conn.connId, { type: 'PUBACK', packetId });
  } else {
    handleQos2Publish(ctx, conn, session, packet, packetId);
  }
}

function handleQos2Publish(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: PublishPacket,
  packetId: PacketId): void {
  const subject = { connId: conn.connId, clientId: session.clientId };
  if (session.awaitingPubrel.some((a) => a.packetId === packetId)) {
    // MQTT-4.3.3-2: a repeated PUBLISH before PUBREL gets PUBREC again, no new delivery.
    applyRule(ctx, subject, 'MQTT-4.3.3-2', 'broker.duplicate.reacked', { packetId });
    sendTo(ctx, conn.connId, { type: 'PUBREC', packetId });
    return;
  }
  const method = ctx.state.options.qos2Method;
  const message = toAppMessage(packet);
  session.awaitingPubrel.push(method === 'A' ? { packetId, message } : { packetId });
  applyRule(ctx, subject, 'MQTT-4.3.3-2', 'broker.qos2.stored', { packetId, method });
  // Method B: initiate onward delivery now (Figure 4.3), before PUBREC.
  if (method === 'B') publishOnward(ctx, message);
  sendTo(ctx, conn.connId, { type: 'PUBREC', packetId });
}

export function handlePubrel(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packetId: PacketId): void {
  const index = session.awaitingPubrel.findIndex((a) => a.packetId === packetId);
  // shift(): PUBRELs mostly arrive in order (see PERFORMANCE.md).
  const held = index === 0 ? session.awaitingPubrel.shift() : index > 0 ? session.awaitingPubrel.splice(index, 1)[0] : undefined;
  const method = ctx.state.options.qos2Method;
  applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-4.3.3-2', 'broker.qos2.released',
    { packetId, method: held?.message ? 'A' : method, known: held !== undefined });
  // Method A: initiate onward delivery now that the sender released it.
  if (held?.message) publishOnward(ctx, held.message);
  // MQTT-4.3.3-2: PUBCOMP with the PUBREL's packetId; a later PUBLISH with that id is new.
  sendTo(ctx, conn.connId, { type: 'PUBCOMP', packetId });
}

/** PUBACK / PUBREC / PUBCOMP from a subscriber for a message the broker sent. */
export function handleOutboundAck(ctx: BrokerContext, session: BrokerSession, type: 'PUBACK' | 'PUBREC' | 'PUBCOMP',
  packetId: PacketId): void {
  emitSessionFlow(ctx, session, handleAck(session.flow, type, packetId, ctx.nowMs), 'ack');
  if (type !== 'PUBREC') pumpSession(ctx, session);
}
