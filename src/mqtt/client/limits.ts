/**
 * MQTT 5.0: what the server's CONNACK limits mean for what the client sends.
 *
 * Rules this file keeps:
 * - The outbound window is min(maxInflight, the server's Receive Maximum) (MQTT-3.3.4-7); a
 *   message waiting for room delays nothing else (MQTT-3.3.4-8: acks are never queued).
 * - No PUBLISH above the server's Maximum QoS (MQTT-3.2.2-11), none retained when Retain
 *   Available is 0 (MQTT-3.2.2-14), no packet above its Maximum Packet Size (MQTT-3.2.2-15).
 *   Design: the client refuses such a message to the application (`client.request.rejected`)
 *   rather than downgrading it silently: the application chose that QoS or RETAIN.
 * - A client's PUBLISH never carries Subscription Identifiers (MQTT-3.3.4-6). Topic Aliases only
 *   with the `outboundTopicAliases` option, up to the server's Topic Alias Maximum (context.ts;
 *   MQTT-3.2.2-17, MQTT-3.2.2-18, MQTT-3.3.2-9).
 */
import { asPacketId, type AppMessage, type PublishPacket } from '../types';
import { encode } from '../codec';
import type { ClientState } from './types';

export function outboundWindow(state: ClientState): number {
  const server = state.server;
  return server === undefined ? state.options.maxInflight : Math.min(state.options.maxInflight, server.receiveMaximum);
}

/** The message as this client may send it: 3.1.1 carries no properties; 5.0 no Subscription Identifiers. */
export function outgoingMessage(state: ClientState, message: AppMessage): AppMessage {
  if (message.properties === undefined) return message;
  if (state.options.protocolVersion !== 5) {
    const { properties: _dropped, ...plain } = message;
    return plain;
  }
  if (message.properties.subscriptionIdentifiers === undefined) return message;
  const { subscriptionIdentifiers: _never, ...properties } = message.properties;
  return { ...message, properties };
}

/** Why the server's limits forbid sending this message, or undefined. */
export function publishLimitProblem(state: ClientState, message: AppMessage): { rule: string; message: string } | undefined {
  const server = state.server;
  if (server === undefined) return undefined;
  if (message.qos > server.maximumQoS) {
    return { rule: 'MQTT-3.2.2-11', message: `QoS ${message.qos} is above the server's Maximum QoS ${server.maximumQoS}` };
  }
  if (message.retain && !server.retainAvailable) {
    return { rule: 'MQTT-3.2.2-14', message: 'the server does not support retained messages' };
  }
  if (server.maximumPacketSize !== undefined) {
    const packet: PublishPacket = { type: 'PUBLISH', topic: message.topic, payload: message.payload, qos: message.qos,
      dup: false, retain: message.retain };
    if (message.qos > 0) packet.packetId = asPacketId(1);
    if (message.properties !== undefined) packet.properties = message.properties;
    const size = encode(packet, { version: 5 }).length;
    if (size > server.maximumPacketSize) {
      return { rule: 'MQTT-3.2.2-15', message: `the PUBLISH is ${size} bytes, above the server's Maximum Packet Size ${server.maximumPacketSize}` };
    }
  }
  return undefined;
}
