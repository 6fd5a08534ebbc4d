/**
 * The MQTT broker, sans-I/O: many connections, sessions, subscriptions, retained
 * messages and wills. Each connection speaks the version its CONNECT names: 3.1.1 (level 4) or
 * 5.0 (level 5; `protocolVersions` option, default both). Feed it facts with `brokerStep(state, input, nowMs)`, carry out the
 * outputs (send bytes on a connection, close it), wake it at `wakeAtMs`.
 * Its state is plain data the host may structuredClone (but for the 5.0 `authenticators` option:
 * functions; a host that clones the state leaves it unset).
 */
export type {
  AuthStep, AuthVerdict, Authenticator, AwaitingPubrel, BrokerConnection, BrokerMessage, BrokerSubscription, ConnectionV5, BrokerInput, BrokerOptions, BrokerOutput, BrokerSession, BrokerState,
  CloseReason, ConnId, ResolvedBrokerOptions,
} from './types';
export type { StepResult } from '../session/outputs';
export { createBroker, DEFAULT_BROKER_MAX_INFLIGHT, DEFAULT_MAX_QUEUED } from './state';
export { brokerStep } from './step';
export type { BrokerSessionView, BrokerView } from './view';
export { brokerView } from './view';
