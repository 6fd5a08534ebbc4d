/**
 * The per-step context of the broker and its primitive acts: send a packet on a connection,
 * narrate a decision.
 *
 * Rules this file keeps:
 * - Every packet sent is encoded here, once: the bytes in the output are the bytes on the wire.
 * - Nothing is ever sent on a connection the broker has closed (it is no longer in the state).
 */
import type { Millis, Packet } from '../types';
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

export function sendTo(ctx: BrokerContext, connId: ConnId, packet: Packet, retransmission = false): void {
  if (!ctx.state.connections.has(connId)) return;
  addOutput(ctx, { type: 'send', connId, packet, bytes: encode(packet), retransmission });
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
