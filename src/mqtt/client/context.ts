/**
 * The per-step context of the client session and the few ways a step can act on the world:
 * send a packet, close the connection, narrate a decision, hand the application an event.
 *
 * Rules this file keeps:
 * - Every packet sent is encoded here, once, so the bytes shown are the bytes the engine sent.
 * - Sending refreshes `lastSentMs` (keep alive counts packets *sent* by the client, MQTT-3.1.2-23).
 * - Closing puts the session into 'disconnected' at once: nothing more is sent on that connection.
 */
import type { Millis, Packet } from '../types';
import type { ProtocolError } from '../errors';
import type { DecisionKey } from '../decisions';
import { encode } from '../codec';
import { addOutput } from '../session/outputs';
import type { ClientOutput, ClientState, RuleParams } from './types';

export interface ClientContext {
  state: ClientState;
  nowMs: Millis;
  outputs: ClientOutput[];
}

// The client's handlers append their outputs with it (one function for broker and client: session/outputs.ts).
export { addOutput };

export function sendPacket(ctx: ClientContext, packet: Packet, retransmission = false): void {
  addOutput(ctx, { type: 'send', packet, bytes: encode(packet), retransmission });
  ctx.state.lastSentMs = ctx.nowMs;
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
}

export function closeConnection(ctx: ClientContext, reason: 'keepAlive' | 'protocolError' | 'disconnect' | 'refused',
  error?: ProtocolError): void {
  markDisconnected(ctx.state);
  addOutput(ctx, error === undefined ? { type: 'close', reason } : { type: 'close', reason, error });
}

/** MQTT-4.8.0-1: a protocol violation by the broker closes the connection. */
export function closeForViolation(ctx: ClientContext, error: ProtocolError): void {
  applyRule(ctx, error.rule, 'client.protocolError', { message: error.message });
  closeConnection(ctx, 'protocolError', error);
}
