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
 *
 * MQTT 5.0 (a CONNECT with protocol level 5; the rest of the 5.0 CONNACK: connect-v5.ts):
 * - Clean Start 1 discards a stored session (MQTT-3.1.2-4, Session Present 0: MQTT-3.2.2-2);
 *   Clean Start 0 resumes one (MQTT-3.1.2-5) or creates one (MQTT-3.1.2-6), and Session Present
 *   says which (MQTT-3.2.2-3). How long the session outlives the connection is the Session Expiry
 *   Interval (MQTT-3.1.2-23; lifecycle.ts, session-expiry.ts).
 * - An empty client id gets a new one whatever Clean Start says (MQTT-3.1.3-6, MQTT-3.2.2-16).
 * - A takeover sends the old 5.0 connection DISCONNECT 0x8E Session taken over (MQTT-3.1.4-3).
 * - A reconnect within the Will Delay Interval cancels the delayed will (MQTT-3.1.3-9).
 * - A will above the Maximum QoS or retained without Retain Available refuses the connection
 *   (MQTT-3.2.2-12: 0x9B, MQTT-3.2.2-13: 0x9A). A CONNECT with an Authentication Method waits for the
 *   enhanced authentication (auth.ts) before anything else is done (acceptConnect).
 */
import type { ConnackReturnCode, ConnectPacket, Will } from '../types';
import { protocolError } from '../errors';
import { topicNameProblem } from '../topic';
import { countAwaiting, createFlow } from '../session/outbound';
import type { BrokerContext } from './context';
import { applyRule, sendTo } from './context';
import { resumeOutbound } from './delivery';
import { closeConnection, closeForViolation, publishPendingWill } from './lifecycle';
import { connackProperties, connectionV5, reasonStringOf, sendRefusal5 } from './connect-v5';
import { startAuthentication } from './auth';
import type { BrokerConnection, BrokerSession } from './types';

function refuse(ctx: BrokerContext, conn: BrokerConnection, returnCode: ConnackReturnCode, reason: string, rule: string): void {
  if (conn.v5 !== undefined) {
    sendRefusal5(ctx, conn, returnCode === 2 ? 0x85 : 0x84, reason, rule);
    closeConnection(ctx, conn.connId, 'refused');
    return;
  }
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
  const versions = ctx.state.options.protocolVersions;
  if (packet.protocolLevel !== 4 && !(packet.protocolLevel === 5 && versions.includes(5))) {
    if (versions.includes(5)) {
      // MQTT-3.1.2-2 (5.0): a level the broker does not speak: CONNACK 0x84, then close.
      sendRefusal5(ctx, conn, 0x84, `protocol level ${packet.protocolLevel} not supported`, 'MQTT-3.1.2-2');
      closeConnection(ctx, conn.connId, 'refused');
    } else {
      refuse(ctx, conn, 1, `protocol level ${packet.protocolLevel} not supported`, 'MQTT-3.1.2-2');
    }
    return false;
  }
  if (packet.protocolLevel === 4 && !versions.includes(4)) {
    refuse(ctx, conn, 1, 'protocol level 4 not supported', 'MQTT-3.1.2-2');
    return false;
  }
  if (packet.protocolLevel === 5) conn.v5 = connectionV5(packet);
  if (ctx.state.options.refusedClientIds.includes(packet.clientId)) {
    // 3.1.1: return code 2 Identifier rejected; MQTT-3.1.3-8 (5.0): 0x85 Client Identifier not valid.
    refuse(ctx, conn, 2, `client id "${packet.clientId}" refused`, 'MQTT-3.1.3-8');
    return false;
  }
  if (packet.clientId === '' && !packet.cleanSession && conn.v5 === undefined) {
    refuse(ctx, conn, 2, 'empty client id with cleanSession=0', 'MQTT-3.1.3-8');
    return false;
  }
  if (conn.v5 !== undefined && packet.will !== undefined && !willSupported(ctx, conn, packet.will)) return false;
  const willProblem = packet.will ? topicNameProblem(packet.will.topic) : undefined;
  if (willProblem) {
    // MQTT-3.1.4-1: a CONNECT that does not conform is closed without CONNACK.
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.1.4-1', `will topic: ${willProblem.message}`));
    return false;
  }
  return true;
}

/** MQTT-3.2.2-12 / MQTT-3.2.2-13: a will the broker cannot publish refuses the connection (0x9B, 0x9A). */
function willSupported(ctx: BrokerContext, conn: BrokerConnection, will: Will): boolean {
  const { maximumQoS, retainAvailable } = ctx.state.options;
  if (will.qos > maximumQoS) {
    sendRefusal5(ctx, conn, 0x9b, `will QoS ${will.qos} above Maximum QoS ${maximumQoS}`, 'MQTT-3.2.2-12');
  } else if (will.retain && !retainAvailable) {
    sendRefusal5(ctx, conn, 0x9a, 'retained will, and retained messages are not supported', 'MQTT-3.2.2-13');
  } else {
    return true;
  }
  closeConnection(ctx, conn.connId, 'refused');
  return false;
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
  applyRule(ctx, { connId: conn.connId, clientId }, conn.v5 ? 'MQTT-3.1.4-3' : 'MQTT-3.1.4-2', 'broker.takeover', { clientId, oldConnId });
  // MQTT-3.1.4-3 (5.0): the old connection hears why, DISCONNECT 0x8E Session taken over.
  if (ctx.state.connections.get(oldConnId)?.v5 !== undefined) {
    sendTo(ctx, oldConnId, { type: 'DISCONNECT', reasonCode: 0x8e, ...reasonStringOf(ctx, `session taken over by connection ${conn.connId}`) });
  }
  // MQTT-3.1.4-2: disconnect the existing client (its will fires: it did not send DISCONNECT).
  closeConnection(ctx, oldConnId, 'takeover');
}

function openSession(ctx: BrokerContext, clientId: string, cleanSession: boolean, v5: boolean): { session: BrokerSession; present: boolean } {
  const { sessions } = ctx.state;
  const stored = sessions.get(clientId);
  if (stored?.pendingWill !== undefined) {
    if (cleanSession) {
      // MQTT-3.1.2-8 (5.0): the session ends now, so its delayed will is published now.
      publishPendingWill(ctx, stored, 'sessionEnded');
    } else {
      // MQTT-3.1.3-9: the client is back within the Will Delay Interval: no will.
      applyRule(ctx, { clientId }, 'MQTT-3.1.3-9', 'broker.will.cancelled', { clientId, topic: stored.pendingWill.will.topic });
      stored.pendingWill = undefined;
    }
  }
  if (stored !== undefined && !cleanSession) {
    // MQTT-3.1.2-4 (5.0: MQTT-3.1.2-5): resume from the stored session.
    stored.cleanSession = false;
    stored.expiresAtMs = undefined;
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
  applyRule(ctx, { clientId }, v5 ? (cleanSession ? 'MQTT-3.1.2-4' : 'MQTT-3.1.2-6') : cleanSession ? 'MQTT-3.1.2-6' : 'MQTT-3.1.2-4',
    'broker.session.created', { clientId, cleanSession });
  return { session, present: false };
}

export function handleConnect(ctx: BrokerContext, conn: BrokerConnection, packet: ConnectPacket): void {
  if (!validate(ctx, conn, packet)) return;
  // 4.12: with an Authentication Method, the CONNECT waits for the exchange to succeed (auth.ts).
  if (conn.v5 !== undefined && packet.properties?.authenticationMethod !== undefined) {
    startAuthentication(ctx, conn, packet, acceptConnect);
    return;
  }
  acceptConnect(ctx, conn, packet);
}

/** MQTT-3.1.4-4 .. -5: the CONNECT is valid (and authenticated): Clean Start, session, CONNACK. */
export function acceptConnect(ctx: BrokerContext, conn: BrokerConnection, packet: ConnectPacket, authenticationData?: Uint8Array): void {
  const clientId = packet.clientId === '' ? assignClientId(ctx, conn) : packet.clientId;
  takeOver(ctx, clientId, conn);
  const { session, present } = openSession(ctx, clientId, packet.cleanSession, conn.v5 !== undefined);
  session.connId = conn.connId;
  conn.clientId = clientId;
  conn.keepAliveSec = packet.keepAliveSec;
  if (packet.will) conn.will = packet.will; // MQTT-3.1.2-8: stored with the connection
  if (conn.v5 === undefined) {
    // A 3.1.1 client resuming a 5.0 session: Clean Session 0 keeps it with no expiry.
    delete session.expirySec;
    // MQTT-3.1.4-4 / MQTT-3.2.0-1: accepted, CONNACK with return code 0 first.
    // MQTT-3.2.2-1..3: sessionPresent=1 only when a stored session was resumed.
    sendTo(ctx, conn.connId, { type: 'CONNACK', sessionPresent: present, returnCode: 0 });
  } else {
    acceptV5(ctx, conn, session, packet, present, authenticationData);
  }
  // MQTT-4.4.0-1: re-send unacknowledged PUBLISH (DUP=1) and PUBREL, then the offline queue.
  resumeOutbound(ctx, session);
}

function acceptV5(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: ConnectPacket, present: boolean,
  authenticationData?: Uint8Array): void {
  const v5 = conn.v5;
  if (v5 === undefined) return;
  // MQTT-3.1.2-23: how long the session outlives this connection (0 or absent: it ends with it).
  session.expirySec = v5.connectExpirySec;
  const { options } = ctx.state;
  if (options.maximumPacketSize !== undefined) conn.reader.maximumPacketSize = { bytes: options.maximumPacketSize, setIn: 'CONNACK' }; // MQTT-3.2.2-15
  if (options.serverKeepAliveSec !== undefined) {
    // MQTT-3.2.2-21: the broker's keep alive replaces the client's, on both sides.
    applyRule(ctx, { connId: conn.connId, clientId: session.clientId }, 'MQTT-3.2.2-21', 'broker.keepAlive.server',
      { clientId: session.clientId, requested: packet.keepAliveSec, serverKeepAliveSec: options.serverKeepAliveSec });
    conn.keepAliveSec = options.serverKeepAliveSec;
  }
  // MQTT-3.1.4-5 / MQTT-3.2.0-1: CONNACK 0x00 first; MQTT-3.2.2-2/-3: Session Present.
  sendTo(ctx, conn.connId, {
    type: 'CONNACK', sessionPresent: present, reasonCode: 0,
    properties: connackProperties(ctx, packet.clientId === '' ? session.clientId : undefined, v5.authenticationMethod === undefined
      ? undefined : { method: v5.authenticationMethod, ...(authenticationData === undefined ? {} : { data: authenticationData }) }),
  });
}
