/**
 * The client's own session state (MQTT 4.1: unacknowledged PUBLISH and PUBREL it sent, QoS 2 ids
 * it received and holds), counted and given up as a whole.
 *
 * Rules this file keeps:
 * - 3.1.1: cleanSession=1 throws it away before connecting (MQTT-3.1.2-6).
 * - 5.0: it lives as long as the Session Expiry Interval says after the connection ends; absent or
 *   0 = it ends with the connection (MQTT-3.1.2-23); 0xFFFFFFFF = it never expires.
 * - 5.0: a CONNACK with Session Present 0 makes the client discard it (MQTT-3.2.2-5).
 * - A message whose PUBREL was sent is not lost when the state goes: the broker has it.
 */
import type { DecisionKey } from '../decisions';
import { countAwaiting } from '../session/outbound';
import type { ClientContext } from './context';
import { addOutput, applyRule, isV5 } from './context';
import type { DiscardReason } from './types';

/** Session Expiry Interval that never expires (3.1.2.11.2). */
export const SESSION_NEVER_EXPIRES = 0xffffffff;

export function sessionCounts(ctx: ClientContext): { publishes: number; pubrels: number; awaitingPubrel: number } {
  const { flow, awaitingPubrel } = ctx.state;
  const pubrels = countAwaiting(flow, 'PUBCOMP');
  return { publishes: flow.inflight.length - pubrels, pubrels, awaitingPubrel: awaitingPubrel.length };
}

/** Drops the session state, narrating `key` when there was any; queued (never sent) messages stay. */
export function dropSessionState(ctx: ClientContext, reason: DiscardReason, rule: string, key: DecisionKey,
  extra: Record<string, number> = {}): void {
  const { state } = ctx;
  const counts = sessionCounts(ctx);
  if (counts.publishes + counts.pubrels + counts.awaitingPubrel > 0) applyRule(ctx, rule, key, { ...counts, ...extra });
  const given = state.flow.inflight.filter((m) => m.awaiting !== 'PUBCOMP').map((m) => m.message);
  if (given.length > 0) addOutput(ctx, { type: 'discarded', reason, messages: given });
  state.flow.inflight = [];
  state.awaitingPubrel = [];
}

function expirySec(ctx: ClientContext): number {
  return ctx.state.options.sessionExpiryInterval ?? 0;
}

/** 5.0, the connection just ended: aliases go (MQTT-3.3.2-7); with expiry 0 the session goes too (MQTT-3.1.2-23). */
export function connectionEnded(ctx: ClientContext): void {
  const { state } = ctx;
  if (!isV5(state)) return;
  state.connectionEndedAtMs = ctx.nowMs;
  state.topicAliases = {};
  if (expirySec(ctx) === 0) {
    dropSessionState(ctx, 'sessionExpired', 'MQTT-3.1.2-23', 'client.session.expired', { sessionExpiryInterval: 0 });
  }
}

/** 5.0, connecting again: a session older than its expiry interval is gone (MQTT-3.1.2-23). */
export function expireIfDue(ctx: ClientContext): void {
  const { state } = ctx;
  const seconds = expirySec(ctx);
  if (state.connectionEndedAtMs === undefined || seconds === SESSION_NEVER_EXPIRES) return;
  if (ctx.nowMs < state.connectionEndedAtMs + seconds * 1000) return;
  dropSessionState(ctx, 'sessionExpired', 'MQTT-3.1.2-23', 'client.session.expired', { sessionExpiryInterval: seconds });
}
