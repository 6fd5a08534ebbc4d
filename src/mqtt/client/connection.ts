/**
 * Client connection lifecycle: CONNECT, CONNACK, session resumption, DISCONNECT, loss.
 *
 * Rules this file keeps:
 * - The first packet on a connection is CONNECT (MQTT-3.1.0-1), sent once (MQTT-3.1.0-2).
 * - cleanSession=1: the previous session is discarded before connecting (MQTT-3.1.2-6); that
 *   includes unacknowledged PUBLISH/PUBREL, which is how QoS 2 can lose a message.
 * - cleanSession=0 and sessionPresent=1: re-send every unacknowledged PUBLISH (DUP=1) and PUBREL,
 *   original ids, original order (MQTT-4.4.0-1, MQTT-4.6.0-1), then what waited in the queue.
 * - After DISCONNECT nothing more is sent and the connection is closed (MQTT-3.14.4-1, -2).
 */
import type { ConnackPacket, ConnectPacket } from '../types';
import { invariant, protocolError } from '../errors';
import { createReader } from '../codec';
import type { ClientContext } from './context';
import { addOutput, applyRule, closeConnection, closeForViolation, markDisconnected, sendPacket } from './context';
import { emitFlowEvents, requestIdInUse } from './publish';
import { countAwaiting, fillWindow, resendAll } from '../session/outbound';
import { sendPendingRequests } from './subscribe';

function connectPacket(ctx: ClientContext): ConnectPacket {
  const { options } = ctx.state;
  const packet: ConnectPacket = {
    type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: options.clientId,
    cleanSession: options.cleanSession, keepAliveSec: options.keepAliveSec,
  };
  if (options.will) packet.will = options.will;
  if (options.username !== undefined) packet.username = options.username;
  if (options.password !== undefined) packet.password = options.password;
  return packet;
}

function sessionCounts(ctx: ClientContext): { publishes: number; pubrels: number; awaitingPubrel: number } {
  const { flow, awaitingPubrel } = ctx.state;
  const pubrels = countAwaiting(flow, 'PUBCOMP');
  return { publishes: flow.inflight.length - pubrels, pubrels, awaitingPubrel: awaitingPubrel.length };
}

export function connectionOpened(ctx: ClientContext): void {
  const { state } = ctx;
  state.reader = createReader();
  if (state.options.clientId === '' && !state.options.cleanSession) {
    // MQTT-3.1.3-7: a zero-byte client id requires cleanSession=1; we refuse to send such a CONNECT.
    const error = protocolError('local', 'MQTT-3.1.3-7', 'an empty client id needs cleanSession=1');
    applyRule(ctx, error.rule, 'client.request.rejected', { reason: error.message, topic: '' });
    closeConnection(ctx, 'protocolError', error);
    return;
  }
  if (state.options.cleanSession) discardSession(ctx);
  state.status = 'connecting';
  // MQTT-3.1.0-1: CONNECT first. The CONNACK wait is timed like a PINGREQ (keep-alive.ts).
  sendPacket(ctx, connectPacket(ctx));
  state.awaitingReplySinceMs = ctx.nowMs;
}

/** MQTT-3.1.2-6: cleanSession=1 starts from nothing; unacknowledged messages are given up. */
function discardSession(ctx: ClientContext): void {
  const { state } = ctx;
  const counts = sessionCounts(ctx);
  if (counts.publishes + counts.pubrels + counts.awaitingPubrel > 0) {
    applyRule(ctx, 'MQTT-3.1.2-6', 'client.session.discarded', counts);
  }
  // A message whose PUBREL was sent is not lost here: the broker has it (Method B delivered it
  // already; Method A keeps it until PUBREL, and reports it if it gives up the session).
  const given = state.flow.inflight.filter((m) => m.awaiting !== 'PUBCOMP').map((m) => m.message);
  if (given.length > 0) addOutput(ctx, { type: 'discarded', reason: 'cleanSession', messages: given });
  state.flow.inflight = [];
  state.awaitingPubrel = [];
}

export function connectionLost(ctx: ClientContext): void {
  if (ctx.state.status === 'disconnected') return;
  markDisconnected(ctx.state);
}

export function appDisconnected(ctx: ClientContext): void {
  if (ctx.state.status === 'disconnected') return;
  sendPacket(ctx, { type: 'DISCONNECT' });
  // MQTT-3.14.4-1 / MQTT-3.14.4-2: close right after DISCONNECT, send nothing more.
  closeConnection(ctx, 'disconnect');
}

export function handleConnack(ctx: ClientContext, packet: ConnackPacket): void {
  const { state } = ctx;
  if (state.status !== 'connecting') {
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.2.0-1', 'CONNACK on an established connection'));
    return;
  }
  state.awaitingReplySinceMs = undefined;
  invariant('returnCode' in packet, 'the 3.1.1 client reads CONNACK with its 3.1.1 reader'); // a 5.0 CONNACK has a reasonCode
  if (packet.returnCode !== 0) {
    addOutput(ctx, { type: 'connected', sessionPresent: false, returnCode: packet.returnCode });
    applyRule(ctx, 'MQTT-3.2.2-5', 'client.connack.refused', { returnCode: packet.returnCode });
    closeConnection(ctx, 'refused');
    return;
  }
  state.status = 'connected';
  state.sessionPresent = packet.sessionPresent;
  addOutput(ctx, { type: 'connected', sessionPresent: packet.sessionPresent, returnCode: 0 });
  resumeSession(ctx, packet.sessionPresent);
  sendPendingRequests(ctx, packet.sessionPresent);
  emitFlowEvents(ctx, fillWindow(state.flow, ctx.nowMs, state.options.maxInflight, requestIdInUse(ctx)), 'ack');
}

/**
 * MQTT-4.4.0-1: with cleanSession=0 re-send unacknowledged PUBLISH (DUP=1) and PUBREL.
 * Design: if the broker says sessionPresent=0 although we kept a session (it lost its state),
 *   we still re-send our PUBLISHes and PUBRELs, as MQTT.js and Paho do: a PUBLISH may then
 *   arrive twice (QoS 1 allows it; for QoS 2 the broker forgot the id, so it is a new message)
 *   but none is lost, and a PUBREL for an unknown id is still answered with PUBCOMP. Our
 *   inbound QoS 2 ids are dropped: the broker will never send their PUBREL, and keeping them
 *   would wrongly swallow its next message that reuses an id.
 */
function resumeSession(ctx: ClientContext, sessionPresent: boolean): void {
  const { state } = ctx;
  if (state.options.cleanSession) return;
  const counts = sessionCounts(ctx);
  if (sessionPresent) {
    if (counts.publishes + counts.pubrels > 0) {
      applyRule(ctx, 'MQTT-4.4.0-1', 'client.session.resumed', { publishes: counts.publishes, pubrels: counts.pubrels });
    }
  } else if (counts.publishes + counts.pubrels + counts.awaitingPubrel > 0) {
    applyRule(ctx, 'MQTT-3.2.2-3', 'client.session.lostByBroker', counts);
    state.awaitingPubrel = [];
  }
  emitFlowEvents(ctx, resendAll(state.flow, ctx.nowMs), 'reconnect');
}
