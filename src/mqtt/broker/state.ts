/**
 * A fresh broker: no connections, no sessions, no retained messages. Options are resolved to
 * their defaults here, once.
 */
import type { BrokerOptions, BrokerState } from './types';

export const DEFAULT_BROKER_MAX_INFLIGHT = 20;
export const DEFAULT_MAX_QUEUED = 1000;

export function createBroker(options: BrokerOptions = {}): BrokerState {
  return {
    options: {
      // Design: Method B by default, as mosquitto, aedes and HiveMQ do: the message reaches
      //   subscribers one round trip earlier and the broker stores only an id.
      qos2Method: options.qos2Method ?? 'B',
      refusedFilters: [...(options.refusedFilters ?? [])],
      maxInflight: options.maxInflight ?? DEFAULT_BROKER_MAX_INFLIGHT,
      maxInflightByClient: { ...options.maxInflightByClient },
      retryMode: options.retryMode ?? 'reconnect',
      retryTimeoutMs: options.retryTimeoutMs ?? 5000,
      maxQueued: options.maxQueued ?? DEFAULT_MAX_QUEUED,
      narrate: options.narrate ?? true,
      protocolVersions: [...(options.protocolVersions ?? [4, 5])],
      receiveMaximum: options.receiveMaximum ?? 65535,
      topicAliasMaximum: options.topicAliasMaximum ?? 10,
      sharedSubscriptions: options.sharedSubscriptions ?? true,
      refusedClientIds: [...(options.refusedClientIds ?? [])],
      refusedTopics: [...(options.refusedTopics ?? [])],
      maximumQoS: options.maximumQoS ?? 2,
      retainAvailable: options.retainAvailable ?? true,
      reasonStrings: options.reasonStrings ?? false,
      userProperties: (options.userProperties ?? []).map(([n, v]) => [n, v]),
      ...(options.authenticators === undefined ? {} : { authenticators: { ...options.authenticators } }),
      ...(options.maximumPacketSize === undefined ? {} : { maximumPacketSize: options.maximumPacketSize }),
      ...(options.serverKeepAliveSec === undefined ? {} : { serverKeepAliveSec: options.serverKeepAliveSec }),
    },
    connections: new Map(),
    sessions: new Map(),
    retained: new Map(),
    nextAssignedId: 1,
    sharedCursor: {},
  };
}
