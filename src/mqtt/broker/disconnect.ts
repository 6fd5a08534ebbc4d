/**
 * DISCONNECT from a client.
 *
 * Rules this file keeps:
 * - 3.1.1: DISCONNECT drops the will unpublished (MQTT-3.14.4-3, MQTT-3.1.2-10), then the broker
 *   closes the connection.
 * - 5.0: Reason Code 0x00 drops the will (MQTT-3.14.4-3); 0x04 Disconnect with Will Message keeps
 *   it, and it is published as for a lost connection (with its Will Delay Interval).
 * - 5.0: a Session Expiry Interval in DISCONNECT replaces the CONNECT's, except that one of 0 in
 *   CONNECT may not become non-zero: a Protocol Error, answered with DISCONNECT 0x82 (3.14.2.2.2).
 */
import type { DisconnectPacket } from '../types';
import { protocolError } from '../errors';
import type { BrokerContext } from './context';
import { applyRule } from './context';
import { closeConnection, closeForViolation } from './lifecycle';
import type { BrokerConnection, BrokerSession } from './types';

export function handleDisconnect(ctx: BrokerContext, conn: BrokerConnection, session: BrokerSession, packet: DisconnectPacket): void {
  const subject = { connId: conn.connId, clientId: session.clientId };
  const requested = conn.v5 === undefined ? undefined : packet.properties?.sessionExpiryInterval;
  if (conn.v5 !== undefined && requested !== undefined) {
    if (conn.v5.connectExpirySec === 0 && requested !== 0) {
      closeForViolation(ctx, conn.connId, protocolError('remote', 'MQTT-3.14.2.2.2',
        'DISCONNECT sets a Session Expiry Interval after a CONNECT with 0', 0x82));
      return;
    }
    applyRule(ctx, subject, 'MQTT-3.14.2.2.2', 'broker.session.expiryChanged',
      { clientId: session.clientId, from: session.expirySec ?? 0, to: requested });
    session.expirySec = requested;
  }
  const withWill = conn.v5 !== undefined && packet.reasonCode === 0x04;
  if (withWill) {
    applyRule(ctx, subject, 'MQTT-3.14.4-3', 'broker.will.requested', { clientId: session.clientId });
  } else if (conn.will !== undefined) {
    // MQTT-3.14.4-3 / MQTT-3.1.2-10: DISCONNECT discards the will without publishing it.
    conn.will = undefined;
    applyRule(ctx, subject, 'MQTT-3.14.4-3', 'broker.will.discarded', { clientId: session.clientId });
  }
  closeConnection(ctx, conn.connId, 'disconnect', undefined, withWill);
}
