/**
 * MQTT 5.0 session timers, as data: a detached session's expiry and a delayed will.
 *
 * Rules this file keeps:
 * - A detached session whose Session Expiry Interval has passed is discarded with everything it
 *   held (MQTT-3.1.2-23); a later CONNECT finds none (Session Present 0, MQTT-3.2.2-3).
 * - A delayed will is published when its Will Delay Interval passes, or when its session ends,
 *   whichever comes first (MQTT-3.1.2-8).
 */
import type { Millis } from '../types';
import { earliest } from '../session/outbound';
import type { BrokerContext } from './context';
import { applyRule } from './context';
import { publishPendingWill, reportDiscardedSession } from './lifecycle';
import type { BrokerState } from './types';

export function expireSessions(ctx: BrokerContext): void {
  const { state, nowMs } = ctx;
  for (const session of [...state.sessions.values()]) {
    if (session.pendingWill !== undefined && session.pendingWill.publishAtMs <= nowMs) {
      publishPendingWill(ctx, session, 'willDelay');
    }
    if (session.connId !== undefined || session.expiresAtMs === undefined || session.expiresAtMs > nowMs) continue;
    // MQTT-3.1.2-8: the session ends, so a will still waiting goes out now.
    publishPendingWill(ctx, session, 'sessionEnded');
    state.sessions.delete(session.clientId);
    applyRule(ctx, { clientId: session.clientId }, 'MQTT-3.1.2-23', 'broker.session.expired',
      { clientId: session.clientId, expirySec: session.expirySec ?? 0 });
    reportDiscardedSession(ctx, session, 'sessionExpired');
  }
}

export function sessionsWakeAtMs(state: BrokerState, wake: Millis | undefined): Millis | undefined {
  for (const session of state.sessions.values()) {
    if (session.expiresAtMs !== undefined) wake = earliest(wake, session.expiresAtMs);
    if (session.pendingWill !== undefined) wake = earliest(wake, session.pendingWill.publishAtMs);
  }
  return wake;
}
