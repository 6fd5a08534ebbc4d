/**
 * The broker's public types: options, state, inputs (facts) and outputs (instructions and
 * observations). State is plain, structuredClone-able data (Maps keep insertion order, which
 * keeps routing deterministic), mutated in place by `brokerStep`.
 */
import type { DecisionKey } from '../decisions';
import type { AppMessage, Millis, Packet, PacketId, Params, Subscription, Will } from '../types';
import type { ProtocolError } from '../errors';
import type { ReaderState } from '../codec';
import type { OutboundFlow } from '../session/outbound';

export type ConnId = string;

export interface BrokerOptions {
  /**
   * QoS 2 receiver method of Figure 4.3. 'B' (default, what mosquitto, aedes and HiveMQ do):
   * store the packetId, forward at once, forget the id on PUBREL. 'A': store the message,
   * forward it on PUBREL.
   */
  qos2Method?: 'A' | 'B';
  /** A requested filter that could receive a topic one of these matches is answered with 0x80 (see subscribe.ts). */
  refusedFilters?: string[];
  /** Per-session outbound QoS 1/2 window, default 20; messages queue behind it. */
  maxInflight?: number;
  /**
   * A window of its own for some clients, by client id (what a client's Receive Maximum is in
   * MQTT 5.0; in 3.1.1 a broker setting per client). Others get `maxInflight`.
   */
  maxInflightByClient?: Record<string, number>;
  /** 'reconnect' (default, MQTT 3.1.1 §4.4) or the legacy MQTT 3.1 'retryOnTimeout'. */
  retryMode?: 'reconnect' | 'retryOnTimeout';
  /** Default 5000. */
  retryTimeoutMs?: number;
  /** Per-session queue limit (offline or behind the window), default 1000. */
  maxQueued?: number;
  /**
   * false: no `ruleApplied` outputs. A host that never shows the engine's reasoning (the lab's
   * outcome-only runs) skips building them; every other output is the same. Default true.
   */
  narrate?: boolean;
}

export type ResolvedBrokerOptions = Required<BrokerOptions>;

export interface BrokerConnection {
  connId: ConnId;
  reader: ReaderState;
  /** Set once CONNECT is accepted; until then only CONNECT is acceptable (MQTT-3.1.0-1). */
  clientId?: string;
  keepAliveSec: number;
  lastReceivedMs: Millis;
  /** Stored with the connection (MQTT-3.1.2-8) until published or DISCONNECT. */
  will?: Will;
}

/** An inbound QoS 2 message between PUBREC and PUBREL. Method A keeps the message. */
export interface AwaitingPubrel {
  packetId: PacketId;
  message?: AppMessage;
}

export interface BrokerSession {
  clientId: string;
  cleanSession: boolean;
  /** The connection it is attached to; undefined while the client is offline. */
  connId?: ConnId;
  /** One entry per topic filter (MQTT-3.8.4-3), qos = granted QoS. */
  subscriptions: Subscription[];
  /** Outbound QoS 1/2 to this client: in flight (ordered) and queued. */
  flow: OutboundFlow;
  /** Inbound QoS 2 from this client, awaiting PUBREL, in arrival order. */
  awaitingPubrel: AwaitingPubrel[];
}

export interface BrokerState {
  options: ResolvedBrokerOptions;
  connections: Map<ConnId, BrokerConnection>;
  sessions: Map<string, BrokerSession>;
  /** Retained message per topic name (MQTT-3.3.1-5). */
  retained: Map<string, AppMessage>;
  /** For ids assigned to clients that connect with an empty client id (MQTT-3.1.3-6). */
  nextAssignedId: number;
}

export type BrokerInput =
  | { type: 'connectionOpened'; connId: ConnId }
  | { type: 'bytesReceived'; connId: ConnId; bytes: Uint8Array }
  | { type: 'connectionLost'; connId: ConnId }
  | { type: 'timeAdvanced' }
  | { type: 'restarted'; keepSessions: boolean };

export type CloseReason = 'protocolError' | 'keepAlive' | 'takeover' | 'disconnect' | 'refused';

/**
 * Why the broker let messages go that it held: a clean session ended ('cleanSession'), a restart
 * without persistence ('restart'), a session's queue was full ('queueFull'), or a QoS 0 message
 * for an offline client, which is not stored ('qos0Offline').
 */
export type DiscardReason = 'cleanSession' | 'restart' | 'queueFull' | 'qos0Offline';

export type BrokerOutput =
  | { type: 'send'; connId: ConnId; packet: Packet; bytes: Uint8Array; retransmission: boolean }
  | { type: 'close'; connId: ConnId; reason: CloseReason; error?: ProtocolError }
  /**
   * Observation: the broker gave up messages it held, and why. `to`: the client they were
   * for; absent for a message not yet routed (a Method A QoS 2 message awaiting PUBREL, a
   * retained message), which every subscriber loses. `session`: a whole session of `to`
   * ended, its subscriptions with it. A host that accounts for every message reads these.
   */
  | { type: 'discarded'; reason: DiscardReason; messages: AppMessage[]; to?: string; session?: boolean }
  | {
    type: 'ruleApplied'; connId?: ConnId; clientId?: string; rule: string; key: DecisionKey;
    params: Params;
  };
