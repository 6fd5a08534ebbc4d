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
 */
import type { AppMessage, Packet } from '../types';
import type { FlowEvent } from '../session/outbound';
import { fillWindow, offer, resendAll, resendExpired } from '../session/outbound';
import type { BrokerContext } from './context';
import { addOutput, applyRule, sendTo } from './context';
import type { BrokerSession, ResolvedBrokerOptions } from './types';

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
  for (const event of events) {
    if (event.kind === 'send') {
      if (event.retransmission && ctx.state.options.narrate) narrateResend(ctx, session, event.packet, reason);
      sendTo(ctx, connId, event.packet, event.retransmission);
    } else if (event.kind === 'unknownAck') {
      applyRule(ctx, { clientId: session.clientId, connId }, 'MQTT-4.3', 'broker.ack.unknown',
        { packetType: event.packetType, packetId: event.packetId });
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

/** The outbound window toward one client: its own if it has one, else the broker's. */
function windowOf(options: ResolvedBrokerOptions, clientId: string): number {
  return options.maxInflightByClient[clientId] ?? options.maxInflight;
}

/** MQTT-4.5.0-1: the message joins the session state of a matching subscriber. */
export function deliverToSession(ctx: BrokerContext, session: BrokerSession, message: AppMessage): void {
  const connId = session.connId;
  if (connId === undefined) {
    queueOffline(ctx, session, message);
    return;
  }
  if (message.qos === 0) {
    // MQTT-4.3.1-1 / MQTT-3.3.1-2: QoS 0, DUP=0, no packetId.
    sendTo(ctx, connId, { type: 'PUBLISH', topic: message.topic, payload: message.payload, qos: 0, dup: false, retain: message.retain });
    return;
  }
  const { options } = ctx.state;
  if (session.flow.queue.length >= options.maxQueued) {
    applyRule(ctx, { clientId: session.clientId, connId }, 'MQTT-4.3', 'broker.queue.full',
      { clientId: session.clientId, topic: message.topic, maxQueued: options.maxQueued });
    addOutput(ctx, { type: 'discarded', reason: 'queueFull', messages: [message], to: session.clientId });
    return;
  }
  const event = offer(session.flow, message, ctx.nowMs, windowOf(options, session.clientId));
  if (event.kind === 'queued') {
    applyRule(ctx, { clientId: session.clientId, connId }, 'MQTT-4.6.0-6', 'broker.queued.window',
      { clientId: session.clientId, topic: message.topic, qos: message.qos, queued: event.queued });
  }
  emitSessionFlow(ctx, session, [event], 'ack');
}

/** Room freed in the window: send what waits. */
export function pumpSession(ctx: BrokerContext, session: BrokerSession): void {
  if (session.connId === undefined) return;
  emitSessionFlow(ctx, session, fillWindow(session.flow, ctx.nowMs, windowOf(ctx.state.options, session.clientId)), 'ack');
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
