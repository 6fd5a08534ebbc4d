/**
 * The MQTT 3.1.1 and MQTT 5.0 control packets as plain data, named as the specifications name them.
 *
 * Rules this file keeps:
 * - One discriminated union, `Packet`, tagged by the spec's packet names (`'PUBREC'`), which
 *   are also the strings the diagram and the inspector show.
 * - Plain, structuredClone-able data only (no classes, no Node `Buffer`): the simulator
 *   checkpoints it, the worker posts it, tests compare it.
 * - A 3.1.1 packet is exactly what it always was. MQTT 5.0 adds optional fields (`properties`,
 *   `reasonCode`, the subscription options, the will's properties) and one packet, AUTH.
 *   Which version a packet is sent in is not in the data: the codec takes it as an input
 *   (`encode(packet, { version: 5 })`), except for CONNECT, whose protocolLevel says it.
 *
 * How the 5.0 names map onto the 3.1.1 ones:
 * - CONNECT's bit 1 is Clean Session in 3.1.1 and Clean Start in 5.0 (3.1.2.4). It keeps the
 *   one name `cleanSession`. Design: it is the same bit in the same byte, and it still says
 *   whether to throw away the stored session when connecting; 5.0 moved the other half of
 *   3.1.1's meaning, how long a session outlives its connection, to the Session Expiry
 *   Interval property (absent = 0 = ends with the connection). So a 5.0 CONNECT with
 *   cleanSession=false and no sessionExpiryInterval resumes a session but does not keep it
 *   after this connection, unlike 3.1.1's cleanSession=0: engines read both fields.
 * - CONNACK's return code (3.1.1, 0..5) became a Reason Code (5.0, 0x00 or 0x80 and up, with
 *   other numbers for the same refusals), and SUBACK's return codes became Reason Codes. The
 *   numbers do not mean the same, so the fields do not share a name: a 3.1.1 CONNACK has
 *   `returnCode`, a 5.0 one `reasonCode`; a 3.1.1 SUBACK `returnCodes`, a 5.0 one `reasonCodes`.
 * - The acks, UNSUBACK, DISCONNECT and AUTH only gained fields in 5.0 (`reasonCode` or
 *   `reasonCodes`, `properties`), so they keep one shape; a field is absent when the packet
 *   leaves it out on the wire (an omitted reason code means 0x00 Success).
 * - A SUBSCRIBE's `qos` is 3.1.1's Requested QoS and 5.0's Maximum QoS subscription option.
 */

/** Which protocol a packet is in, as the CONNECT's protocol level byte says it: 4 = MQTT 3.1.1, 5 = MQTT 5.0. */
export type ProtocolVersion = 4 | 5;

/** Quality of Service level (MQTT-4.3). */
export type QoS = 0 | 1 | 2;

/**
 * Packet identifier, 1..65535 (MQTT-2.3.1-1: never 0), branded like `Millis` so that a count,
 * an index or a 0 cannot pass for one. Values come from the decoder, which checks them, from
 * the senders' allocation, or from `asPacketId`.
 */
export type PacketId = number & { readonly __brand: 'PacketId' };

/** Milliseconds of virtual (simulated) or real time, as the host supplies it. */
export type Millis = number & { readonly __brand: 'Millis' };

/** A number of milliseconds as a point in time (where a host hands one in, or a sum makes one). */
export function millis(n: number): Millis {
  return n as Millis;
}

/**
 * A number as a packet identifier. The caller vouches for the range (the senders' allocation,
 * tests, hand-built packets); bytes from the wire go through the decoder instead, which
 * refuses 0 (MQTT-2.3.1-1).
 */
export function asPacketId(n: number): PacketId {
  return n as PacketId;
}

/** AUTH exists in MQTT 5.0 only (type 15, reserved in 3.1.1). */
export type PacketType =
  | 'CONNECT' | 'CONNACK' | 'PUBLISH' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP'
  | 'SUBSCRIBE' | 'SUBACK' | 'UNSUBSCRIBE' | 'UNSUBACK' | 'PINGREQ' | 'PINGRESP' | 'DISCONNECT' | 'AUTH';

/** Control packet type numbers of the fixed header's high nibble (MQTT 2.2.1; 5.0: 2.1.2). */
export const PACKET_TYPE_CODE: Readonly<Record<PacketType, number>> = {
  CONNECT: 1, CONNACK: 2, PUBLISH: 3, PUBACK: 4, PUBREC: 5, PUBREL: 6, PUBCOMP: 7,
  SUBSCRIBE: 8, SUBACK: 9, UNSUBSCRIBE: 10, UNSUBACK: 11, PINGREQ: 12, PINGRESP: 13, DISCONNECT: 14, AUTH: 15,
};

/** A User Property (MQTT 5.0, a UTF-8 String Pair, 1.5.7): a name and a value. */
export type UserProperty = [name: string, value: string];

/**
 * Every MQTT 5.0 property (2.2.2.2, Table 2-4), by its spec name. Each packet allows a few
 * (the `...Properties` types below; the codec's table: codec/property-table.ts). A property
 * is absent when the packet does not carry it; each of its default values is the spec's.
 * Booleans are the properties whose Byte may only be 0 or 1.
 */
export interface Properties {
  /** 0x01: 0 = unspecified bytes, 1 = UTF-8 character data (PUBLISH, will). */
  payloadFormatIndicator?: 0 | 1;
  /** 0x02: lifetime of the message in seconds (PUBLISH, will). */
  messageExpiryInterval?: number;
  /** 0x03: application-defined, often a MIME type (PUBLISH, will). */
  contentType?: string;
  /** 0x08: the topic a request's response goes to (PUBLISH, will). */
  responseTopic?: string;
  /** 0x09: matches a response to its request (PUBLISH, will). */
  correlationData?: Uint8Array;
  /** 0x0B in a SUBSCRIBE: 1..268,435,455, stored with the subscriptions it makes. */
  subscriptionIdentifier?: number;
  /** 0x0B in a PUBLISH: the identifiers of the subscriptions it matched, one each, possibly repeated. */
  subscriptionIdentifiers?: number[];
  /** 0x11: seconds the session outlives the connection; 0 or absent = none, 0xFFFFFFFF = never ends. */
  sessionExpiryInterval?: number;
  /** 0x12: the client identifier the server chose for an empty one (CONNACK). */
  assignedClientIdentifier?: string;
  /** 0x13: the keep alive the server imposes, in seconds (CONNACK). */
  serverKeepAlive?: number;
  /** 0x15: names the extended authentication method (CONNECT, CONNACK, AUTH). */
  authenticationMethod?: string;
  /** 0x16: the method's data (CONNECT, CONNACK, AUTH). */
  authenticationData?: Uint8Array;
  /** 0x17: false asks the server to send Reason Strings and User Properties on CONNACK and DISCONNECT only (absent = true). */
  requestProblemInformation?: boolean;
  /** 0x18: seconds the server waits before publishing the will (will). */
  willDelayInterval?: number;
  /** 0x19: true asks the server for Response Information in CONNACK. */
  requestResponseInformation?: boolean;
  /** 0x1A: the basis of a Response Topic (CONNACK). */
  responseInformation?: string;
  /** 0x1C: another server to use (CONNACK, DISCONNECT). */
  serverReference?: string;
  /** 0x1F: human-readable diagnostics, not to be parsed (acks, CONNACK, DISCONNECT, AUTH). */
  reasonString?: string;
  /** 0x21: how many QoS 1 and 2 publications the sender accepts at once, 1..65,535 (absent = 65,535). */
  receiveMaximum?: number;
  /** 0x22: the highest Topic Alias the sender accepts (absent = 0: none). */
  topicAliasMaximum?: number;
  /** 0x23: a number standing for the topic on this connection, 1..65,535 (PUBLISH). */
  topicAlias?: number;
  /** 0x24: the highest QoS the server supports, 0 or 1 (absent = 2) (CONNACK). */
  maximumQoS?: 0 | 1;
  /** 0x25: whether the server supports retained messages (absent = true) (CONNACK). */
  retainAvailable?: boolean;
  /** 0x26: name-value pairs, in order; a name may repeat (every packet that has properties). */
  userProperties?: UserProperty[];
  /** 0x27: the largest packet the sender accepts, in bytes (absent = no limit) (CONNECT, CONNACK). */
  maximumPacketSize?: number;
  /** 0x28: whether the server supports wildcard subscriptions (absent = true) (CONNACK). */
  wildcardSubscriptionAvailable?: boolean;
  /** 0x29: whether the server supports Subscription Identifiers (absent = true) (CONNACK). */
  subscriptionIdentifierAvailable?: boolean;
  /** 0x2A: whether the server supports shared subscriptions (absent = true) (CONNACK). */
  sharedSubscriptionAvailable?: boolean;
}

/** The properties each packet may carry (MQTT 5.0, the "Properties" section of each packet). */
export type ConnectProperties = Pick<Properties, 'sessionExpiryInterval' | 'receiveMaximum' | 'maximumPacketSize'
  | 'topicAliasMaximum' | 'requestResponseInformation' | 'requestProblemInformation' | 'userProperties'
  | 'authenticationMethod' | 'authenticationData'>;
export type WillProperties = Pick<Properties, 'willDelayInterval' | 'payloadFormatIndicator' | 'messageExpiryInterval'
  | 'contentType' | 'responseTopic' | 'correlationData' | 'userProperties'>;
export type ConnackProperties = Pick<Properties, 'sessionExpiryInterval' | 'receiveMaximum' | 'maximumQoS'
  | 'retainAvailable' | 'maximumPacketSize' | 'assignedClientIdentifier' | 'topicAliasMaximum' | 'reasonString'
  | 'userProperties' | 'wildcardSubscriptionAvailable' | 'subscriptionIdentifierAvailable'
  | 'sharedSubscriptionAvailable' | 'serverKeepAlive' | 'responseInformation' | 'serverReference'
  | 'authenticationMethod' | 'authenticationData'>;
export type PublishProperties = Pick<Properties, 'payloadFormatIndicator' | 'messageExpiryInterval' | 'topicAlias'
  | 'responseTopic' | 'correlationData' | 'userProperties' | 'subscriptionIdentifiers' | 'contentType'>;
/** PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK and UNSUBACK. */
export type AckProperties = Pick<Properties, 'reasonString' | 'userProperties'>;
export type SubscribeProperties = Pick<Properties, 'subscriptionIdentifier' | 'userProperties'>;
export type UnsubscribeProperties = Pick<Properties, 'userProperties'>;
export type DisconnectProperties = Pick<Properties, 'sessionExpiryInterval' | 'reasonString' | 'userProperties' | 'serverReference'>;
export type AuthProperties = Pick<Properties, 'authenticationMethod' | 'authenticationData' | 'reasonString' | 'userProperties'>;

/**
 * MQTT 5.0 Reason Codes (2.4): one byte, below 0x80 success, 0x80 and above failure. The
 * values each packet may carry, from its table in the specification; their names and
 * explanations: codec/reason-codes.ts.
 */
export type ConnackReasonCode = 0x00 | 0x80 | 0x81 | 0x82 | 0x83 | 0x84 | 0x85 | 0x86 | 0x87 | 0x88 | 0x89 | 0x8a
  | 0x8c | 0x90 | 0x95 | 0x97 | 0x99 | 0x9a | 0x9b | 0x9c | 0x9d | 0x9f;
/** PUBACK and PUBREC (Tables 3-4, 3-5). */
export type PublishReasonCode = 0x00 | 0x10 | 0x80 | 0x83 | 0x87 | 0x90 | 0x91 | 0x97 | 0x99;
/** PUBREL and PUBCOMP (Tables 3-6, 3-7). */
export type PubrelReasonCode = 0x00 | 0x92;
export type SubackReasonCode = 0x00 | 0x01 | 0x02 | 0x80 | 0x83 | 0x87 | 0x8f | 0x91 | 0x97 | 0x9e | 0xa1 | 0xa2;
export type UnsubackReasonCode = 0x00 | 0x11 | 0x80 | 0x83 | 0x87 | 0x8f | 0x91;
export type DisconnectReasonCode = 0x00 | 0x04 | 0x80 | 0x81 | 0x82 | 0x83 | 0x87 | 0x89 | 0x8b | 0x8d | 0x8e | 0x8f
  | 0x90 | 0x93 | 0x94 | 0x95 | 0x96 | 0x97 | 0x98 | 0x99 | 0x9a | 0x9b | 0x9c | 0x9d | 0x9e | 0x9f | 0xa0 | 0xa1 | 0xa2;
export type AuthReasonCode = 0x00 | 0x18 | 0x19;

export interface Will {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** MQTT 5.0 Will Properties (3.1.3.2); absent when there are none. */
  properties?: WillProperties;
}

export interface ConnectPacket {
  type: 'CONNECT';
  /** 'MQTT' (MQTT-3.1.2-1). */
  protocolName: string;
  /**
   * 4 for 3.1.1, 5 for 5.0: the layout of the rest of the packet follows it. A 3.1.1 broker
   * answers any level but 4 with CONNACK return code 1 (MQTT-3.1.2-2).
   */
  protocolLevel: number;
  clientId: string;
  /** Clean Session (3.1.1) or Clean Start (5.0): see the header of this file. */
  cleanSession: boolean;
  keepAliveSec: number;
  will?: Will;
  username?: string;
  /** 3.1.1 needs a user name for a password (MQTT-3.1.2-22); 5.0 does not. */
  password?: Uint8Array;
  /** MQTT 5.0 only; absent when there are none. */
  properties?: ConnectProperties;
}

/** CONNACK return codes (MQTT 3.2.2.3): 0 accepted, 1 bad protocol level, 2 identifier
 * rejected, 3 server unavailable, 4 bad user name or password, 5 not authorized. */
export type ConnackReturnCode = 0 | 1 | 2 | 3 | 4 | 5;

/** CONNACK in MQTT 3.1.1: a return code. */
export interface ConnackPacket311 {
  type: 'CONNACK';
  sessionPresent: boolean;
  returnCode: ConnackReturnCode;
}

/** CONNACK in MQTT 5.0 (3.2): a Reason Code and properties. */
export interface ConnackPacket5 {
  type: 'CONNACK';
  sessionPresent: boolean;
  reasonCode: ConnackReasonCode;
  properties?: ConnackProperties;
}

export type ConnackPacket = ConnackPacket311 | ConnackPacket5;

export interface PublishPacket {
  type: 'PUBLISH';
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  dup: boolean;
  retain: boolean;
  /** Present exactly when qos > 0 (MQTT-2.3.1-5). */
  packetId?: PacketId;
  /** MQTT 5.0 only; absent when there are none. A 5.0 topic may be '' when topicAlias stands for it. */
  properties?: PublishProperties;
}

/** The acknowledgements of a PUBLISH: one packet identifier, and in 5.0 a Reason Code. */
export type PublishAckType = 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP';

export interface AckPacket<T extends PublishAckType = PublishAckType> {
  type: T;
  packetId: PacketId;
  /** MQTT 5.0: absent when the packet leaves it out (Remaining Length 2), which means 0x00 Success. */
  reasonCode?: T extends 'PUBACK' | 'PUBREC' ? PublishReasonCode : PubrelReasonCode;
  /** MQTT 5.0 only; absent when there are none. */
  properties?: AckProperties;
}
export type PubackPacket = AckPacket<'PUBACK'>;
export type PubrecPacket = AckPacket<'PUBREC'>;
export type PubrelPacket = AckPacket<'PUBREL'>;
export type PubcompPacket = AckPacket<'PUBCOMP'>;

export interface Subscription {
  topicFilter: string;
  /** Requested QoS (3.1.1), Maximum QoS (5.0). */
  qos: QoS;
  /** MQTT 5.0 subscription options (3.8.3.1); a 5.0 SUBSCRIBE always carries all three. */
  noLocal?: boolean;
  retainAsPublished?: boolean;
  /** 0 send retained messages at subscribe, 1 only for a new subscription, 2 never. */
  retainHandling?: 0 | 1 | 2;
}

export interface SubscribePacket {
  type: 'SUBSCRIBE';
  packetId: PacketId;
  subscriptions: Subscription[];
  /** MQTT 5.0 only; absent when there are none. */
  properties?: SubscribeProperties;
}

/** SUBACK return code per filter: the granted QoS, or 0x80 for failure (MQTT 3.9.3). */
export type SubackReturnCode = QoS | 0x80;

/** SUBACK in MQTT 3.1.1: a return code per filter. */
export interface SubackPacket311 {
  type: 'SUBACK';
  packetId: PacketId;
  returnCodes: SubackReturnCode[];
}

/** SUBACK in MQTT 5.0 (3.9): a Reason Code per filter, and properties. */
export interface SubackPacket5 {
  type: 'SUBACK';
  packetId: PacketId;
  reasonCodes: SubackReasonCode[];
  properties?: AckProperties;
}

export type SubackPacket = SubackPacket311 | SubackPacket5;

/**
 * A SUBACK's codes in 3.1.1's terms: the granted QoS, or 0x80 for a failure. Exact for both
 * versions: 5.0 keeps 0x00..0x02 as the granted QoS and names its failures 0x80 and up, where
 * 3.1.1 has the one code 0x80 (3.9.3).
 */
export function grantedCodes(p: SubackPacket): SubackReturnCode[] {
  return 'returnCodes' in p ? p.returnCodes : p.reasonCodes.map((code) => (code >= 0x80 ? 0x80 : code as QoS));
}

export interface UnsubscribePacket {
  type: 'UNSUBSCRIBE';
  packetId: PacketId;
  topicFilters: string[];
  /** MQTT 5.0 only; absent when there are none. */
  properties?: UnsubscribeProperties;
}

/** UNSUBACK: the packet identifier; MQTT 5.0 adds a Reason Code per filter (3.11.3) and properties. */
export interface UnsubackPacket {
  type: 'UNSUBACK';
  packetId: PacketId;
  /** MQTT 5.0: always there (possibly empty); absent in 3.1.1. */
  reasonCodes?: UnsubackReasonCode[];
  properties?: AckProperties;
}

export interface PingreqPacket { type: 'PINGREQ' }
export interface PingrespPacket { type: 'PINGRESP' }

/** DISCONNECT: nothing in 3.1.1; MQTT 5.0 adds a Reason Code (absent = 0x00 Normal disconnection) and properties. */
export interface DisconnectPacket {
  type: 'DISCONNECT';
  reasonCode?: DisconnectReasonCode;
  properties?: DisconnectProperties;
}

/** AUTH (MQTT 5.0 only, 3.15): a step of extended authentication. Absent reasonCode = 0x00 Success. */
export interface AuthPacket {
  type: 'AUTH';
  reasonCode?: AuthReasonCode;
  properties?: AuthProperties;
}

export type Packet =
  | ConnectPacket | ConnackPacket | PublishPacket
  | PubackPacket | PubrecPacket | PubrelPacket | PubcompPacket
  | SubscribePacket | SubackPacket | UnsubscribePacket | UnsubackPacket
  | PingreqPacket | PingrespPacket | DisconnectPacket | AuthPacket;

/**
 * The MQTT 5.0 properties an application message carries end to end (3.3.2.3): what a publisher
 * sets and a subscriber receives. Topic Alias is not among them: it belongs to one connection.
 * Subscription Identifiers only come with a received message (MQTT-3.3.4-6: a client never sends them).
 */
export type MessageProperties = Pick<Properties, 'payloadFormatIndicator' | 'messageExpiryInterval' | 'contentType'
  | 'responseTopic' | 'correlationData' | 'userProperties' | 'subscriptionIdentifiers'>;

/** A message as an application publishes or receives it. */
export interface AppMessage {
  topic: string;
  payload: Uint8Array;
  qos: QoS;
  retain: boolean;
  /** MQTT 5.0 only; absent when there are none (always absent in 3.1.1). */
  properties?: MessageProperties;
}

/**
 * The values that explain a decision or an event: what engines put in `ruleApplied`, the trace
 * in its events and the narration in its sentences. One record for every layer.
 */
export type ParamValue = string | number | boolean;
export type Params = Record<string, ParamValue>;
