/**
 * `clientStep`: one fact in, instructions and observations out. The only entry that mutates a
 * ClientState. Pure apart from that: no clock, timers, randomness or I/O.
 */
import type { Millis } from '../types';
import { assertNever } from '../errors';
import type { ClientContext } from './context';
import { appDisconnected, connectionLost, connectionOpened } from './connection';
import { clientWakeAtMs, timeAdvanced } from './keep-alive';
import { appReauthenticate } from './connect-v5';
import { bytesReceived } from './packets';
import { appPublished } from './publish';
import { appSubscribed, appUnsubscribed } from './subscribe';
import { connectionEnded } from './session-state';
import type { ClientInput, ClientOutput, ClientState, StepResult } from './types';

export function clientStep(state: ClientState, input: ClientInput, nowMs: Millis): StepResult<ClientOutput> {
  const ctx: ClientContext = { state, nowMs, outputs: [] };
  const wasOpen = state.status !== 'disconnected';
  switch (input.type) {
    case 'connectionOpened': connectionOpened(ctx); break;
    case 'bytesReceived': bytesReceived(ctx, input.bytes); break;
    case 'connectionLost': connectionLost(ctx); break;
    case 'timeAdvanced': timeAdvanced(ctx); break;
    case 'appPublished': appPublished(ctx, input.message); break;
    case 'appSubscribed': appSubscribed(ctx, input.subscriptions, input.properties); break;
    case 'appUnsubscribed': appUnsubscribed(ctx, input.topicFilters); break;
    case 'appDisconnected': appDisconnected(ctx, input.reasonCode); break;
    case 'appReauthenticate': appReauthenticate(ctx, input.data); break;
    default: assertNever(input, 'client input');
  }
  if (wasOpen && state.status === 'disconnected') connectionEnded(ctx); // 5.0 only: aliases, session expiry
  const wakeAtMs = clientWakeAtMs(state);
  return wakeAtMs === undefined ? { outputs: ctx.outputs } : { outputs: ctx.outputs, wakeAtMs };
}
