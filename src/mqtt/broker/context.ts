/**
 * The per-step context of the broker and its primitive acts: send a packet on a connection,
 * narrate a decision.
 *
 * Rules this file keeps:
 * - Every packet sent is encoded here, once: the bytes in the output are the bytes on the wire.
 * - Nothing is ever sent on a connection the broker has closed (it is no longer in the state).
 * - A packet goes out in its connection's version: 5.0 on a connection whose CONNECT had level 5.
 * - MQTT-3.1.2-24: nothing bigger than a 5.0 client's Maximum Packet Size is sent. A Reason String
 *   and User Properties are dropped first (MQTT-3.2.2-19, -20; MQTT-3.14.2-3, -4); a packet still too
 *   big is discarded unsent (MQTT-3.1.2-25: the caller behaves as if it had been sent).
 */
import type { Millis, Packet, ProtocolVersion } from '../types';
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

/** Encodes in `version`; over `maximumPacketSize` drops diagnostics, then the packet (MQTT-3.1.2-25). */
export function sendEncoded(ctx: BrokerContext, connId: ConnId, packet: Packet, version: ProtocolVersion,
  retransmission = false, maximumPacketSize?: number): boolean {
  let bytes = encode(packet, { version });
  if (maximumPacketSize !== undefined && bytes.length > maximumPacketSize && 'properties' in packet && packet.properties
    && packet.type !== 'PUBLISH' && packet.type !== 'CONNECT') {
    const { reasonString: _r, userProperties: _u, ...rest } = packet.properties as { reasonString?: string; userProperties?: unknown };
    packet = { ...packet, properties: rest } as Packet;
    bytes = encode(packet, { version });
  }
  if (maximumPacketSize !== undefined && bytes.length > maximumPacketSize) {
    applyRule(ctx, { connId }, 'MQTT-3.1.2-25', 'broker.packet.tooLarge',
      { packetType: packet.type, size: bytes.length, maximumPacketSize });
    return false;
  }
  addOutput(ctx, { type: 'send', connId, packet, bytes, retransmission });
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
