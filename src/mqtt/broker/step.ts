/**
 * `brokerStep`: one fact in, instructions and observations out. The only entry that mutates a
 * BrokerState. Pure apart from that: no clock, timers, randomness or I/O.
 */
import type { Millis } from '../types';
import { assertNever } from '../errors';
import { createReader } from '../codec';
import type { StepResult } from '../session/outputs';
import type { BrokerContext } from './context';
import { brokerWakeAtMs, timeAdvanced } from './keep-alive';
import { connectionLost, restarted } from './lifecycle';
import { bytesReceived } from './packets';
import type { BrokerInput, BrokerOutput, BrokerState } from './types';

export function brokerStep(state: BrokerState, input: BrokerInput, nowMs: Millis): StepResult<BrokerOutput> {
  const ctx: BrokerContext = { state, nowMs, outputs: [] };
  switch (input.type) {
    case 'connectionOpened':
      // A broker that speaks 5.0 learns each connection's version from its CONNECT; a 3.1.1-only one reads 3.1.1.
      state.connections.set(input.connId, {
        connId: input.connId, reader: state.options.protocolVersions.includes(5) ? createReader({ version: 'fromConnect' }) : createReader(),
        keepAliveSec: 0, lastReceivedMs: nowMs,
      });
      break;
    case 'bytesReceived': bytesReceived(ctx, input.connId, input.bytes); break;
    case 'connectionLost': connectionLost(ctx, input.connId); break;
    case 'timeAdvanced': timeAdvanced(ctx); break;
    case 'restarted': restarted(ctx, input.keepSessions); break;
    default: assertNever(input, 'broker input');
  }
  const wakeAtMs = brokerWakeAtMs(state);
  return wakeAtMs === undefined ? { outputs: ctx.outputs } : { outputs: ctx.outputs, wakeAtMs };
}
