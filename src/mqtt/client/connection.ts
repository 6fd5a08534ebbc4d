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
 * - MQTT 5.0 (protocolVersion 5): a level-5 CONNECT with properties, the CONNACK read as 5.0
 *   (connect-v5.ts), the session's expiry (session-state.ts), and Session Present 0 discarding
 *   our session state (MQTT-3.2.2-5) instead of 3.1.1's re-send-anyway.
 */
import type { ConnackPacket, ConnectPacket, Will } from '../types';
import { protocolError } from '../errors';
import { createReader } from '../codec';
import type { ClientContext } from './context';
import { addOutput, applyRule, closeConnection, closeForViolation, isV5, markDisconnected, sendDisconnect, sendPacket } from './context';
import { emitFlowEvents, requestIdInUse } from './publish';
import { fillWindow, resendAll } from '../session/outbound';
import { sendPendingRequests } from './subscribe';
import { acceptConnack5, connectProperties } from './connect-v5';
import { outboundWindow } from './limits';
import { dropSessionState, expireIfDue, sessionCounts } from './session-state';

function connectPacket(ctx: ClientContext): ConnectPacket {
  const { state } = ctx;
  const { options } = state;
  const v5 = isV5(state);
  // 5.0: an empty client id the server assigned one for is used from then on (it names the session).
  const clientId = v5 && options.clientId === '' && state.assignedClientId !== undefined ? state.assignedClientId : options.clientId;
  const packet: ConnectPacket = {
    type: 'CONNECT', protocolName: 'MQTT', protocolLevel: v5 ? 5 : 4, clientId,
    cleanSession: options.cleanSession, keepAliveSec: options.keepAliveSec,
  };
  if (options.will) packet.will = v5 ? options.will : withoutProperties(options.will);
  if (options.username !== undefined) packet.username = options.username;
  if (options.password !== undefined) packet.password = options.password;
  const properties = v5 ? connectProperties(state) : undefined;
  if (properties !== undefined) packet.properties = properties;
  return packet;
}

function withoutProperties(will: Will): Will {
  if (will.properties === undefined) return will;
  const { properties: _dropped, ...plain } = will;
  return plain;
}

export function connectionOpened(ctx: ClientContext): void {
  const { state } = ctx;
  const v5 = isV5(state);
  const maximum = state.options.maximumPacketSize;
  // MQTT-3.1.2-24: the reader refuses (0x95) a packet above the Maximum Packet Size we announce.
  state.reader = !v5 ? createReader()
    : createReader(maximum === undefined ? { version: 5 } : { version: 5, maximumPacketSize: { bytes: maximum, setIn: 'CONNECT' } });
  if (v5) openConnection5(ctx);
  else if (state.options.clientId === '' && !state.options.cleanSession) {
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

/** 5.0: a fresh connection has no aliases (MQTT-3.3.2-7); an expired session is gone; no timeout retry. */
function openConnection5(ctx: ClientContext): void {
  const { state } = ctx;
  state.topicAliases = {};
  delete state.server;
  if (!state.options.cleanSession) expireIfDue(ctx);
  if (state.options.retryMode === 'retryOnTimeout') applyRule(ctx, 'MQTT-4.4.0-1', 'client.retry.notIn5');
}

/** MQTT-3.1.2-6: cleanSession=1 starts from nothing; unacknowledged messages are given up. */
function discardSession(ctx: ClientContext): void {
  // A message whose PUBREL was sent is not lost here: the broker has it (Method B delivered it
  // already; Method A keeps it until PUBREL, and reports it if it gives up the session).
  dropSessionState(ctx, 'cleanSession', 'MQTT-3.1.2-6', 'client.session.discarded');
}

export function connectionLost(ctx: ClientContext): void {
  if (ctx.state.status === 'disconnected') return;
  markDisconnected(ctx.state);
}

/** 5.0: reasonCode 0x00 (the will is discarded, MQTT-3.14.4-3) or 0x04 (the server publishes it). */
export function appDisconnected(ctx: ClientContext, reasonCode: 0x00 | 0x04 = 0x00): void {
  if (ctx.state.status === 'disconnected') return;
  if (!isV5(ctx.state)) {
    sendPacket(ctx, { type: 'DISCONNECT' });
    // MQTT-3.14.4-1 / MQTT-3.14.4-2: close right after DISCONNECT, send nothing more.
    closeConnection(ctx, 'disconnect');
    return;
  }
  sendDisconnect(ctx, reasonCode);
  closeConnection(ctx, 'disconnect', undefined, reasonCode);
}

export function handleConnack(ctx: ClientContext, packet: ConnackPacket): void {
  const { state } = ctx;
  if (state.status !== 'connecting') {
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.2.0-1', 'CONNACK on an established connection'));
    return;
  }
  state.awaitingReplySinceMs = undefined;
  if ('reasonCode' in packet) { // 5.0 (a 5.0 reader on this connection)
    if (!acceptConnack5(ctx, packet)) return;
  } else if (packet.returnCode !== 0) {
    addOutput(ctx, { type: 'connected', sessionPresent: false, returnCode: packet.returnCode });
    applyRule(ctx, 'MQTT-3.2.2-5', 'client.connack.refused', { returnCode: packet.returnCode });
    closeConnection(ctx, 'refused');
    return;
  }
  state.status = 'connected';
  state.sessionPresent = packet.sessionPresent;
  addOutput(ctx, 'reasonCode' in packet
    ? { type: 'connected', sessionPresent: packet.sessionPresent, returnCode: 0, reasonCode: packet.reasonCode }
    : { type: 'connected', sessionPresent: packet.sessionPresent, returnCode: 0 });
  resumeSession(ctx, packet.sessionPresent);
  sendPendingRequests(ctx, packet.sessionPresent);
  emitFlowEvents(ctx, fillWindow(state.flow, ctx.nowMs, outboundWindow(state), requestIdInUse(ctx)), 'ack');
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
  } else if (isV5(state)) {
    // MQTT-3.2.2-5 (5.0): Session Present 0 -> the client discards its session state; nothing to re-send.
    dropSessionState(ctx, 'sessionNotPresent', 'MQTT-3.2.2-5', 'client.session.notPresent');
    return;
  } else if (counts.publishes + counts.pubrels + counts.awaitingPubrel > 0) {
    applyRule(ctx, 'MQTT-3.2.2-3', 'client.session.lostByBroker', counts);
    state.awaitingPubrel = [];
  }
  emitFlowEvents(ctx, resendAll(state.flow, ctx.nowMs), 'reconnect');
}
