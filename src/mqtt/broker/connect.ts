/**
 * CONNECT on the broker: validation, client identifier, takeover, clean session, CONNACK,
 * resuming a stored session.
 *
 * Rules this file keeps:
 * - Protocol name other than MQTT: close without CONNACK (MQTT-3.1.2-1, MQTT-3.1.4-1; the codec
 *   already reports it as malformed). Protocol level other than 4: CONNACK 0x01, then close
 *   (MQTT-3.1.2-2).
 * - Empty client id: with cleanSession=0 CONNACK 0x02 and close (MQTT-3.1.3-8); with
 *   cleanSession=1 a unique id is assigned (MQTT-3.1.3-6).
 * - A client id already connected: the old connection is closed (MQTT-3.1.4-2).
 * - cleanSession=1 discards any stored session; sessionPresent=0 (MQTT-3.1.2-6, MQTT-3.2.2-1).
 *   cleanSession=0 resumes a stored session with sessionPresent=1 (MQTT-3.1.2-4, MQTT-3.2.2-2)
 *   or creates one with sessionPresent=0 (MQTT-3.2.2-3).
 * - A refused CONNACK has sessionPresent=0 and is followed by close (MQTT-3.2.2-4, MQTT-3.2.2-5);
 *   nothing the client sent after that CONNECT is processed (MQTT-3.1.4-5).
 * - CONNACK is the first packet the broker sends (MQTT-3.2.0-1); re-sends come after it.
 */
import type { ConnackReturnCode, ConnectPacket } from '../types';
import { protocolError } from '../errors';
import { topicNameProblem } from '../topic';
import { countAwaiting, createFlow } from '../session/outbound';
import type { BrokerContext } from './context';
import { applyRule, sendTo } from './context';
import { resumeOutbound } from './delivery';
import { closeConnection, closeForViolation } from './lifecycle';
import type { BrokerConnection, BrokerSession } from './types';

function refuse(ctx: BrokerContext, conn: BrokerConnection, returnCode: ConnackReturnCode, reason: string, rule: string): void {
  applyRule(ctx, { connId: conn.connId }, rule, 'broker.connect.refused', { returnCode, reason });
  // MQTT-3.2.2-4: a refusing CONNACK has sessionPresent=0; MQTT-3.2.2-5: then close.
  sendTo(ctx, conn.connId, { type: 'CONNACK', sessionPresent: false, returnCode });
  closeConnection(ctx, conn.connId, 'refused');
}

/** Returns false when the CONNECT was refused or closed. */
function validate(ctx: BrokerContext, conn: BrokerConnection, packet: ConnectPacket): boolean {
  if (packet.protocolName !== 'MQTT') {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.1.2-1', `unknown protocol name "${packet.protocolName}"`));
    return false;
  }
  if (packet.protocolLevel !== 4) {
    refuse(ctx, conn, 1, `protocol level ${packet.protocolLevel} not supported`, 'MQTT-3.1.2-2');
    return false;
  }
  if (packet.clientId === '' && !packet.cleanSession) {
    refuse(ctx, conn, 2, 'empty client id with cleanSession=0', 'MQTT-3.1.3-8');
    return false;
  }
  const willProblem = packet.will ? topicNameProblem(packet.will.topic) : undefined;
  if (willProblem) {
    // MQTT-3.1.4-1: a CONNECT that does not conform is closed without CONNACK.
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.1.4-1', `will topic: ${willProblem.message}`));
    return false;
  }
  return true;
}

function assignClientId(ctx: BrokerContext, conn: BrokerConnection): string {
  const { state } = ctx;
  let clientId: string;
  do {
    clientId = `auto-${state.nextAssignedId++}`;
  } while (state.sessions.has(clientId));
  applyRule(ctx, { connId: conn.connId, clientId }, 'MQTT-3.1.3-6', 'broker.clientId.assigned', { clientId });
  return clientId;
}

function takeOver(ctx: BrokerContext, clientId: string, conn: BrokerConnection): void {
  const oldConnId = ctx.state.sessions.get(clientId)?.connId;
  if (oldConnId === undefined || oldConnId === conn.connId) return;
  applyRule(ctx, { connId: conn.connId, clientId }, 'MQTT-3.1.4-2', 'broker.takeover', { clientId, oldConnId });
  // MQTT-3.1.4-2: disconnect the existing client (its will fires: it did not send DISCONNECT).
  closeConnection(ctx, oldConnId, 'takeover');
}

function openSession(ctx: BrokerContext, clientId: string, cleanSession: boolean): { session: BrokerSession; present: boolean } {
  const { sessions } = ctx.state;
  const stored = sessions.get(clientId);
  if (stored !== undefined && !cleanSession) {
    // MQTT-3.1.2-4: resume from the stored session.
    stored.cleanSession = false;
    const pubrels = countAwaiting(stored.flow, 'PUBCOMP');
    applyRule(ctx, { clientId }, 'MQTT-3.1.2-4', 'broker.session.resumed', {
      clientId, publishes: stored.flow.inflight.length - pubrels, pubrels, queued: stored.flow.queue.length,
    });
    return { session: stored, present: true };
  }
  if (stored !== undefined) {
    applyRule(ctx, { clientId }, 'MQTT-3.1.2-6', 'broker.session.discarded', { clientId, reason: 'cleanSession' });
  }
  const session: BrokerSession = { clientId, cleanSession, subscriptions: [], flow: createFlow(), awaitingPubrel: [] };
  sessions.set(clientId, session);
  applyRule(ctx, { clientId }, cleanSession ? 'MQTT-3.1.2-6' : 'MQTT-3.1.2-4', 'broker.session.created', { clientId, cleanSession });
  return { session, present: false };
}

export function handleConnect(ctx: BrokerContext, conn: BrokerConnection, packet: ConnectPacket): void {
  if (!validate(ctx, conn, packet)) return;
  const clientId = packet.clientId === '' ? assignClientId(ctx, conn) : packet.clientId;
  takeOver(ctx, clientId, conn);
  const { session, present } = openSession(ctx, clientId, packet.cleanSession);
  session.connId = conn.connId;
  conn.clientId = clientId;
  conn.keepAliveSec = packet.keepAliveSec;
  if (packet.will) conn.will = packet.will; // MQTT-3.1.2-8: stored with the connection
  // MQTT-3.1.4-4 / MQTT-3.2.0-1: accepted, CONNACK with return code 0 first.
  // MQTT-3.2.2-1..3: sessionPresent=1 only when a stored session was resumed.
  sendTo(ctx, conn.connId, { type: 'CONNACK', sessionPresent: present, returnCode: 0 });
  // MQTT-4.4.0-1: re-send unacknowledged PUBLISH (DUP=1) and PUBREL, then the offline queue.
  resumeOutbound(ctx, session);
}
