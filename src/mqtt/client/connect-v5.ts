/**
 * MQTT 5.0 connecting: the CONNECT's properties, the CONNACK's Reason Code and properties, and a
 * DISCONNECT from the server.
 *
 * Rules this file keeps:
 * - A CONNACK Reason Code of 0x80 or more refuses the connection: the client closes it
 *   (MQTT-3.2.2-7); the reason is narrated by name.
 * - Session Present 1 answering Clean Start 1 is a Protocol Error: the client has no session to
 *   resume (MQTT-3.2.2-4).
 * - The CONNACK's properties become the client's limits (limits.ts); an Assigned Client
 *   Identifier is used on the next CONNECT; a Server Keep Alive replaces ours (MQTT-3.1.2-21).
 * - A DISCONNECT from the server ends the connection; its Reason Code says why (0x8E Session
 *   taken over, 0x9C Use another server ...), and the client sends nothing more.
 * - Enhanced authentication (4.12, options `authenticationMethod`, `authenticationData`,
 *   `authenticate`): the CONNECT names the method, each AUTH 0x18 is answered with AUTH 0x18 and
 *   the same method (MQTT-4.12.0-3, -5), the CONNACK must name it too; `appReauthenticate` sends
 *   AUTH 0x19 (MQTT-4.12.1-1). Without a method: no AUTH is sent (MQTT-4.12.0-7), and an AUTH or a
 *   method in CONNACK from the server is a Protocol Error (MQTT-4.12.0-6).
 */
import type { AuthPacket, AuthProperties, ConnackPacket5, ConnackReturnCode, ConnectProperties, DisconnectPacket } from '../types';
import { protocolError } from '../errors';
import type { ClientContext } from './context';
import { addOutput, applyRule, closeConnection, closeForViolation, reasonName, sendDisconnect, sendPacket } from './context';
import type { ClientState, ServerLimits } from './types';

/** The CONNECT's properties from the options; undefined when there are none. */
export function connectProperties(state: ClientState): ConnectProperties | undefined {
  const o = state.options;
  const properties: ConnectProperties = {};
  if (o.sessionExpiryInterval !== undefined && o.sessionExpiryInterval > 0) properties.sessionExpiryInterval = o.sessionExpiryInterval;
  if (o.receiveMaximum !== undefined) properties.receiveMaximum = o.receiveMaximum;
  if (o.maximumPacketSize !== undefined) properties.maximumPacketSize = o.maximumPacketSize;
  if (o.topicAliasMaximum !== undefined && o.topicAliasMaximum > 0) properties.topicAliasMaximum = o.topicAliasMaximum;
  if (o.userProperties !== undefined && o.userProperties.length > 0) properties.userProperties = o.userProperties.map(([n, v]) => [n, v]);
  if (o.authenticationMethod !== undefined) {
    properties.authenticationMethod = o.authenticationMethod;
    if (o.authenticationData !== undefined) properties.authenticationData = o.authenticationData;
  }
  return Object.keys(properties).length === 0 ? undefined : properties;
}

/** The nearest 3.1.1 return code of a 5.0 CONNACK Reason Code (for hosts that read `returnCode`). */
function nearestReturnCode(reasonCode: number): ConnackReturnCode {
  switch (reasonCode) {
    case 0x00: return 0;
    case 0x84: return 1;
    case 0x85: return 2;
    case 0x86: return 4;
    case 0x87: return 5;
    default: return 3;
  }
}

/** Reads a 5.0 CONNACK; false when the connection is refused or broken (and already closed). */
export function acceptConnack5(ctx: ClientContext, packet: ConnackPacket5): boolean {
  const { state } = ctx;
  if (packet.reasonCode >= 0x80) {
    addOutput(ctx, { type: 'connected', sessionPresent: false, returnCode: nearestReturnCode(packet.reasonCode), reasonCode: packet.reasonCode });
    applyRule(ctx, 'MQTT-3.2.2-7', 'client.connack.refusedReason',
      { reasonCode: packet.reasonCode, reasonName: reasonName('CONNACK', packet.reasonCode) });
    closeConnection(ctx, 'refused', undefined, packet.reasonCode);
    return false;
  }
  if (packet.sessionPresent && state.options.cleanSession) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.2.2-4', 'Session Present 1 answering Clean Start 1', 0x82));
    return false;
  }
  const p = packet.properties ?? {};
  // MQTT-4.12.0-5 / MQTT-4.12.0-6: the CONNACK names our Authentication Method, or none if we named none.
  if (p.authenticationMethod !== state.options.authenticationMethod) {
    closeForViolation(ctx, protocolError('remote', state.options.authenticationMethod === undefined ? 'MQTT-4.12.0-6' : 'MQTT-4.12.0-5',
      'CONNACK with another Authentication Method than the CONNECT', 0x82));
    return false;
  }
  const limits: ServerLimits = {
    receiveMaximum: p.receiveMaximum ?? 65535,
    topicAliasMaximum: p.topicAliasMaximum ?? 0,
    maximumQoS: p.maximumQoS ?? 2,
    retainAvailable: p.retainAvailable ?? true,
  };
  if (p.maximumPacketSize !== undefined) limits.maximumPacketSize = p.maximumPacketSize;
  state.server = limits;
  if (p.receiveMaximum !== undefined || p.maximumQoS !== undefined || p.retainAvailable !== undefined
    || p.topicAliasMaximum !== undefined || p.maximumPacketSize !== undefined) {
    applyRule(ctx, 'MQTT-3.3.4-7', 'client.connack.limits', {
      receiveMaximum: limits.receiveMaximum, maximumQoS: limits.maximumQoS, retainAvailable: limits.retainAvailable,
      topicAliasMaximum: limits.topicAliasMaximum, maximumPacketSize: limits.maximumPacketSize ?? 'any',
    });
  }
  if (p.assignedClientIdentifier !== undefined) {
    state.assignedClientId = p.assignedClientIdentifier;
    applyRule(ctx, 'MQTT-3.2.2-16', 'client.clientId.assigned', { clientId: p.assignedClientIdentifier });
  }
  if (p.serverKeepAlive !== undefined) {
    state.serverKeepAliveSec = p.serverKeepAlive;
    applyRule(ctx, 'MQTT-3.1.2-21', 'client.keepAlive.server', { keepAliveSec: p.serverKeepAlive, requested: state.options.keepAliveSec });
  } else {
    delete state.serverKeepAliveSec;
  }
  return true;
}

/** 5.0: the server ends the connection with a DISCONNECT and a Reason Code. */
export function handleServerDisconnect(ctx: ClientContext, packet: DisconnectPacket): void {
  const reasonCode = packet.reasonCode ?? 0x00;
  applyRule(ctx, 'MQTT-3.14.4-2', 'client.disconnect.received', {
    reasonCode, reasonName: reasonName('DISCONNECT', reasonCode), serverReference: packet.properties?.serverReference ?? '',
  });
  closeConnection(ctx, 'serverDisconnect', undefined, reasonCode);
}

/** 5.0: an AUTH from the server: a challenge (0x18) to answer, or a re-authentication's success (0x00). */
export function handleServerAuth(ctx: ClientContext, packet: AuthPacket): void {
  const { state } = ctx;
  const method = state.options.authenticationMethod;
  if (method === undefined) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-4.12.0-6', 'AUTH without an Authentication Method', 0x82));
    return;
  }
  if (packet.properties?.authenticationMethod !== method) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-4.12.0-5', 'AUTH with another Authentication Method', 0x82));
    return;
  }
  const reasonCode = packet.reasonCode ?? 0x00;
  const reauthenticate = state.status === 'connected';
  if (reasonCode === 0x00 && state.reauthenticating === true) {
    delete state.reauthenticating;
    return;
  }
  if (reasonCode !== 0x18 || (reauthenticate && state.reauthenticating !== true)) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-4.12.0-2', `AUTH 0x${reasonCode.toString(16)} out of turn`, 0x82));
    return;
  }
  const challenge = packet.properties.authenticationData === undefined ? { reauthenticate } : { data: packet.properties.authenticationData, reauthenticate };
  const answer = state.options.authenticate?.(challenge);
  if (answer === undefined) {
    // We cannot answer: end the connection, saying why.
    sendDisconnect(ctx, 0x87);
    closeConnection(ctx, 'disconnect', undefined, 0x87);
    return;
  }
  // MQTT-4.12.0-3: the answer is AUTH 0x18, with the method (MQTT-4.12.0-5).
  sendPacket(ctx, { type: 'AUTH', reasonCode: 0x18, properties: authProperties(method, answer.data) });
  // Before CONNACK, the wait for it starts again: the server is still talking to us.
  if (state.status === 'connecting') state.awaitingReplySinceMs = ctx.nowMs;
}

function authProperties(method: string, data?: Uint8Array): AuthProperties {
  return data === undefined ? { authenticationMethod: method } : { authenticationMethod: method, authenticationData: data };
}

/** 5.0: the application asks to re-authenticate: AUTH 0x19 with the CONNECT's method (MQTT-4.12.1-1). */
export function appReauthenticate(ctx: ClientContext, data?: Uint8Array): void {
  const { state } = ctx;
  const method = state.options.authenticationMethod;
  if (state.status !== 'connected' || method === undefined || state.reauthenticating === true) {
    // MQTT-4.12.0-7: no AUTH without an Authentication Method in CONNECT (nor before CONNACK, nor twice at once).
    applyRule(ctx, 'MQTT-4.12.0-7', 'client.request.rejected', {
      reason: method === undefined ? 'no Authentication Method in CONNECT' : 'not connected, or a re-authentication is under way', topic: '',
    });
    return;
  }
  state.reauthenticating = true;
  sendPacket(ctx, { type: 'AUTH', reasonCode: 0x19, properties: authProperties(method, data) });
}
