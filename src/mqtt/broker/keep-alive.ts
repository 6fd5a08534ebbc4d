/**
 * Broker timers, as data: the keep-alive deadline of each connection and the optional legacy
 * retry. The engine reports the next instant it wants to be woken (`wakeAtMs`).
 *
 * Rules this file keeps:
 * - MQTT-3.1.2-24: keepAliveSec > 0 and nothing received for 1.5 x keepAliveSec -> close the
 *   connection as if the network had failed (so the will is published).
 * - keepAliveSec = 0: no deadline.
 */
import { millis, type Millis } from '../types';
import { earliest, nextRetryAtMs } from '../session/outbound';
import type { BrokerContext } from './context';
import { applyRule } from './context';
import { retryExpired } from './delivery';
import { closeConnection } from './lifecycle';
import { expireSessions, sessionsWakeAtMs } from './session-expiry';
import type { BrokerConnection, BrokerState } from './types';

function deadlineMs(conn: BrokerConnection): Millis | undefined {
  if (conn.clientId === undefined || conn.keepAliveSec === 0) return undefined;
  return millis(conn.lastReceivedMs + conn.keepAliveSec * 1500);
}

export function timeAdvanced(ctx: BrokerContext): void {
  for (const conn of [...ctx.state.connections.values()]) {
    const deadline = deadlineMs(conn);
    if (deadline === undefined || ctx.nowMs < deadline) continue;
    applyRule(ctx, { connId: conn.connId, clientId: conn.clientId }, 'MQTT-3.1.2-24', 'broker.keepAlive.timeout',
      { clientId: conn.clientId ?? '', keepAliveSec: conn.keepAliveSec, silentMs: ctx.nowMs - conn.lastReceivedMs });
    closeConnection(ctx, conn.connId, 'keepAlive');
  }
  if (ctx.state.options.retryMode === 'retryOnTimeout') {
    for (const session of ctx.state.sessions.values()) retryExpired(ctx, session);
  }
  if (ctx.state.options.protocolVersions.includes(5)) expireSessions(ctx);
}

export function brokerWakeAtMs(state: BrokerState): Millis | undefined {
  // `deadlineMs` inline: this runs after every step (see PERFORMANCE.md).
  let wake: Millis | undefined;
  for (const conn of state.connections.values()) {
    if (conn.clientId === undefined || conn.keepAliveSec === 0) continue;
    const deadline = millis(conn.lastReceivedMs + conn.keepAliveSec * 1500);
    if (wake === undefined || deadline < wake) wake = deadline;
  }
  if (state.options.retryMode === 'retryOnTimeout') {
    for (const session of state.sessions.values()) {
      if (session.connId !== undefined) wake = earliest(wake, nextRetryAtMs(session.flow, state.options.retryTimeoutMs));
    }
  }
  return state.options.protocolVersions.includes(5) ? sessionsWakeAtMs(state, wake) : wake;
}
