/**
 * The broker as a sender: getting one message into one session's outbound side.
 *
 * Rules this file keeps:
 * - Online: QoS 0 goes out at once (MQTT-4.3.1-1); QoS 1/2 enter the session's window with a
 *   fresh packetId per session (MQTT-2.3.1-4), or wait in its queue, keeping order (MQTT-4.6.0-6).
 * - Offline (cleanSession=0): QoS 1/2 are stored in the session (MQTT-3.1.2-5), up to maxQueued;
 *   QoS 0 is not stored (the spec allows either; we do not, and say so).
 * - On reconnect: re-send in-flight PUBLISH (DUP=1) and PUBREL in original order, then the queue
 *   (MQTT-4.4.0-1, MQTT-4.6.0-1).
 *
 * MQTT 5.0 subscribers:
 * - The window toward the client is its Receive Maximum (MQTT-3.3.4-9), or the broker's own
 *   window if smaller; QoS 0 is never held back by it (MQTT-3.3.4-10).
 * - A waiting message whose Message Expiry Interval has passed is not sent (MQTT-3.3.2-5); one
 *   that is sent carries what is left of its interval (MQTT-3.3.2-6) and every other property
 *   unaltered (MQTT-3.3.2-4, -15, -16, -17, -18, -20).
 * - A PUBLISH above the client's Maximum Packet Size is discarded as if it had been sent
 *   (MQTT-3.1.2-24, MQTT-3.1.2-25).
 */
import type { AppMessage, Packet, PublishPacket } from '../types';
import type { FlowEvent } from '../session/outbound';
import { fillWindow, offer, PACKET_ID_NOT_FOUND, resendAll, resendExpired } from '../session/outbound';
import { reasonStringOf } from './connect-v5';
import type { BrokerContext } from './context';
import { addOutput, applyRule, sendTo } from './context';
import type { BrokerConnection, BrokerMessage, BrokerSession } from './types';

type ResendReason = 'reconnect' | 'timeout' | 'ack';

function narrateResend(ctx: BrokerContext, session: BrokerSession, packet: Packet, reason: ResendReason): void {
  const subject = { clientId: session.clientId, connId: session.connId };
  if (packet.type === 'PUBLISH') {
    applyRule(ctx, subject, reason === 'timeout' ? 'MQTT-3.3.1-1' : 'MQTT-4.4.0-1', 'broker.resend.publish',
      { clientId: session.clientId, packetId: packet.packetId ?? 0, qos: packet.qos, reason });
  } else if (packet.type === 'PUBREL') {
    applyRule(ctx, subject, reason === 'reconnect' ? 'MQTT-4.4.0-1' : 'MQTT-4.3.3-1', 'broker.resend.pubrel',
      { clientId: session.clientId, packetId: packet.packetId, reason: reason === 'ack' ? 'duplicatePubrec' : reason });
  }
}

export function emitSessionFlow(ctx: BrokerContext, session: BrokerSession, events: FlowEvent[], reason: ResendReason): void {
  const connId = session.connId;
  if (connId === undefined) return;
  const conn = ctx.state.connections.get(connId);
  for (const event of events) {
    if (event.kind === 'send') {
      if (event.retransmission && ctx.state.options.narrate) narrateResend(ctx, session, event.packet, reason);
      const packet = event.packet;
      if (conn?.v5 !== undefined && packet.type === 'PUBLISH') sendPublish5(ctx, session, packet, event.retransmission);
      else if (conn?.v5 !== undefined && packet.type === 'PUBREL' && packet.reasonCode === PACKET_ID_NOT_FOUND) {
        sendTo(ctx, connId, { ...packet, ...reasonStringOf(ctx, `packet identifier ${packet.packetId} not found`) }, event.retransmission);
      } else sendTo(ctx, connId, packet, event.retransmission);
    } else if (event.kind === 'unknownAck') {
      applyRule(ctx, { clientId: session.clientId, connId }, 'MQTT-4.3', 'broker.ack.unknown',
        { packetType: event.packetType, packetId: event.packetId });
    } else if (event.kind === 'failed' && event.packetType === 'PUBREC') {
      // MQTT-4.3.3-4: a PUBREC of 0x80 or more ends the exchange: no PUBREL, the packet id is free.
      applyRule(ctx, { clientId: session.clientId, connId }, 'MQTT-4.3.3-4', 'broker.pubrec.failed',
        { clientId: session.clientId, packetId: event.packetId, reasonCode: event.reasonCode, topic: event.message.topic });
    }
  }
}

function queueOffline(ctx: BrokerContext, session: BrokerSession, message: AppMessage): void {
  const subject = { clientId: session.clientId };
  if (message.qos === 0) {
    applyRule(ctx, subject, 'MQTT-3.1.2-5', 'broker.offline.qos0Dropped', { clientId: session.clientId, topic: message.topic });
    addOutput(ctx, { type: 'discarded', reason: 'qos0Offline', messages: [message], to: session.clientId });
    return;
  }
  if (session.flow.queue.length >= ctx.state.options.maxQueued) {
    applyRule(ctx, subject, 'MQTT-3.1.2-5', 'broker.queue.full',
      { clientId: session.clientId, topic: message.topic, maxQueued: ctx.state.options.maxQueued });
    addOutput(ctx, { type: 'discarded', reason: 'queueFull', messages: [message], to: session.clientId });
    return;
  }
  // MQTT-3.1.2-5: QoS 1/2 for an offline cleanSession=0 client is kept in its session.
  session.flow.queue.push(message);
  applyRule(ctx, subject, 'MQTT-3.1.2-5', 'broker.queued.offline',
    { clientId: session.clientId, topic: message.topic, qos: message.qos, queued: session.flow.queue.length });
}

/** The outbound window toward one client: its own if it has one, else the broker's; 5.0: at most its Receive Maximum. */
function windowOf(ctx: BrokerContext, session: BrokerSession): number {
  const { options } = ctx.state;
  const own = options.maxInflightByClient[session.clientId] ?? options.maxInflight;
  const conn: BrokerConnection | undefined = session.connId === undefined ? undefined : ctx.state.connections.get(session.connId);
  // MQTT-3.3.4-9: never more unacknowledged QoS 1/2 PUBLISH than the client's Receive Maximum.
  return conn?.v5 === undefined ? own : Math.min(own, conn.v5.receiveMaximum);
}

/** The message's properties as sent now: the Message Expiry Interval reduced by the time it waited (MQTT-3.3.2-6). */
function propertiesNow(ctx: BrokerContext, message: BrokerMessage): PublishPacket['properties'] {
  if (message.properties === undefined) return undefined;
  if (message.expiresAtMs === undefined) return message.properties;
  const left = Math.max(0, Math.ceil((message.expiresAtMs - ctx.nowMs) / 1000));
  return { ...message.properties, messageExpiryInterval: left };
}

/** A PUBLISH to a 5.0 client, with the message's properties; too big: completed as if sent (MQTT-3.1.2-25). */
function sendPublish5(ctx: BrokerContext, session: BrokerSession, packet: PublishPacket, retransmission: boolean): void {
  const connId = session.connId;
  if (connId === undefined) return;
  const index = packet.packetId === undefined ? -1 : session.flow.inflight.findIndex((m) => m.packetId === packet.packetId);
  const message: BrokerMessage | undefined = index < 0 ? undefined : session.flow.inflight[index]?.message;
  const properties = message === undefined ? packet.properties : propertiesNow(ctx, message);
  const full: PublishPacket = properties === undefined ? packet : { ...packet, properties };
  if (sendTo(ctx, connId, full, retransmission) || !ctx.state.connections.has(connId)) return;
  // MQTT-3.1.2-25: behave as if it had been sent and acknowledged: the window moves on.
  if (index >= 0) session.flow.inflight.splice(index, 1);
  addOutput(ctx, { type: 'discarded', reason: 'tooLarge', messages: [message ?? { topic: packet.topic, payload: packet.payload, qos: packet.qos, retain: packet.retain }], to: session.clientId });
}

/** MQTT-3.3.2-5: waiting messages whose Message Expiry Interval passed are deleted, not sent. */
function dropExpired(ctx: BrokerContext, session: BrokerSession): void {
  const queue = session.flow.queue as BrokerMessage[];
  if (!queue.some((m) => m.expiresAtMs !== undefined && m.expiresAtMs <= ctx.nowMs)) return;
  const expired: BrokerMessage[] = [];
  session.flow.queue = queue.filter((m) => {
    if (m.expiresAtMs === undefined || m.expiresAtMs > ctx.nowMs) return true;
    applyRule(ctx, { clientId: session.clientId, connId: session.connId }, 'MQTT-3.3.2-5', 'broker.message.expired',
      { clientId: session.clientId, topic: m.topic, qos: m.qos });
    expired.push(m);
    return false;
  });
  addOutput(ctx, { type: 'discarded', reason: 'messageExpired', messages: expired, to: session.clientId });
}

/** MQTT-4.5.0-1: the message joins the session state of a matching subscriber. */
export function deliverToSession(ctx: BrokerContext, session: BrokerSession, message: BrokerMessage): void {
  const connId = session.connId;
  if (connId === undefined) {
    queueOffline(ctx, session, message);
    return;
  }
  if (message.qos === 0) {
    // MQTT-4.3.1-1 / MQTT-3.3.1-2: QoS 0, DUP=0, no packetId.
    const packet: PublishPacket = { type: 'PUBLISH', topic: message.topic, payload: message.payload, qos: 0, dup: false, retain: message.retain };
    const properties = ctx.state.connections.get(connId)?.v5 === undefined ? undefined : propertiesNow(ctx, message);
    sendTo(ctx, connId, properties === undefined ? packet : { ...packet, properties });
    return;
  }
  const { options } = ctx.state;
  if (session.flow.queue.length >= options.maxQueued) {
    applyRule(ctx, { clientId: session.clientId, connId }, 'MQTT-4.3', 'broker.queue.full',
      { clientId: session.clientId, topic: message.topic, maxQueued: options.maxQueued });
    addOutput(ctx, { type: 'discarded', reason: 'queueFull', messages: [message], to: session.clientId });
    return;
  }
  const event = offer(session.flow, message, ctx.nowMs, windowOf(ctx, session));
  if (event.kind === 'queued') {
    applyRule(ctx, { clientId: session.clientId, connId }, 'MQTT-4.6.0-6', 'broker.queued.window',
      { clientId: session.clientId, topic: message.topic, qos: message.qos, queued: event.queued });
  }
  emitSessionFlow(ctx, session, [event], 'ack');
}

/** Room freed in the window: send what waits. */
export function pumpSession(ctx: BrokerContext, session: BrokerSession): void {
  if (session.connId === undefined) return;
  dropExpired(ctx, session);
  emitSessionFlow(ctx, session, fillWindow(session.flow, ctx.nowMs, windowOf(ctx, session)), 'ack');
}

/** MQTT-4.4.0-1: after CONNACK on a resumed session, re-send in flight, then the queue. */
export function resumeOutbound(ctx: BrokerContext, session: BrokerSession): void {
  emitSessionFlow(ctx, session, resendAll(session.flow, ctx.nowMs), 'reconnect');
  pumpSession(ctx, session);
}

/** retryMode 'retryOnTimeout': re-send what has waited too long, on the same connection. */
export function retryExpired(ctx: BrokerContext, session: BrokerSession): void {
  if (session.connId === undefined) return;
  emitSessionFlow(ctx, session, resendExpired(session.flow, ctx.nowMs, ctx.state.options.retryTimeoutMs), 'timeout');
}
