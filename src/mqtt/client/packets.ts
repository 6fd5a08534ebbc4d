/**
 * The client's entry for bytes from the broker: decode, then one handler per packet type.
 *
 * Rules this file keeps:
 * - Malformed bytes close the connection (MQTT-4.8.0-1, MQTT-2.2.2-2).
 * - Before CONNACK only CONNACK is acceptable (MQTT-3.2.0-1).
 * - Packets only a client sends (CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT) are
 *   protocol violations when they come from the broker.
 */
import type { Packet } from '../types';
import { assertNever, protocolError } from '../errors';
import { feed } from '../codec';
import type { ClientContext } from './context';
import { closeForViolation } from './context';
import { handleConnack } from './connection';
import { handleServerAuth, handleServerDisconnect } from './connect-v5';
import { handleOutboundAck, handlePublish, handlePubrel } from './publish';
import { handleSuback, handleUnsuback } from './subscribe';

function isOpen(ctx: ClientContext): boolean {
  return ctx.state.status !== 'disconnected';
}

export function bytesReceived(ctx: ClientContext, bytes: Uint8Array): void {
  if (!isOpen(ctx)) return;
  const { packets, error } = feed(ctx.state.reader, bytes);
  for (const packet of packets) {
    // A packet may have closed the connection: the rest of the bytes are not processed.
    if (!isOpen(ctx)) return;
    handlePacket(ctx, packet);
  }
  if (error && isOpen(ctx)) closeForViolation(ctx, error);
}

function handlePacket(ctx: ClientContext, packet: Packet): void {
  // 4.12: during an enhanced authentication the server may send AUTH before CONNACK.
  const authStep = packet.type === 'AUTH' && ctx.state.options.authenticationMethod !== undefined;
  if (ctx.state.status === 'connecting' && packet.type !== 'CONNACK' && !authStep) {
    closeForViolation(ctx, protocolError('remote', 'MQTT-3.2.0-1', `${packet.type} before CONNACK`));
    return;
  }
  dispatch(ctx, packet);
}

/** Each handler closes the connection itself on a violation (closeForViolation), as the broker's do. */
function dispatch(ctx: ClientContext, packet: Packet): void {
  switch (packet.type) {
    case 'CONNACK': return handleConnack(ctx, packet);
    case 'PUBLISH': return handlePublish(ctx, packet);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBCOMP': return handleOutboundAck(ctx, packet.type, packet.packetId, packet.reasonCode);
    case 'PUBREL': return handlePubrel(ctx, packet.packetId, packet.reasonCode);
    case 'SUBACK': return handleSuback(ctx, packet);
    case 'UNSUBACK': return handleUnsuback(ctx, packet);
    case 'DISCONNECT':
      // 5.0: the server may end the connection with a reason (3.14); 3.1.1 servers never send it.
      if (ctx.state.options.protocolVersion === 5) return handleServerDisconnect(ctx, packet);
      return closeForViolation(ctx, protocolError('remote', 'MQTT-4.8.0-1', 'DISCONNECT is never sent by a 3.1.1 server'));
    case 'PINGRESP': ctx.state.awaitingReplySinceMs = undefined; return;
    case 'CONNECT':
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE':
    case 'PINGREQ':
      return closeForViolation(ctx, protocolError('remote', 'MQTT-4.8.0-1', `${packet.type} is never sent by a server`));
    case 'AUTH': // 3.1.1: type 15 is reserved (its reader never yields it); 5.0: enhanced authentication (4.12)
      return handleServerAuth(ctx, packet);
    default: return assertNever(packet, 'packet');
  }
}
