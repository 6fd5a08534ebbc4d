/**
 * The per-step context of the client session and the few ways a step can act on the world:
 * send a packet, close the connection, narrate a decision, hand the application an event.
 *
 * Rules this file keeps:
 * - Every packet sent is encoded here, once, so the bytes shown are the bytes the engine sent.
 * - Sending refreshes `lastSentMs` (keep alive counts packets *sent* by the client, MQTT-3.1.2-23).
 * - Closing puts the session into 'disconnected' at once: nothing more is sent on that connection.
 * - MQTT 5.0: every packet is written as 5.0; a violation by the server is answered with
 *   DISCONNECT and the Reason Code the codec or the handler names (0x82 Protocol Error when
 *   none), then the connection is closed (MQTT 5.0 4.13, MQTT-3.14.4-1, MQTT-3.14.4-2).
 */
import type { DisconnectReasonCode, Millis, Packet, PublishPacket } from '../types';
import type { ProtocolError } from '../errors';
import type { DecisionKey } from '../decisions';
import { encode, reasonCodeName, type ReasonCodePacket } from '../codec';
import { addOutput } from '../session/outputs';
import type { ClientOutput, ClientState, CloseReason, RuleParams } from './types';

export interface ClientContext {
  state: ClientState;
  nowMs: Millis;
  outputs: ClientOutput[];
}

// The client's handlers append their outputs with it (one function for broker and client: session/outputs.ts).
export { addOutput };

/** Whether this session speaks MQTT 5.0. */
export function isV5(state: ClientState): boolean {
  return state.options.protocolVersion === 5;
}

/** `Packet Identifier in use`: a 5.0 Reason Code's name, for narration. */
export function reasonName(packet: ReasonCodePacket, code: number): string {
  return reasonCodeName(packet, code)[0];
}

export function sendPacket(ctx: ClientContext, packet: Packet, retransmission = false): void {
  if (packet.type === 'PUBLISH' && ctx.state.options.outboundTopicAliases === true && isV5(ctx.state)) packet = withTopicAlias(ctx.state, packet);
  const bytes = isV5(ctx.state) ? encode(packet, { version: 5 }) : encode(packet);
  addOutput(ctx, { type: 'send', packet, bytes, retransmission });
  ctx.state.lastSentMs = ctx.nowMs;
}

/**
 * `outboundTopicAliases`: a topic already given an alias on this connection goes as an empty topic
 * with the alias; a new one takes the next alias while there are some left under the server's
 * Topic Alias Maximum (MQTT-3.2.2-17, MQTT-3.3.2-9; absent or 0: none, MQTT-3.2.2-18).
 */
function withTopicAlias(state: ClientState, packet: PublishPacket): PublishPacket {
  const maximum = state.server?.topicAliasMaximum ?? 0;
  if (maximum === 0) return packet;
  const aliases = (state.outboundAliases ??= {});
  const known = aliases[packet.topic];
  if (known !== undefined) return { ...packet, topic: '', properties: { ...packet.properties, topicAlias: known } };
  const next = Object.keys(aliases).length + 1;
  if (next > maximum) return packet;
  aliases[packet.topic] = next;
  return { ...packet, properties: { ...packet.properties, topicAlias: next } };
}

export function applyRule(ctx: ClientContext, rule: string, key: DecisionKey, params: RuleParams = {}): void {
  if (!ctx.state.options.narrate) return;
  addOutput(ctx, { type: 'ruleApplied', rule, key, params });
}

/** Marks the connection gone: pending SUBSCRIBE/UNSUBSCRIBE will be sent again on the next one. */
export function markDisconnected(state: ClientState): void {
  state.status = 'disconnected';
  state.awaitingReplySinceMs = undefined;
  for (const request of state.requests) request.sent = false;
  // MQTT-3.3.2-7: outbound aliases end with the connection; so does a re-authentication.
  if (state.outboundAliases !== undefined) delete state.outboundAliases;
  if (state.reauthenticating !== undefined) delete state.reauthenticating;
}

export function closeConnection(ctx: ClientContext, reason: CloseReason, error?: ProtocolError, reasonCode?: number): void {
  markDisconnected(ctx.state);
  const output: ClientOutput = error === undefined ? { type: 'close', reason } : { type: 'close', reason, error };
  if (reasonCode !== undefined) output.reasonCode = reasonCode;
  addOutput(ctx, output);
}

/** 5.0: DISCONNECT with a Reason Code, narrated; the caller closes right after (MQTT-3.14.4-1). */
export function sendDisconnect(ctx: ClientContext, reasonCode: DisconnectReasonCode): void {
  applyRule(ctx, 'MQTT-3.14.4-1', 'client.disconnect.sent', { reasonCode, reasonName: reasonName('DISCONNECT', reasonCode) });
  sendPacket(ctx, { type: 'DISCONNECT', reasonCode });
}

/** MQTT-4.8.0-1: a protocol violation by the broker closes the connection (5.0: after DISCONNECT with its Reason Code). */
export function closeForViolation(ctx: ClientContext, error: ProtocolError): void {
  applyRule(ctx, error.rule, 'client.protocolError', { message: error.message });
  if (!isV5(ctx.state)) {
    closeConnection(ctx, 'protocolError', error);
    return;
  }
  const reasonCode = (error.reasonCode ?? 0x82) as DisconnectReasonCode;
  sendDisconnect(ctx, reasonCode);
  closeConnection(ctx, 'protocolError', error, reasonCode);
}
