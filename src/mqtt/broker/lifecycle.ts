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
 */
import type { ProtocolError } from '../errors';
import type { BrokerContext } from './context';
import { addOutput, applyRule } from './context';
import { publishOnward } from './routing';
import type { BrokerConnection, BrokerSession, CloseReason, ConnId, DiscardReason } from './types';

type EndCause = CloseReason | 'connectionLost';

function detachSession(ctx: BrokerContext, conn: BrokerConnection): void {
  if (conn.clientId === undefined) return;
  const session = ctx.state.sessions.get(conn.clientId);
  if (session === undefined || session.connId !== conn.connId) return;
  session.connId = undefined;
  if (session.cleanSession) {
    // MQTT-3.1.2-6: a clean session ends with its network connection.
    ctx.state.sessions.delete(session.clientId);
    applyRule(ctx, { clientId: session.clientId }, 'MQTT-3.1.2-6', 'broker.session.discarded',
      { clientId: session.clientId, reason: 'connectionClosed' });
    reportDiscardedSession(ctx, session, 'cleanSession');
  }
}

/** What an ending session held: messages on their way to its client, and Method A messages from it. */
function reportDiscardedSession(ctx: BrokerContext, session: BrokerSession, reason: DiscardReason): void {
  const outbound = [...session.flow.inflight.map((m) => m.message), ...session.flow.queue];
  addOutput(ctx, { type: 'discarded', reason, messages: outbound, to: session.clientId, session: true });
  const inbound = session.awaitingPubrel.flatMap((a) => (a.message ? [a.message] : []));
  if (inbound.length > 0) addOutput(ctx, { type: 'discarded', reason, messages: inbound });
}

function publishWill(ctx: BrokerContext, conn: BrokerConnection, cause: EndCause): void {
  const will = conn.will;
  if (will === undefined || conn.clientId === undefined) return;
  conn.will = undefined; // MQTT-3.1.2-10
  applyRule(ctx, { clientId: conn.clientId, connId: conn.connId }, 'MQTT-3.1.2-8', 'broker.will.published',
    { clientId: conn.clientId, topic: will.topic, qos: will.qos, retain: will.retain, cause });
  // MQTT-3.1.2-16 / MQTT-3.1.2-17: published with the will's own retain flag and QoS.
  publishOnward(ctx, { topic: will.topic, payload: will.payload, qos: will.qos, retain: will.retain });
}

/** Removes the connection; the session is detached and the will published unless DISCONNECT. */
function endConnection(ctx: BrokerContext, conn: BrokerConnection, cause: EndCause): void {
  ctx.state.connections.delete(conn.connId);
  detachSession(ctx, conn);
  if (cause !== 'disconnect') publishWill(ctx, conn, cause);
}

/** The broker decides to close: tell the host, then end the connection. */
export function closeConnection(ctx: BrokerContext, connId: ConnId, reason: CloseReason, error?: ProtocolError): void {
  const conn = ctx.state.connections.get(connId);
  if (conn === undefined) return;
  addOutput(ctx, error === undefined ? { type: 'close', connId, reason } : { type: 'close', connId, reason, error });
  endConnection(ctx, conn, reason);
}

/** MQTT-4.8.0-1: a protocol violation closes the connection (and, once connected, fires the will). */
export function closeForViolation(ctx: BrokerContext, connId: ConnId, error: ProtocolError): void {
  const clientId = ctx.state.connections.get(connId)?.clientId;
  applyRule(ctx, clientId === undefined ? { connId } : { connId, clientId }, error.rule, 'broker.protocolError',
    { message: error.message });
  closeConnection(ctx, connId, 'protocolError', error);
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
    if (!keepSessions || session.cleanSession) {
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
