/**
 * The per-step context of the broker and its primitive acts: send a packet on a connection,
 * narrate a decision.
 *
 * Rules this file keeps:
 * - Every packet sent is encoded here, once: the bytes in the output are the bytes on the wire.
 * - Nothing is ever sent on a connection the broker has closed (it is no longer in the state).
 * - A packet goes out in its connection's version: 5.0 on a connection whose CONNECT had level 5.
 * - MQTT-3.1.2-24: nothing bigger than a 5.0 client's Maximum Packet Size is sent. A Reason String,
 *   then User Properties, then both are left out rather than exceed it (MQTT-3.2.2-19, -20 and the
 *   same rule for PUBACK ... AUTH: MQTT-3.4.2-2 ... MQTT-3.15.2-3); a packet still too big is discarded
 *   unsent (MQTT-3.1.2-25: the caller behaves as if it had been sent).
 * - 5.0: the `userProperties` option's User Properties go on every CONNACK, ack, SUBACK, UNSUBACK,
 *   DISCONNECT and AUTH; with Request Problem Information 0 none of these carries a Reason String or
 *   User Property but CONNACK and DISCONNECT (MQTT-3.1.2-29).
 */
import type { Millis, Packet, ProtocolVersion, UserProperty } from '../types';
import type { DecisionKey, DecisionParams } from '../decisions';
import { encode } from '../codec';
import { addOutput } from '../session/outputs';
import type { BrokerOutput, BrokerState, ConnId } from './types';

export interface BrokerContext {
  state: BrokerState;
  nowMs: Millis;
  outputs: BrokerOutput[];
}

// The broker's handlers append their outputs with it (one function for broker and client: session/outputs.ts).
export { addOutput };

/** Sends `packet` on `connId`; false when it was not sent (connection gone, or too big for the client). */
export function sendTo(ctx: BrokerContext, connId: ConnId, packet: Packet, retransmission = false): boolean {
  const conn = ctx.state.connections.get(connId);
  if (conn === undefined) return false;
  if (conn.v5 === undefined) {
    // A 5.0 message to a 3.1.1 client goes without its properties.
    if (packet.type === 'PUBLISH' && packet.properties !== undefined) {
      const { properties: _properties, ...plain } = packet;
      packet = plain;
    }
    addOutput(ctx, { type: 'send', connId, packet, bytes: encode(packet), retransmission });
    return true;
  }
  return sendEncoded(ctx, connId, packet, 5, retransmission, conn.v5.maximumPacketSize);
}

/** The packets that may carry a Reason String and User Properties the broker adds (not PUBLISH: those are the publisher's). */
const DIAGNOSED = new Set<Packet['type']>(['CONNACK', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBACK', 'UNSUBACK', 'DISCONNECT', 'AUTH']);

type Diagnostics = { reasonString?: string; userProperties?: UserProperty[] };

function withProperties(packet: Packet, properties: Diagnostics): Packet {
  if (Object.keys(properties).length > 0) return { ...packet, properties } as Packet;
  const { properties: _none, ...bare } = packet as Packet & { properties?: unknown };
  return bare as Packet;
}

/**
 * A 5.0 packet as the broker sends it to this connection: the configured User Properties added
 * (`userProperties` option); none of the diagnostics when the client asked for no problem
 * information, except on CONNACK and DISCONNECT (MQTT-3.1.2-29).
 */
function decorate5(ctx: BrokerContext, connId: ConnId, packet: Packet): Packet {
  if (!DIAGNOSED.has(packet.type)) return packet;
  const extra = ctx.state.options.userProperties;
  if (extra.length === 0 && !('properties' in packet && packet.properties !== undefined)) return packet; // the usual case
  let properties = ('properties' in packet ? packet.properties : undefined) as Diagnostics | undefined;
  if (extra.length > 0) properties = { ...properties, userProperties: [...(properties?.userProperties ?? []), ...extra.map(([n, v]): UserProperty => [n, v])] };
  const problemInformation = ctx.state.connections.get(connId)?.v5?.requestProblemInformation ?? true;
  if (!problemInformation && packet.type !== 'CONNACK' && packet.type !== 'DISCONNECT' && properties !== undefined) {
    const { reasonString: _r, userProperties: _u, ...rest } = properties;
    return withProperties(packet, rest);
  }
  return properties === undefined ? packet : withProperties(packet, properties);
}

/**
 * The packet as it fits `maximumPacketSize`: a Reason String or User Properties that would make
 * it too big are left out (MQTT-3.2.2-19, -20 and the same rule for every packet that carries
 * them), the Reason String first, then the User Properties, then both.
 */
function fitDiagnostics(packet: Packet, version: ProtocolVersion, maximumPacketSize: number | undefined): { packet: Packet; bytes: Uint8Array } {
  const bytes = encode(packet, { version });
  if (maximumPacketSize === undefined || bytes.length <= maximumPacketSize || !DIAGNOSED.has(packet.type)) return { packet, bytes };
  const properties = ('properties' in packet ? packet.properties : undefined) as Diagnostics | undefined;
  if (properties === undefined || (properties.reasonString === undefined && properties.userProperties === undefined)) return { packet, bytes };
  const { reasonString, userProperties, ...rest } = properties;
  const candidates: Diagnostics[] = [];
  if (reasonString !== undefined && userProperties !== undefined) candidates.push({ ...rest, userProperties }, { ...rest, reasonString });
  candidates.push(rest);
  let fitted = { packet, bytes };
  for (const candidate of candidates) {
    const smaller = withProperties(packet, candidate);
    fitted = { packet: smaller, bytes: encode(smaller, { version }) };
    if (fitted.bytes.length <= maximumPacketSize) return fitted;
  }
  return fitted;
}

/**
 * Encodes in `version`; 5.0: decorated (decorate5) and fitted to the client's Maximum Packet Size
 * (fitDiagnostics); a packet still too big is not sent (MQTT-3.1.2-25).
 */
export function sendEncoded(ctx: BrokerContext, connId: ConnId, packet: Packet, version: ProtocolVersion,
  retransmission = false, maximumPacketSize?: number): boolean {
  const max = maximumPacketSize ?? ctx.state.connections.get(connId)?.v5?.maximumPacketSize;
  const fitted = version === 5 ? fitDiagnostics(decorate5(ctx, connId, packet), version, max) : { packet, bytes: encode(packet, { version }) };
  if (max !== undefined && fitted.bytes.length > max) {
    applyRule(ctx, { connId }, 'MQTT-3.1.2-25', 'broker.packet.tooLarge',
      { packetType: packet.type, size: fitted.bytes.length, maximumPacketSize: max });
    return false;
  }
  addOutput(ctx, { type: 'send', connId, packet: fitted.packet, bytes: fitted.bytes, retransmission });
  return true;
}

export interface RuleSubject { connId?: ConnId; clientId?: string }

export function applyRule(ctx: BrokerContext, subject: RuleSubject, rule: string, key: DecisionKey,
  params: DecisionParams = {}): void {
  if (!ctx.state.options.narrate) return;
  const output: BrokerOutput = { type: 'ruleApplied', rule, key, params };
  if (subject.connId !== undefined) output.connId = subject.connId;
  if (subject.clientId !== undefined) output.clientId = subject.clientId;
  addOutput(ctx, output);
}
