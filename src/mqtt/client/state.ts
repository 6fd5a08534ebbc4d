/**
 * A fresh client session: disconnected, nothing in flight. Options are resolved to their
 * defaults here, once, so the rest of the engine never guesses.
 */
import { createReader } from '../codec';
import { createFlow } from '../session/outbound';
import { millis } from '../types';
import type { ClientOptions, ClientState } from './types';

export const DEFAULT_MAX_INFLIGHT = 20;
export const DEFAULT_RETRY_TIMEOUT_MS = 5000;

export function createClient(options: ClientOptions): ClientState {
  return {
    options: {
      ...options,
      maxInflight: options.maxInflight ?? DEFAULT_MAX_INFLIGHT,
      retryMode: options.retryMode ?? 'reconnect',
      retryTimeoutMs: options.retryTimeoutMs ?? DEFAULT_RETRY_TIMEOUT_MS,
      resubscribe: options.resubscribe ?? true,
      narrate: options.narrate ?? true,
    },
    status: 'disconnected',
    sessionPresent: false,
    reader: createReader(),
    flow: createFlow(),
    awaitingPubrel: [],
    subscriptions: [],
    requests: [],
    lastSentMs: millis(0),
  };
}
