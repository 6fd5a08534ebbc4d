/**
 * The MQTT 3.1.1 client session, sans-I/O (h11 / quinn-proto style): feed it facts with
 * `clientStep(state, input, nowMs)`, carry out the outputs, wake it at `wakeAtMs`.
 *
 * Owns: CONNECT/CONNACK, QoS 0/1/2 sending and receiving, SUBSCRIBE/UNSUBSCRIBE, keep alive,
 * session resumption (MQTT-4.4.0-1). Its state is plain data the host may structuredClone (but for
 * the 5.0 `authenticate` option, a function: a host that clones the state leaves it unset).
 */
export type {
  ClientInput, ClientOptions, ClientOutput, ClientState, ClientStatus, PendingRequest,
  ResolvedClientOptions, RuleParams, StepResult,
} from './types';
export { createClient, DEFAULT_MAX_INFLIGHT, DEFAULT_RETRY_TIMEOUT_MS } from './state';
export { clientStep } from './step';
export type { ClientView } from './view';
export { clientView } from './view';
export type { AwaitedAck, InflightMessage, OutboundFlow } from '../session/outbound';
