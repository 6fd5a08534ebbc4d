/**
 * The MQTT 5.0 half of CONNECT on the broker: what a 5.0 CONNECT asks of the connection, and
 * what the CONNACK announces.
 *
 * Rules this file keeps:
 * - A refusal is a CONNACK with a Reason Code of 0x80 or more and Session Present 0
 *   (MQTT-3.2.2-6), then close (MQTT-3.2.2-7): 0x84 for a protocol level we do not speak
 *   (MQTT-3.1.2-2), 0x85 for a refused client id (MQTT-3.1.3-8).
 * - The CONNACK announces the broker's limits: Receive Maximum, Topic Alias Maximum, Maximum
 *   Packet Size (if configured), Retain / Wildcard / Subscription Identifier / Shared
 *   Subscription availability, an Assigned Client Identifier for an empty client id
 *   (MQTT-3.1.3-7) and the Server Keep Alive when one is configured (MQTT-3.2.2-21).
 * - Request Problem Information: the broker sends Reason Strings only in DISCONNECT, where
 *   MQTT-3.1.2-29 allows them, so the flag asks nothing more of it.
 */
import type { ConnackProperties, ConnackReasonCode, ConnectPacket } from '../types';
import type { BrokerContext } from './context';
import { applyRule, sendEncoded } from './context';
import type { BrokerConnection, ConnectionV5 } from './types';

const NEVER_EXPIRES = 0xffffffff;

export function connectionV5(packet: ConnectPacket): ConnectionV5 {
  const p = packet.properties ?? {};
  const v5: ConnectionV5 = {
    receiveMaximum: p.receiveMaximum ?? 65535,
    requestProblemInformation: p.requestProblemInformation ?? true,
    connectExpirySec: p.sessionExpiryInterval ?? 0,
    aliases: {},
    inboundQos2: [],
  };
  if (p.maximumPacketSize !== undefined) v5.maximumPacketSize = p.maximumPacketSize;
  return v5;
}

/** A 5.0 refusal: CONNACK with the Reason Code, encoded as 5.0 whatever the CONNECT's level. */
export function sendRefusal5(ctx: BrokerContext, conn: BrokerConnection, reasonCode: ConnackReasonCode, reason: string,
  rule: string): void {
  applyRule(ctx, { connId: conn.connId }, rule, 'broker.connect.refusedReason', { reasonCode, reason });
  // MQTT-3.2.2-6: Session Present 0 with a failure code.
  sendEncoded(ctx, conn.connId, { type: 'CONNACK', sessionPresent: false, reasonCode }, 5);
}

export function connackProperties(ctx: BrokerContext, assignedClientIdentifier: string | undefined): ConnackProperties {
  const { options } = ctx.state;
  const props: ConnackProperties = {
    receiveMaximum: options.receiveMaximum,
    topicAliasMaximum: options.topicAliasMaximum,
    retainAvailable: true,
    wildcardSubscriptionAvailable: true,
    subscriptionIdentifierAvailable: true,
    sharedSubscriptionAvailable: options.sharedSubscriptions,
  };
  if (options.maximumPacketSize !== undefined) props.maximumPacketSize = options.maximumPacketSize;
  // MQTT-3.1.3-7: the id the broker chose for an empty one goes back in CONNACK.
  if (assignedClientIdentifier !== undefined) props.assignedClientIdentifier = assignedClientIdentifier;
  // MQTT-3.2.2-21: the client must use the Server Keep Alive instead of its own.
  if (options.serverKeepAliveSec !== undefined) props.serverKeepAlive = options.serverKeepAliveSec;
  return props;
}

/** When a detached session with this Session Expiry Interval ends; undefined = never (0xFFFFFFFF). */
export function expiryAtMs(nowMs: number, expirySec: number): number | undefined {
  return expirySec >= NEVER_EXPIRES ? undefined : nowMs + expirySec * 1000;
}
