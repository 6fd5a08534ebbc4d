/**
 * How connections end, and what ending does to sessions and wills.
 *
 * Rules this file keeps:
 * - A connection that ends without DISCONNECT publishes its will, with the will's QoS and
 *   retain flag (MQTT-3.1.2-8, MQTT-3.1.2-16, MQTT-3.1.2-17); the will is then gone
 *   (MQTT-3.1.2-10). No will, nothing published (MQTT-3.1.2-12).
 * - A cleanSession=1 session lasts as long as its connection (MQTT-3.1.2-6); a cleanSession=0
 *   session is kept, detached, for the next connection (MQTT-3.1.2-4).
 * - Retained messages are not session state and survive every session (MQTT-3.1.2-7).
 * - A broker restart drops every connection without wills; sessions and retained messages
 *   survive only if the host says the broker persisted them.
 *
 * MQTT 5.0:
 * - A session outlives its connection by its Session Expiry Interval (MQTT-3.1.2-23): 0 ends it
 *   with the connection, whatever Clean Start said; otherwise it is kept, detached, until then
 *   (session-expiry.ts ends it).
 * - A will with a Will Delay Interval waits, in the session, until the delay passes or the session
 *   ends, whichever is first (MQTT-3.1.2-8); a reconnect in time cancels it (connect.ts). Its
 *   properties go with it (MQTT-3.1.3-10: User Properties in order).
 * - A protocol violation on a 5.0 connection is answered before closing (MQTT-4.13.1-1): with
 *   DISCONNECT and the error's Reason Code once CONNACK was sent (MQTT-3.14.0-1), with CONNACK
 *   and the Reason Code while the CONNECT is being handled.
 */
import type { ConnackReasonCode, DisconnectReasonCode, Will } from '../types';
import { millis } from '../types';
import type { ProtocolError } from '../errors';
import type { BrokerContext } from './context';
import { addOutput, applyRule, sendEncoded, sendTo } from './context';
import { expiryAtMs } from './connect-v5';
import { publishOnward } from './routing';
import type { BrokerConnection, BrokerMessage, BrokerSession, CloseReason, ConnId, DiscardReason } from './types';

type EndCause = CloseReason | 'connectionLost' | 'disconnectWithWill';

/** 3.1.1: Clean Session says it; 5.0: a Session Expiry Interval of 0. */
function endsWithConnection(session: BrokerSession): boolean {
  return session.expirySec === undefined ? session.cleanSession : session.expirySec === 0;
}

function detachSession(ctx: BrokerContext, conn: BrokerConnection): void {
  if (conn.clientId === undefined) return;
  const session = ctx.state.sessions.get(conn.clientId);
  if (session === undefined || session.connId !== conn.connId) return;
  session.connId = undefined;
  if (endsWithConnection(session)) {
    // MQTT-3.1.2-6: a clean session ends with its network connection (5.0: Session Expiry Interval 0).
    ctx.state.sessions.delete(session.clientId);
    applyRule(ctx, { clientId: session.clientId }, session.expirySec === undefined ? 'MQTT-3.1.2-6' : 'MQTT-3.1.2-23',
      'broker.session.discarded', { clientId: session.clientId, reason: 'connectionClosed' });
    reportDiscardedSession(ctx, session, 'cleanSession');
  } else if (session.expirySec !== undefined) {
    // MQTT-3.1.2-23: kept for expirySec seconds after the connection closes.
    const at = expiryAtMs(ctx.nowMs, session.expirySec);
    if (at !== undefined) session.expiresAtMs = millis(at);
    applyRule(ctx, { clientId: session.clientId }, 'MQTT-3.1.2-23', 'broker.session.expiryScheduled',
      { clientId: session.clientId, expirySec: session.expirySec });
  }
}

/** What an ending session held: messages on their way to its client, and Method A messages from it. */
export function reportDiscardedSession(ctx: BrokerContext, session: BrokerSession, reason: DiscardReason): void {
  const outbound = [...session.flow.inflight.map((m) => m.message), ...session.flow.queue];
  addOutput(ctx, { type: 'discarded', reason, messages: outbound, to: session.clientId, session: true });
  const inbound = session.awaitingPubrel.flatMap((a) => (a.message ? [a.message] : []));
  if (inbound.length > 0) addOutput(ctx, { type: 'discarded', reason, messages: inbound });
}

/** The will as a message; a 5.0 will keeps its properties (MQTT-3.1.3-10) and its expiry. */
function willMessage(ctx: BrokerContext, will: Will): BrokerMessage {
  const message: BrokerMessage = { topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain };
  if (will.properties === undefined) return message;
  const { willDelayInterval: _delay, ...properties } = will.properties;
  if (Object.keys(properties).length > 0) message.properties = properties;
  if (properties.messageExpiryInterval !== undefined) message.expiresAtMs = millis(ctx.nowMs + properties.messageExpiryInterval * 1000);
  return message;
}

function sendWill(ctx: BrokerContext, clientId: string, will: Will, cause: string, connId?: ConnId): void {
  applyRule(ctx, connId === undefined ? { clientId } : { clientId, connId }, 'MQTT-3.1.2-8', 'broker.will.published',
    { clientId, topic: will.topic, qos: will.qos, retain: will.retain, cause });
  // MQTT-3.1.2-16 / MQTT-3.1.2-17 (5.0: MQTT-3.1.2-14 / -15): the will's own retain flag and QoS.
  publishOnward(ctx, willMessage(ctx, will));
}

function publishWill(ctx: BrokerContext, conn: BrokerConnection, cause: EndCause): void {
  const will = conn.will;
  if (will === undefined || conn.clientId === undefined) return;
  conn.will = undefined; // MQTT-3.1.2-10
  const delaySec = will.properties?.willDelayInterval ?? 0;
  const session = ctx.state.sessions.get(conn.clientId);
  if (delaySec > 0 && session !== undefined && session.connId === undefined) {
    // MQTT-3.1.2-8 (5.0): the will waits for its delay, or for the session's end if sooner.
    session.pendingWill = { will, publishAtMs: millis(ctx.nowMs + delaySec * 1000) };
    applyRule(ctx, { clientId: conn.clientId, connId: conn.connId }, 'MQTT-3.1.2-8', 'broker.will.delayed',
      { clientId: conn.clientId, topic: will.topic, delaySec });
    return;
  }
  sendWill(ctx, conn.clientId, will, cause, conn.connId);
}

/** A delayed will whose time came, or whose session ended (MQTT-3.1.2-8). */
export function publishPendingWill(ctx: BrokerContext, session: BrokerSession, cause: 'willDelay' | 'sessionEnded'): void {
  const pending = session.pendingWill;
  if (pending === undefined) return;
  session.pendingWill = undefined;
  sendWill(ctx, session.clientId, pending.will, cause);
}

/** Removes the connection; the session is detached and the will published unless DISCONNECT. */
function endConnection(ctx: BrokerContext, conn: BrokerConnection, cause: EndCause): void {
  ctx.state.connections.delete(conn.connId);
  detachSession(ctx, conn);
  if (cause !== 'disconnect') publishWill(ctx, conn, cause);
}

/** The broker decides to close: tell the host, then end the connection. */
export function closeConnection(ctx: BrokerContext, connId: ConnId, reason: CloseReason, error?: ProtocolError,
  withWill = false): void {
  const conn = ctx.state.connections.get(connId);
  if (conn === undefined) return;
  addOutput(ctx, error === undefined ? { type: 'close', connId, reason } : { type: 'close', connId, reason, error });
  endConnection(ctx, conn, withWill ? 'disconnectWithWill' : reason);
}

/** MQTT-4.8.0-1: a protocol violation closes the connection (and, once connected, fires the will). */
export function closeForViolation(ctx: BrokerContext, connId: ConnId, error: ProtocolError): void {
  const conn = ctx.state.connections.get(connId);
  const clientId = conn?.clientId;
  applyRule(ctx, clientId === undefined ? { connId } : { connId, clientId }, error.rule, 'broker.protocolError',
    { message: error.message });
  if (conn !== undefined) answerViolation5(ctx, conn, error);
  closeConnection(ctx, connId, 'protocolError', error);
}

/**
 * MQTT-4.13.1-1: on a 5.0 connection, say why before closing. After CONNACK: DISCONNECT with the
 * Reason Code (MQTT-3.14.0-1: never before CONNACK). During the CONNECT: CONNACK with it. A CONNECT
 * the reader refused with a Reason Code was a 5.0 one, except a wrong protocol name (MQTT-3.1.2-1:
 * no version is known, so we close without a word, as 3.1.1 does).
 */
function answerViolation5(ctx: BrokerContext, conn: BrokerConnection, error: ProtocolError): void {
  const reasonCode = error.reasonCode ?? 0x82;
  if (conn.clientId !== undefined) {
    if (conn.v5 === undefined) return;
    applyRule(ctx, { connId: conn.connId, clientId: conn.clientId }, 'MQTT-4.13.1-1', 'broker.disconnect.sent', { reasonCode });
    sendTo(ctx, conn.connId, { type: 'DISCONNECT', reasonCode: reasonCode as DisconnectReasonCode, properties: { reasonString: error.message } });
    return;
  }
  const connect5 = conn.v5 !== undefined || (error.reasonCode !== undefined && error.rule !== 'MQTT-3.1.2-1');
  if (!connect5) return;
  applyRule(ctx, { connId: conn.connId }, 'MQTT-4.13.1-1', 'broker.connect.refusedReason', { reasonCode, reason: error.message });
  sendEncoded(ctx, conn.connId, { type: 'CONNACK', sessionPresent: false, reasonCode: reasonCode as ConnackReasonCode }, 5);
}

/** The transport went away under us (reset, peer closed): MQTT-3.1.2-8 fires the will. */
export function connectionLost(ctx: BrokerContext, connId: ConnId): void {
  const conn = ctx.state.connections.get(connId);
  if (conn !== undefined) endConnection(ctx, conn, 'connectionLost');
}

export function restarted(ctx: BrokerContext, keepSessions: boolean): void {
  const { state } = ctx;
  state.connections.clear();
  const ended: BrokerSession[] = [];
  for (const session of [...state.sessions.values()]) {
    session.connId = undefined;
    if (!keepSessions || endsWithConnection(session)) {
      state.sessions.delete(session.clientId);
      ended.push(session);
    }
  }
  const retained = keepSessions ? [] : [...state.retained.values()];
  if (!keepSessions) state.retained.clear();
  applyRule(ctx, {}, 'MQTT-4.1', 'broker.restarted',
    { keepSessions, sessions: state.sessions.size, retained: state.retained.size });
  for (const session of ended) reportDiscardedSession(ctx, session, session.cleanSession && keepSessions ? 'cleanSession' : 'restart');
  if (retained.length > 0) addOutput(ctx, { type: 'discarded', reason: 'restart', messages: retained });
}
