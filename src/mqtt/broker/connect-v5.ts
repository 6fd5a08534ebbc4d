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
 * - Maximum QoS (option, default 2) is announced when below 2 (MQTT-3.2.2-9); Retain Available
 *   (option, default true) always. A will above them is refused: 0x9B (MQTT-3.2.2-12), 0x9A
 *   (MQTT-3.2.2-13). After enhanced authentication (auth.ts) the CONNACK names its method (MQTT-4.12.0-5).
 * - Request Problem Information 0: no Reason String nor User Property on anything but CONNACK,
 *   DISCONNECT and PUBLISH (MQTT-3.1.2-29); context.ts strips them (options `reasonStrings`,
 *   `userProperties` add them; `reasonStringOf` is the one way a handler says why).
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
  sendEncoded(ctx, conn.connId, { type: 'CONNACK', sessionPresent: false, reasonCode, ...reasonStringOf(ctx, reason) }, 5);
}

/** `reasonStrings` option: the diagnostic as a Reason String property (MQTT 5.0 3.x.2.2.x), or nothing. */
export function reasonStringOf(ctx: BrokerContext, reason: string): { properties?: { reasonString: string } } {
  return ctx.state.options.reasonStrings ? { properties: { reasonString: reason } } : {};
}

export function connackProperties(ctx: BrokerContext, assignedClientIdentifier: string | undefined,
  authentication?: { method: string; data?: Uint8Array }): ConnackProperties {
  const { options } = ctx.state;
  const props: ConnackProperties = {
    receiveMaximum: options.receiveMaximum,
    topicAliasMaximum: options.topicAliasMaximum,
    retainAvailable: options.retainAvailable,
    wildcardSubscriptionAvailable: true,
    subscriptionIdentifierAvailable: true,
    sharedSubscriptionAvailable: options.sharedSubscriptions,
  };
  // MQTT-3.2.2-9: a broker without QoS 2 (or 1) says so.
  if (options.maximumQoS < 2) props.maximumQoS = options.maximumQoS as 0 | 1;
  if (options.maximumPacketSize !== undefined) props.maximumPacketSize = options.maximumPacketSize;
  // MQTT-4.12.0-5: a successful CONNACK after enhanced authentication names its method.
  if (authentication !== undefined) {
    props.authenticationMethod = authentication.method;
    if (authentication.data !== undefined) props.authenticationData = authentication.data;
  }
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
