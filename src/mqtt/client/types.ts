/**
 * The client session's public types: options, state, inputs (facts, past tense) and outputs
 * (instructions and observations). See index.ts for the entry points.
 *
 * State is plain, structuredClone-able data, mutated in place by `clientStep`.
 */
import type { DecisionKey } from '../decisions';
import type {
  AppMessage, Params, ConnackReturnCode, ConnectPacket, Millis, Packet, PacketId, SubackReturnCode, SubscribePacket,
  Subscription, UnsubscribePacket,
} from '../types';
import type { ProtocolError } from '../errors';
import type { ReaderState } from '../codec';
import type { OutboundFlow } from '../session/outbound';

/** What the client puts in its CONNECT (keepAliveSec 0 = keep alive off), and how it behaves. */
export interface ClientOptions extends Pick<ConnectPacket, 'clientId' | 'cleanSession' | 'keepAliveSec' | 'will' | 'username' | 'password'> {
  /** Outbound QoS 1/2 window; messages queue behind it. Default 20. */
  maxInflight?: number;
  /**
   * 'reconnect' (default): re-send only after reconnecting with the session (MQTT 3.1.1 §4.4).
   * 'retryOnTimeout': legacy MQTT 3.1 behaviour, re-send with DUP=1 after retryTimeoutMs on the
   * same connection.
   */
  retryMode?: 'reconnect' | 'retryOnTimeout';
  /** Default 5000. */
  retryTimeoutMs?: number;
  /**
   * When CONNACK says sessionPresent=0, send our granted subscriptions again (MQTT.js's
   * `resubscribe`, default true). Not a spec rule: a library convenience.
   */
  resubscribe?: boolean;
  /**
   * false: no `ruleApplied` outputs. A host that never shows the engine's reasoning (the lab's
   * outcome-only runs) skips building them; every other output is the same. Default true.
   */
  narrate?: boolean;
}

export type ResolvedClientOptions = ClientOptions & Required<Pick<ClientOptions,
  'maxInflight' | 'retryMode' | 'retryTimeoutMs' | 'resubscribe' | 'narrate'>>;

export type ClientStatus = 'disconnected' | 'connecting' | 'connected';

/** A SUBSCRIBE or UNSUBSCRIBE the application asked for, until its SUBACK / UNSUBACK. */
export interface PendingRequest {
  packet: SubscribePacket | UnsubscribePacket;
  /** Sent on the current connection (false while offline: sent on the next CONNACK). */
  sent: boolean;
  /** When it was last sent (for the legacy retry-on-timeout mode). */
  sentAtMs?: Millis;
}

export interface ClientState {
  options: ResolvedClientOptions;
  status: ClientStatus;
  /** From the last accepted CONNACK. */
  sessionPresent: boolean;
  reader: ReaderState;
  /** Outbound QoS 1/2 (sender side of MQTT 4.3). */
  flow: OutboundFlow;
  /** Inbound QoS 2 packet ids we sent PUBREC for and that wait for PUBREL (receiver Method B). */
  awaitingPubrel: PacketId[];
  /** Granted subscriptions (qos = granted QoS), in the order they were granted. */
  subscriptions: Subscription[];
  requests: PendingRequest[];
  lastSentMs: Millis;
  /** Set while a PINGREQ (or the CONNECT) waits for its PINGRESP (or CONNACK). */
  awaitingReplySinceMs?: Millis;
}

export type ClientInput =
  | { type: 'connectionOpened' }
  | { type: 'bytesReceived'; bytes: Uint8Array }
  | { type: 'connectionLost' }
  | { type: 'timeAdvanced' }
  | { type: 'appPublished'; message: AppMessage }
  | { type: 'appSubscribed'; subscriptions: Subscription[] }
  | { type: 'appUnsubscribed'; topicFilters: string[] }
  | { type: 'appDisconnected' };

export type { Params as RuleParams } from '../types';

export type ClientOutput =
  | { type: 'send'; packet: Packet; bytes: Uint8Array; retransmission: boolean }
  | { type: 'close'; reason: 'keepAlive' | 'protocolError' | 'disconnect' | 'refused'; error?: ProtocolError }
  | { type: 'connected'; sessionPresent: boolean; returnCode: ConnackReturnCode }
  | { type: 'deliver'; message: AppMessage }
  /**
   * Observation: the client gave up messages of its application: unacknowledged ones when a
   * clean session starts ('cleanSession'), a QoS 0 one published while offline ('qos0Offline').
   */
  | { type: 'discarded'; reason: 'cleanSession' | 'qos0Offline'; messages: AppMessage[] }
  | { type: 'published'; packetId?: PacketId; message: AppMessage }
  | { type: 'subscribed'; packetId: PacketId; returnCodes: SubackReturnCode[] }
  | { type: 'unsubscribed'; packetId: PacketId }
  | { type: 'ruleApplied'; rule: string; key: DecisionKey; params: Params };

export type { StepResult } from '../session/outputs';
