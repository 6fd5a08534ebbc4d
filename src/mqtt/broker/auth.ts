/**
 * MQTT 5.0 enhanced authentication on the broker (4.12), driven by the `authenticators` option:
 * one function per Authentication Method, called at each step with the client's data.
 *
 * Rules this file keeps:
 * - A CONNECT naming a method the broker has no authenticator for is refused with CONNACK 0x8C
 *   Bad authentication method, and the connection closed (MQTT-4.12.0-1).
 * - 'continue' is AUTH 0x18 Continue authentication (MQTT-4.12.0-2); the client must answer with
 *   AUTH 0x18 (MQTT-4.12.0-3), anything else but DISCONNECT before CONNACK is a Protocol Error
 *   (the broker's side of MQTT-3.1.2-30).
 * - 'fail' is CONNACK with a Reason Code of 0x80 or more, then close (MQTT-4.12.0-4); after a
 *   re-authentication, DISCONNECT with it, then close (MQTT-4.12.1-2).
 * - Every AUTH and the successful CONNACK carry the CONNECT's Authentication Method
 *   (MQTT-4.12.0-5); an AUTH from the client naming another is a Protocol Error.
 * - Without an Authentication Method in CONNECT the broker sends no AUTH and no method in CONNACK
 *   (MQTT-4.12.0-6), and an AUTH from the client is a Protocol Error (MQTT-4.12.0-7).
 * - Re-authentication: after CONNACK the client may send AUTH 0x19 with the same method
 *   (MQTT-4.12.1-1); success is AUTH 0x00; the connection carries on meanwhile.
 */
import type { AuthPacket, AuthProperties, ConnectPacket, DisconnectReasonCode } from '../types';
import { protocolError } from '../errors';
import type { BrokerContext } from './context';
import { sendTo } from './context';
import { sendRefusal5 } from './connect-v5';
import { closeConnection, closeForViolation } from './lifecycle';
import type { AuthVerdict, BrokerConnection } from './types';

/** What the broker does once the CONNECT is authenticated: connect.ts's accept. */
export type AcceptConnect = (ctx: BrokerContext, conn: BrokerConnection, packet: ConnectPacket, authenticationData?: Uint8Array) => void;

function authProperties(method: string, data?: Uint8Array, reasonString?: string): AuthProperties {
  const properties: AuthProperties = { authenticationMethod: method };
  if (data !== undefined) properties.authenticationData = data;
  if (reasonString !== undefined) properties.reasonString = reasonString;
  return properties;
}

/** A 5.0 CONNECT with an Authentication Method: the first step of the exchange. */
export function startAuthentication(ctx: BrokerContext, conn: BrokerConnection, packet: ConnectPacket, accept: AcceptConnect): void {
  const v5 = conn.v5;
  const method = packet.properties?.authenticationMethod;
  if (v5 === undefined || method === undefined) return;
  if (ctx.state.options.authenticators?.[method] === undefined) {
    // MQTT-4.12.0-1: a method we do not support: CONNACK 0x8C, then close.
    sendRefusal5(ctx, conn, 0x8c, `authentication method "${method}" not supported`, 'MQTT-4.12.0-1');
    closeConnection(ctx, conn.connId, 'refused');
    return;
  }
  v5.auth = { method, connect: packet };
  runStep(ctx, conn, packet.properties?.authenticationData, accept);
}

function runStep(ctx: BrokerContext, conn: BrokerConnection, data: Uint8Array | undefined, accept: AcceptConnect): void {
  const auth = conn.v5?.auth;
  const authenticator = auth === undefined ? undefined : ctx.state.options.authenticators?.[auth.method];
  if (auth === undefined || authenticator === undefined || conn.v5 === undefined) return;
  const clientId = auth.connect?.clientId ?? conn.clientId ?? '';
  const step = { clientId, reauthenticate: auth.connect === undefined, ...(data === undefined ? {} : { data }),
    ...(auth.state === undefined ? {} : { state: auth.state }) };
  const verdict: AuthVerdict = authenticator(step);
  if (verdict.result === 'continue') {
    // MQTT-4.12.0-2: more is needed: AUTH 0x18 with the method (MQTT-4.12.0-5).
    auth.state = verdict.state;
    sendTo(ctx, conn.connId, { type: 'AUTH', reasonCode: 0x18, properties: authProperties(auth.method, verdict.data, verdict.reasonString) });
    return;
  }
  const connect = auth.connect;
  delete conn.v5.auth;
  if (verdict.result === 'success') {
    conn.v5.authenticationMethod = auth.method;
    if (connect !== undefined) accept(ctx, conn, connect, verdict.data);
    // 4.12.1: a re-authentication that succeeded: AUTH 0x00 with the method.
    else sendTo(ctx, conn.connId, { type: 'AUTH', reasonCode: 0x00, properties: authProperties(auth.method, verdict.data) });
    return;
  }
  const reasonCode = verdict.reasonCode ?? 0x87;
  const reason = verdict.reasonString ?? 'authentication failed';
  if (connect !== undefined) {
    // MQTT-4.12.0-4: refused: CONNACK with a Reason Code of 0x80 or more, then close.
    sendRefusal5(ctx, conn, reasonCode, reason, 'MQTT-4.12.0-4');
    closeConnection(ctx, conn.connId, 'refused');
    return;
  }
  // MQTT-4.12.1-2: a failed re-authentication: DISCONNECT with the Reason Code, then close.
  closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-4.12.1-2', reason, reasonCode as DisconnectReasonCode));
}

/** An AUTH from the client, before or after CONNACK. */
export function handleAuth(ctx: BrokerContext, conn: BrokerConnection, packet: AuthPacket, accept: AcceptConnect): void {
  const v5 = conn.v5;
  if (v5 === undefined) {
    closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-2.2.1', 'AUTH is not a 3.1.1 packet'));
    return;
  }
  const method = v5.auth?.method ?? v5.authenticationMethod;
  const fail = (rule: string, message: string): void => closeForViolation(ctx, conn.connId, protocolError('remote', rule, message, 0x82));
  if (method === undefined) return fail('MQTT-4.12.0-7', 'AUTH without an Authentication Method in CONNECT');
  if (packet.properties?.authenticationMethod !== method) return fail('MQTT-4.12.0-5', 'AUTH with another Authentication Method');
  const reasonCode = packet.reasonCode ?? 0x00;
  if (v5.auth !== undefined) {
    // MQTT-4.12.0-3: the client's answer to AUTH 0x18 is AUTH 0x18.
    if (reasonCode !== 0x18) return fail('MQTT-4.12.0-3', `AUTH 0x${reasonCode.toString(16)} during authentication`);
  } else {
    // MQTT-4.12.1-1: a re-authentication starts with AUTH 0x19.
    if (reasonCode !== 0x19) return fail('MQTT-4.12.1-1', `AUTH 0x${reasonCode.toString(16)} without an exchange under way`);
    v5.auth = { method };
  }
  runStep(ctx, conn, packet.properties.authenticationData, accept);
}
