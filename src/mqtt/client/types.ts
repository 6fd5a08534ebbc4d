/**
 * The client session's public types: options, state, inputs (facts, past tense) and outputs
 * (instructions and observations). See index.ts for the entry points.
 *
 * State is plain, structuredClone-able data, mutated in place by `clientStep`.
 */
import type { DecisionKey } from '../decisions';
import type {
  AppMessage, Params, ConnackReasonCode, ConnackReturnCode, ConnectPacket, Millis, Packet, PacketId, ProtocolVersion, QoS,
  SubackReasonCode, SubackReturnCode, SubscribePacket, SubscribeProperties, Subscription, UnsubackReasonCode,
  UnsubscribePacket, UserProperty,
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
  /**
   * 4 = MQTT 3.1.1 (default), 5 = MQTT 5.0: the CONNECT's protocol level, and how every packet
   * on the connection is written and read. The options below are 5.0 only (ignored with 4).
   */
  protocolVersion?: ProtocolVersion;
  /**
   * 5.0 Session Expiry Interval, seconds (0 or absent: the session ends with the connection;
   * 0xFFFFFFFF: never). With cleanSession=false it is how long both sides keep the session.
   */
  sessionExpiryInterval?: number;
  /** 5.0 Receive Maximum: the unacknowledged QoS 1/2 PUBLISHes we accept at once (absent = 65,535). */
  receiveMaximum?: number;
  /** 5.0 Maximum Packet Size we accept, bytes (absent = no limit): larger packets close with 0x95. */
  maximumPacketSize?: number;
  /** 5.0 Topic Alias Maximum: the highest alias the server may use toward us (absent = 0: none). */
  topicAliasMaximum?: number;
  /** 5.0 User Properties of the CONNECT. */
  userProperties?: UserProperty[];
  /**
   * 5.0 enhanced authentication (4.12): the Authentication Method (and first data) of the CONNECT.
   * The client then answers each AUTH 0x18 of the server with `authenticate` (MQTT-4.12.0-3), and may
   * re-authenticate (`appReauthenticate`, AUTH 0x19, MQTT-4.12.1-1). Default none: no AUTH is sent.
   */
  authenticationMethod?: string;
  authenticationData?: Uint8Array;
  /**
   * Answers a server's challenge (AUTH 0x18): the data of our AUTH 0x18, or undefined to give up
   * (DISCONNECT 0x87 Not authorized). Not structuredClone-able: a host that clones the state leaves it unset.
   */
  authenticate?: (challenge: { data?: Uint8Array; reauthenticate: boolean }) => { data?: Uint8Array } | undefined;
  /**
   * 5.0: use Topic Aliases on outbound PUBLISH, up to the server's Topic Alias Maximum
   * (MQTT-3.2.2-17, MQTT-3.3.2-9): the first PUBLISH to a topic sets the next free alias, later
   * ones send an empty topic with it; none once the aliases are used up. Default false.
   */
  outboundTopicAliases?: boolean;
}

/** What the last MQTT 5.0 CONNACK said about the server, with the spec's defaults filled in. */
export interface ServerLimits {
  /** Our outbound window is min(maxInflight, this) (MQTT-3.3.4-7). */
  receiveMaximum: number;
  /** We send nothing larger (MQTT-3.2.2-15); absent = no limit. */
  maximumPacketSize?: number;
  /** We never send a Topic Alias; kept for the view (MQTT-3.2.2-17). */
  topicAliasMaximum: number;
  /** We publish nothing above it (MQTT-3.2.2-11). */
  maximumQoS: QoS;
  /** false: we publish nothing retained (MQTT-3.2.2-14). */
  retainAvailable: boolean;
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
  // ---- MQTT 5.0 only: absent in a 3.1.1 session, so its state is exactly what it always was ----
  /** The server's limits from the last accepted CONNACK. */
  server?: ServerLimits;
  /** The keep alive in force when the server imposed its own (Server Keep Alive, MQTT-3.1.2-21). */
  serverKeepAliveSec?: number;
  /** The client identifier the server assigned to an empty one; used on the next CONNECT. */
  assignedClientId?: string;
  /** Inbound Topic Aliases on this connection, alias -> topic (MQTT-3.3.2-7: never carried over). */
  topicAliases?: Record<number, string>;
  /** When the last connection ended, for the Session Expiry Interval (MQTT-3.1.2-23). */
  connectionEndedAtMs?: Millis;
  /** Outbound Topic Aliases on this connection, topic -> alias (`outboundTopicAliases`; MQTT-3.3.2-7: never carried over). */
  outboundAliases?: Record<string, number>;
  /** 5.0: a re-authentication (AUTH 0x19) waits for the server's AUTH 0x00. */
  reauthenticating?: boolean;
}

export type ClientInput =
  | { type: 'connectionOpened' }
  | { type: 'bytesReceived'; bytes: Uint8Array }
  | { type: 'connectionLost' }
  | { type: 'timeAdvanced' }
  | { type: 'appPublished'; message: AppMessage }
  /** 5.0: `properties` carries a Subscription Identifier and User Properties. */
  | { type: 'appSubscribed'; subscriptions: Subscription[]; properties?: SubscribeProperties }
  | { type: 'appUnsubscribed'; topicFilters: string[] }
  /** 5.0: reasonCode 0x00 (default) or 0x04 Disconnect with Will Message. */
  | { type: 'appDisconnected'; reasonCode?: 0x00 | 0x04 }
  /** 5.0: re-authenticate with the CONNECT's Authentication Method (AUTH 0x19, 4.12.1). */
  | { type: 'appReauthenticate'; data?: Uint8Array };

export type { Params as RuleParams } from '../types';

export type ClientOutput =
  | { type: 'send'; packet: Packet; bytes: Uint8Array; retransmission: boolean }
  /**
   * 'serverDisconnect' (5.0): the server sent DISCONNECT; `reasonCode` is its Reason Code. In 5.0
   * `reasonCode` is also the one of the DISCONNECT we sent, or of the refusing CONNACK.
   */
  | { type: 'close'; reason: CloseReason; error?: ProtocolError; reasonCode?: number }
  /**
   * returnCode: the 3.1.1 return code; for 5.0 the nearest 3.1.1 code (0 accepted, 3 when 3.1.1
   * has no equivalent), and `reasonCode` is the CONNACK's own Reason Code.
   */
  | { type: 'connected'; sessionPresent: boolean; returnCode: ConnackReturnCode; reasonCode?: ConnackReasonCode }
  | { type: 'deliver'; message: AppMessage }
  /**
   * Observation: the client gave up messages of its application: unacknowledged ones when a
   * clean session starts ('cleanSession'), a QoS 0 one published while offline ('qos0Offline').
   * MQTT 5.0 adds: the session expired ('sessionExpired', MQTT-3.1.2-23), the server had no
   * session ('sessionNotPresent', MQTT-3.2.2-5), the server refused the message with a PUBACK
   * or PUBREC Reason Code of 0x80 or more ('refusedByServer', MQTT-4.4.0-2; `reasonCode` says why).
   */
  | { type: 'discarded'; reason: DiscardReason; messages: AppMessage[]; reasonCode?: number }
  | { type: 'published'; packetId?: PacketId; message: AppMessage }
  /** 5.0: `reasonCodes` are the SUBACK's own; returnCodes are in 3.1.1's terms (grantedCodes). */
  | { type: 'subscribed'; packetId: PacketId; returnCodes: SubackReturnCode[]; reasonCodes?: SubackReasonCode[] }
  | { type: 'unsubscribed'; packetId: PacketId; reasonCodes?: UnsubackReasonCode[] }
  | { type: 'ruleApplied'; rule: string; key: DecisionKey; params: Params };

export type { StepResult } from '../session/outputs';

export type CloseReason = 'keepAlive' | 'protocolError' | 'disconnect' | 'refused' | 'serverDisconnect';
export type DiscardReason = 'cleanSession' | 'qos0Offline' | 'sessionExpired' | 'sessionNotPresent' | 'refusedByServer';
