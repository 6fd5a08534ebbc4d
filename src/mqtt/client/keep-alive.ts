/**
 * Client timers, as data: keep alive and the optional legacy retry. The engine never arms a
 * timer; it reports the next instant it wants to be woken (`wakeAtMs`).
 *
 * Rules this file keeps:
 * - MQTT-3.1.2-23: the client never stays silent longer than keepAliveSec; idle, it sends PINGREQ.
 * - MQTT 3.1.2.10: no PINGRESP within keepAliveSec after PINGREQ (or no CONNACK within keepAliveSec
 *   after CONNECT) -> the connection is considered lost; we ask the host to close it.
 * - retryMode 'retryOnTimeout' (MQTT 3.1 behaviour, not 3.1.1): re-send after retryTimeoutMs.
 */
import { millis, type Millis } from '../types';
import type { ClientContext } from './context';
import { applyRule, closeConnection, sendPacket } from './context';
import { emitFlowEvents } from './publish';
import { earliest, nextRetryAtMs, resendExpired } from '../session/outbound';
import { nextRequestRetryAtMs, resendExpiredRequests } from './subscribe';
import type { ClientState } from './types';

/** The keep alive in force: the Server Keep Alive once a 5.0 CONNACK gave one (MQTT-3.1.2-21), else ours. */
function keepAliveSec(state: ClientState): number {
  return state.serverKeepAliveSec ?? state.options.keepAliveSec;
}

function keepAliveMs(state: ClientState): number {
  return keepAliveSec(state) * 1000;
}

/** The 3.1.1 lab's legacy retry; MQTT 5.0 forbids re-sending on the same connection (MQTT-4.4.0-1). */
function retriesOnTimeout(state: ClientState): boolean {
  return state.options.retryMode === 'retryOnTimeout' && state.options.protocolVersion !== 5;
}

export function timeAdvanced(ctx: ClientContext): void {
  const { state, nowMs } = ctx;
  if (state.status === 'disconnected') return;
  const periodMs = keepAliveMs(state);
  if (periodMs > 0 && state.awaitingReplySinceMs !== undefined && nowMs >= state.awaitingReplySinceMs + periodMs) {
    applyRule(ctx, 'MQTT-3.1.2-23', 'client.keepAlive.timeout', {
      keepAliveSec: keepAliveSec(state), waitingFor: state.status === 'connecting' ? 'CONNACK' : 'PINGRESP',
    });
    closeConnection(ctx, 'keepAlive');
    return;
  }
  if (state.status !== 'connected') return;
  if (retriesOnTimeout(state)) {
    emitFlowEvents(ctx, resendExpired(state.flow, nowMs, state.options.retryTimeoutMs), 'timeout');
    resendExpiredRequests(ctx, state.options.retryTimeoutMs);
  }
  if (periodMs > 0 && state.awaitingReplySinceMs === undefined && nowMs >= state.lastSentMs + periodMs) {
    // MQTT-3.1.2-23: nothing else sent for keepAliveSec -> PINGREQ.
    sendPacket(ctx, { type: 'PINGREQ' });
    state.awaitingReplySinceMs = nowMs;
  }
}

export function clientWakeAtMs(state: ClientState): Millis | undefined {
  if (state.status === 'disconnected') return undefined;
  const periodMs = keepAliveMs(state);
  let keepAliveAt: Millis | undefined;
  if (periodMs > 0) {
    keepAliveAt = state.awaitingReplySinceMs !== undefined
      ? millis(state.awaitingReplySinceMs + periodMs)
      : state.status === 'connected' ? millis(state.lastSentMs + periodMs) : undefined;
  }
  const retryAt = state.status === 'connected' && retriesOnTimeout(state)
    ? earliest(nextRetryAtMs(state.flow, state.options.retryTimeoutMs), nextRequestRetryAtMs(state, state.options.retryTimeoutMs))
    : undefined;
  return earliest(keepAliveAt, retryAt);
}
