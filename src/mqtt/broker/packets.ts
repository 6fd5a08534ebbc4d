/**
 * The broker's entry for bytes from a connection: decode, then one handler per packet type.
 *
 * Rules this file keeps:
 * - The first packet must be CONNECT (MQTT-3.1.0-1); a second CONNECT is a violation
 *   (MQTT-3.1.0-2). Malformed bytes close the connection (MQTT-4.8.0-1, MQTT-2.2.2-2).
 * - Any packet resets the keep-alive clock (MQTT-3.1.2-24 counts every Control Packet).
 * - PINGREQ is answered with PINGRESP (MQTT-3.12.4-1). DISCONNECT drops the will unpublished
 *   (MQTT-3.14.4-3) and the connection is closed.
 * - Packets only a server sends (CONNACK, SUBACK, UNSUBACK, PINGRESP) are violations.
 * - Once the connection is closed, the rest of the bytes are ignored (MQTT-3.1.4-5).
 */
import type { Packet } from '../types';
import { assertNever, protocolError } from '../errors';
import { feed } from '../codec';
import type { BrokerContext } from './context';
import { sendTo } from './context';
import { acceptConnect, handleConnect } from './connect';
import { handleAuth } from './auth';
import { handleDisconnect } from './disconnect';
import { closeConnection, closeForViolation } from './lifecycle';
import { handleOutboundAck, handlePublish, handlePubrel } from './publish';
import { handleSubscribe, handleUnsubscribe } from './subscribe';
import type { BrokerConnection, BrokerSession, ConnId } from './types';

export function bytesReceived(ctx: BrokerContext, connId: ConnId, bytes: Uint8Array): void {
  const conn = ctx.state.connections.get(connId);
  if (conn === undefined) return;
  conn.lastReceivedMs = ctx.nowMs;
  const { packets, error } = feed(conn.reader, bytes);
  for (let i = 0; i < packets.length; i++) {
    // A packet may have closed the connection: the rest of the bytes are then ignored.
    if (i > 0 && ctx.state.connections.get(connId) !== conn) return;
    handlePacket(ctx, conn, packets[i]);
  }
  if (error && ctx.state.connections.get(connId) === conn) closeForViolation(ctx, connId, error);
}

function handlePacket(ctx: BrokerContext, conn: BrokerConnection, packet: Packet): void {
  if (conn.clientId === undefined) {
    if (conn.v5?.auth !== undefined) authenticating(ctx, conn, packet);
    else if (packet.type === 'CONNECT') handleConnect(ctx, conn, packet);
    else closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.1.0-1', `${packet.type} before CONNECT`));
    return;
  }
  const session = ctx.state.sessions.get(conn.clientId);
  if (session === undefined || session.connId !== conn.connId) {
    // Cannot happen: a connection with a client id always owns its session. Close defensively.
    closeConnection(ctx, conn.connId, 'protocolError');
    return;
  }
  dispatch(ctx, conn, session, packet);
}

/** 4.12: between CONNECT and CONNACK of an enhanced authentication only AUTH and DISCONNECT may come (MQTT-3.1.2-30). */
function authenticating(ctx: BrokerContext, conn: BrokerConnection, packet: Packet): void {
  if (packet.type === 'AUTH') handleAuth(ctx, conn, packet, acceptConnect);
  else if (packet.type === 'DISCONNECT') closeConnection(ctx, conn.connId, 'disconnect');
  else closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.1.2-30', `${packet.type} during authentication, before CONNACK`, 0x82));
}

function dispatch(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: Packet): void {
  switch (packet.type) {
    case 'CONNECT':
      closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.1.0-2', 'second CONNECT on a connection', conn.v5 ? 0x82 : undefined));
      return;
    case 'PUBLISH': handlePublish(ctx, conn, session, packet); return;
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBCOMP': handleOutboundAck(ctx, conn, session, packet.type, packet.packetId, packet.reasonCode); return;
    case 'PUBREL': handlePubrel(ctx, conn, session, packet.packetId); return;
    case 'SUBSCRIBE': handleSubscribe(ctx, conn, session, packet); return;
    case 'UNSUBSCRIBE': handleUnsubscribe(ctx, conn, session, packet); return;
    case 'PINGREQ': sendTo(ctx, conn.connId, { type: 'PINGRESP' }); return;
    case 'DISCONNECT': handleDisconnect(ctx, conn, session, packet); return;
    case 'CONNACK':
    case 'SUBACK':
    case 'UNSUBACK':
    case 'PINGRESP':
      closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-4.8.0-1', `${packet.type} is never sent by a client`, conn.v5 ? 0x82 : undefined));
      return;
    case 'AUTH': // MQTT 5.0 only: type 15 is reserved in 3.1.1 (the 3.1.1 reader never yields it)
      // 5.0: re-authentication (4.12.1); without an Authentication Method in CONNECT a Protocol Error (MQTT-4.12.0-7).
      handleAuth(ctx, conn, packet, acceptConnect);
      return;
    default: assertNever(packet, 'packet');
  }
}
