/**
 * The broker's public types: options, state, inputs (facts) and outputs (instructions and
 * observations). State is plain, structuredClone-able data (Maps keep insertion order, which
 * keeps routing deterministic), mutated in place by `brokerStep`.
 */
import type { DecisionKey } from '../decisions';
import type {
  AppMessage, ConnectPacket, Millis, Packet, PacketId, Params, ProtocolVersion, PublishProperties, QoS, Subscription, UserProperty, Will,
} from '../types';
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
  /**
   * The protocol levels the broker accepts, each connection in the one its CONNECT names:
   * 4 (MQTT 3.1.1) and 5 (MQTT 5.0), default both. [4] is the 3.1.1-only broker, which answers
   * a level-5 CONNECT with CONNACK return code 1 (MQTT-3.1.2-2).
   */
  protocolVersions?: ProtocolVersion[];
  /** MQTT 5.0: how many unacknowledged QoS 1/2 PUBLISHes a client may have toward us (CONNACK Receive Maximum), default 65,535. */
  receiveMaximum?: number;
  /** MQTT 5.0: the highest inbound Topic Alias accepted (CONNACK Topic Alias Maximum), default 10; 0 = none. */
  topicAliasMaximum?: number;
  /** MQTT 5.0: the largest packet accepted, in bytes (CONNACK Maximum Packet Size); absent = no limit. */
  maximumPacketSize?: number;
  /** MQTT 5.0: a keep alive imposed on every client (CONNACK Server Keep Alive), seconds; absent = the client's own. */
  serverKeepAliveSec?: number;
  /** MQTT 5.0: whether `$share/{group}/{filter}` subscriptions are supported (default true; false: SUBACK 0x9E). */
  sharedSubscriptions?: boolean;
  /** Client identifiers refused at CONNECT: CONNACK 0x85 in 5.0, return code 2 in 3.1.1. */
  refusedClientIds?: string[];
  /**
   * Topic names a client may not publish to, as an ACL says (each a topic filter). Nothing published
   * to them is forwarded or retained. In 5.0 a QoS 1/2 PUBLISH is answered with PUBACK / PUBREC 0x87
   * Not authorized (MQTT-4.4.0-2 ends the exchange there); a 3.1.1 client, whose acks have no code,
   * gets the usual PUBACK / PUBREC (PUBREL, PUBCOMP) as if it were accepted (MQTT-3.3.5-2, as mosquitto).
   * A QoS 0 PUBLISH is dropped.
   */
  refusedTopics?: string[];
  /**
   * MQTT 5.0: the highest QoS of PUBLISH the broker accepts from a 5.0 client (CONNACK Maximum QoS,
   * MQTT-3.2.2-9), default 2. Below 2: a SUBSCRIBE asking more is still accepted and granted this
   * (MQTT-3.2.2-10), a will above it is refused with CONNACK 0x9B (MQTT-3.2.2-12), a PUBLISH above it
   * is DISCONNECT 0x9B. 3.1.1 connections are not affected.
   */
  maximumQoS?: QoS;
  /**
   * MQTT 5.0: whether a 5.0 client may publish retained messages (CONNACK Retain Available), default
   * true. false: a retained will is refused with CONNACK 0x9A (MQTT-3.2.2-13), a PUBLISH with RETAIN 1
   * is DISCONNECT 0x9A. 3.1.1 connections are not affected.
   */
  retainAvailable?: boolean;
  /**
   * MQTT 5.0: say why in a Reason String (0x1F) on the failure codes of CONNACK, PUBACK, PUBREC,
   * PUBREL, SUBACK and UNSUBACK (DISCONNECT always says why). Default false (the acks carry none).
   * Never beyond the client's Maximum Packet Size (MQTT-3.2.2-19 ...) nor against its Request
   * Problem Information (MQTT-3.1.2-29).
   */
  reasonStrings?: boolean;
  /**
   * MQTT 5.0: User Properties the broker adds to every CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP,
   * SUBACK, UNSUBACK, DISCONNECT and AUTH it sends a 5.0 client (e.g. the server's name), default
   * none. Dropped where they would exceed the client's Maximum Packet Size (MQTT-3.2.2-20 ...).
   */
  userProperties?: UserProperty[];
  /**
   * MQTT 5.0 enhanced authentication (4.12), by Authentication Method. A CONNECT naming a method
   * that is not here is refused with CONNACK 0x8C Bad authentication method (MQTT-4.12.0-1); default
   * none. Note: functions are not structuredClone-able; a host that clones the state leaves this unset.
   */
  authenticators?: Record<string, Authenticator>;
}

/** One step of an enhanced authentication exchange, as the broker's authenticator sees it. */
export interface AuthStep {
  clientId: string;
  /** The Authentication Data of the CONNECT or AUTH (absent if it had none). */
  data?: Uint8Array;
  /** What the authenticator returned as `state` at the previous step of this exchange (undefined at the first). */
  state?: unknown;
  /** true: a re-authentication (AUTH 0x19 after CONNACK, 4.12.1). */
  reauthenticate: boolean;
}

/**
 * What the authenticator decides: 'continue' sends AUTH 0x18 with `data` and waits for the client's
 * AUTH 0x18 (MQTT-4.12.0-2); 'success' accepts (CONNACK 0x00, or AUTH 0x00 after a re-authentication)
 * with `data`; 'fail' refuses (CONNACK, or DISCONNECT after a re-authentication, with `reasonCode`,
 * default 0x87 Not authorized) and closes (MQTT-4.12.0-4, MQTT-4.12.1-2). `state` (plain data) is
 * handed back at the next step.
 */
export type AuthVerdict =
  | { result: 'continue'; data?: Uint8Array; state?: unknown; reasonString?: string }
  | { result: 'success'; data?: Uint8Array }
  | { result: 'fail'; reasonCode?: 0x86 | 0x87 | 0x8c; reasonString?: string };

export type Authenticator = (step: AuthStep) => AuthVerdict;

export type ResolvedBrokerOptions = Required<Omit<BrokerOptions, 'maximumPacketSize' | 'serverKeepAliveSec' | 'authenticators'>>
  & Pick<BrokerOptions, 'maximumPacketSize' | 'serverKeepAliveSec' | 'authenticators'>;

/** MQTT 5.0: an enhanced authentication under way on a connection (4.12). */
export interface AuthExchange {
  method: string;
  /** The authenticator's state from its last step. */
  state?: unknown;
  /** The CONNECT waiting for the exchange to succeed; absent during a re-authentication. */
  connect?: ConnectPacket;
}

/** MQTT 5.0: what a 5.0 connection's CONNECT said, and the state that lives as long as the connection. */
export interface ConnectionV5 {
  /** The client's Receive Maximum: the outbound QoS 1/2 window toward it (MQTT-3.3.4-9). */
  receiveMaximum: number;
  /** The client's Maximum Packet Size: nothing bigger is sent (MQTT-3.1.2-24). */
  maximumPacketSize?: number;
  /** The client's Request Problem Information (absent = true). */
  requestProblemInformation: boolean;
  /** The Session Expiry Interval of the CONNECT (a DISCONNECT may not raise it from 0). */
  connectExpirySec: number;
  /** Inbound Topic Aliases: alias -> topic name; gone with the connection (MQTT-3.3.2-7). */
  aliases: Record<number, string>;
  /** Inbound QoS 2 packet ids received on this connection and not yet released: the Receive Maximum count. */
  inboundQos2: PacketId[];
  /** The Authentication Method of the CONNECT, once it succeeded (4.12); absent without one. */
  authenticationMethod?: string;
  /** An enhanced authentication (or re-authentication) under way. */
  auth?: AuthExchange;
}

/** A message as the broker carries it: a 5.0 message keeps its properties and when it expires. */
export interface BrokerMessage extends AppMessage {
  /** MQTT 5.0 properties to forward (never topicAlias; subscriptionIdentifiers set per subscriber). */
  properties?: PublishProperties;
  /** MQTT 5.0 Message Expiry Interval as a point in time (MQTT-3.3.2-5). */
  expiresAtMs?: Millis;
}

/** A subscription and, in MQTT 5.0, its Subscription Identifier (MQTT-3.3.4-3). */
export interface BrokerSubscription extends Subscription {
  subscriptionIdentifier?: number;
}

export interface BrokerConnection {
  connId: ConnId;
  reader: ReaderState;
  /** Set once CONNECT is accepted; until then only CONNECT is acceptable (MQTT-3.1.0-1). */
  clientId?: string;
  keepAliveSec: number;
  lastReceivedMs: Millis;
  /** Stored with the connection (MQTT-3.1.2-8) until published or DISCONNECT. */
  will?: Will;
  /** MQTT 5.0 connections only (the CONNECT's protocol level was 5); absent on a 3.1.1 connection. */
  v5?: ConnectionV5;
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
  subscriptions: BrokerSubscription[];
  /** Outbound QoS 1/2 to this client: in flight (ordered) and queued. */
  flow: OutboundFlow;
  /** Inbound QoS 2 from this client, awaiting PUBREL, in arrival order. */
  awaitingPubrel: AwaitingPubrel[];
  /** MQTT 5.0 sessions only: the Session Expiry Interval in seconds (0 = ends with the connection, 0xFFFFFFFF = never). */
  expirySec?: number;
  /** MQTT 5.0: when a detached session expires (absent while connected, or never). */
  expiresAtMs?: Millis;
  /** MQTT 5.0: a will waiting out its Will Delay Interval (MQTT-3.1.3-9). */
  pendingWill?: { will: Will; publishAtMs: Millis };
}

export interface BrokerState {
  options: ResolvedBrokerOptions;
  connections: Map<ConnId, BrokerConnection>;
  sessions: Map<string, BrokerSession>;
  /** Retained message per topic name (MQTT-3.3.1-5). */
  retained: Map<string, AppMessage>;
  /** For ids assigned to clients that connect with an empty client id (MQTT-3.1.3-6). */
  nextAssignedId: number;
  /** MQTT 5.0 shared subscriptions: the next member to serve, by `group/filter` (round robin). */
  sharedCursor: Record<string, number>;
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
 * for an offline client, which is not stored ('qos0Offline'). MQTT 5.0 adds: a message outlived its
 * Message Expiry Interval before it was sent ('messageExpired', MQTT-3.3.2-5), a detached session
 * outlived its Session Expiry Interval ('sessionExpired', MQTT-3.1.2-23), a PUBLISH was larger than
 * the client's Maximum Packet Size and was dropped as if sent ('tooLarge', MQTT-3.1.2-25).
 */
export type DiscardReason = 'cleanSession' | 'restart' | 'queueFull' | 'qos0Offline' | 'messageExpired' | 'sessionExpired' | 'tooLarge';

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
