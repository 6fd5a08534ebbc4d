/**
 * The MQTT 5.0 properties as data (2.2.2.2, Table 2-4): for each, its identifier byte, its
 * data type, its spec name, and in which packets it may appear, in the order and under the
 * subsection number at which each packet's "Properties" section defines it. properties.ts
 * reads, writes and annotates them from this table alone.
 *
 *   data type              bytes on the wire
 *   Byte                   1
 *   Two Byte Integer       2, big-endian (1.5.2)
 *   Four Byte Integer      4, big-endian (1.5.3)
 *   Variable Byte Integer  1..4 (1.5.5)
 *   UTF-8 Encoded String   2-byte length + UTF-8 (1.5.4)
 *   Binary Data            2-byte length + bytes (1.5.6)
 *   UTF-8 String Pair      two strings, name then value (1.5.7)
 */
import type {
  AckProperties, AuthProperties, ConnackProperties, ConnectProperties, DisconnectProperties, Properties,
  PublishProperties, SubscribeProperties, UnsubscribeProperties, WillProperties,
} from '../types';
import type { FieldKey } from './field-keys';

export type PropertyKey = keyof Properties;
export type PropertyType = 'byte' | 'twoByteInteger' | 'fourByteInteger' | 'variableByteInteger' | 'string' | 'binary' | 'stringPair';

export interface PropertyDefinition {
  readonly key: PropertyKey;
  readonly id: number;
  /** The spec's name, as the inspector shows it. */
  readonly name: string;
  readonly type: PropertyType;
  readonly explain: FieldKey;
  /** May appear more than once: User Property anywhere, Subscription Identifier in PUBLISH (3.3.2.3.8). */
  readonly repeats: boolean;
  /** A Byte whose only values are 0 and 1; a boolean in `Properties` unless `number` says otherwise. */
  readonly zeroOrOne?: 'boolean' | 'number';
  /** 0 is a Protocol Error (Receive Maximum, Maximum Packet Size, Topic Alias, Subscription Identifier). */
  readonly nonZero?: true;
}

const p = (key: PropertyKey, id: number, name: string, type: PropertyType, explain: FieldKey,
  extra: Partial<Pick<PropertyDefinition, 'repeats' | 'zeroOrOne' | 'nonZero'>> = {}): PropertyDefinition =>
  ({ key, id, name, type, explain, repeats: false, ...extra });

export const PROPERTY_DEFINITIONS: { readonly [K in PropertyKey]-?: PropertyDefinition } = {
  payloadFormatIndicator: p('payloadFormatIndicator', 0x01, 'Payload Format Indicator', 'byte', 'payload-format-indicator', { zeroOrOne: 'number' }),
  messageExpiryInterval: p('messageExpiryInterval', 0x02, 'Message Expiry Interval', 'fourByteInteger', 'message-expiry-interval'),
  contentType: p('contentType', 0x03, 'Content Type', 'string', 'content-type'),
  responseTopic: p('responseTopic', 0x08, 'Response Topic', 'string', 'response-topic'),
  correlationData: p('correlationData', 0x09, 'Correlation Data', 'binary', 'correlation-data'),
  subscriptionIdentifier: p('subscriptionIdentifier', 0x0b, 'Subscription Identifier', 'variableByteInteger', 'subscription-identifier', { nonZero: true }),
  subscriptionIdentifiers: p('subscriptionIdentifiers', 0x0b, 'Subscription Identifier', 'variableByteInteger', 'subscription-identifier', { nonZero: true, repeats: true }),
  sessionExpiryInterval: p('sessionExpiryInterval', 0x11, 'Session Expiry Interval', 'fourByteInteger', 'session-expiry-interval'),
  assignedClientIdentifier: p('assignedClientIdentifier', 0x12, 'Assigned Client Identifier', 'string', 'assigned-client-identifier'),
  serverKeepAlive: p('serverKeepAlive', 0x13, 'Server Keep Alive', 'twoByteInteger', 'server-keep-alive'),
  authenticationMethod: p('authenticationMethod', 0x15, 'Authentication Method', 'string', 'authentication-method'),
  authenticationData: p('authenticationData', 0x16, 'Authentication Data', 'binary', 'authentication-data'),
  requestProblemInformation: p('requestProblemInformation', 0x17, 'Request Problem Information', 'byte', 'request-problem-information', { zeroOrOne: 'boolean' }),
  willDelayInterval: p('willDelayInterval', 0x18, 'Will Delay Interval', 'fourByteInteger', 'will-delay-interval'),
  requestResponseInformation: p('requestResponseInformation', 0x19, 'Request Response Information', 'byte', 'request-response-information', { zeroOrOne: 'boolean' }),
  responseInformation: p('responseInformation', 0x1a, 'Response Information', 'string', 'response-information'),
  serverReference: p('serverReference', 0x1c, 'Server Reference', 'string', 'server-reference'),
  reasonString: p('reasonString', 0x1f, 'Reason String', 'string', 'reason-string'),
  receiveMaximum: p('receiveMaximum', 0x21, 'Receive Maximum', 'twoByteInteger', 'receive-maximum', { nonZero: true }),
  topicAliasMaximum: p('topicAliasMaximum', 0x22, 'Topic Alias Maximum', 'twoByteInteger', 'topic-alias-maximum'),
  topicAlias: p('topicAlias', 0x23, 'Topic Alias', 'twoByteInteger', 'topic-alias', { nonZero: true }),
  maximumQoS: p('maximumQoS', 0x24, 'Maximum QoS', 'byte', 'maximum-qos', { zeroOrOne: 'number' }),
  retainAvailable: p('retainAvailable', 0x25, 'Retain Available', 'byte', 'retain-available', { zeroOrOne: 'boolean' }),
  userProperties: p('userProperties', 0x26, 'User Property', 'stringPair', 'user-property-name', { repeats: true }),
  maximumPacketSize: p('maximumPacketSize', 0x27, 'Maximum Packet Size', 'fourByteInteger', 'maximum-packet-size', { nonZero: true }),
  wildcardSubscriptionAvailable: p('wildcardSubscriptionAvailable', 0x28, 'Wildcard Subscription Available', 'byte', 'wildcard-subscription-available', { zeroOrOne: 'boolean' }),
  subscriptionIdentifierAvailable: p('subscriptionIdentifierAvailable', 0x29, 'Subscription Identifier Available', 'byte', 'subscription-identifier-available', { zeroOrOne: 'boolean' }),
  sharedSubscriptionAvailable: p('sharedSubscriptionAvailable', 0x2a, 'Shared Subscription Available', 'byte', 'shared-subscription-available', { zeroOrOne: 'boolean' }),
};

/** Where properties stand: each packet's own set, and the will's inside CONNECT. */
export type PropertySetName = 'CONNECT' | 'WILL' | 'CONNACK' | 'PUBLISH' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP'
  | 'SUBSCRIBE' | 'SUBACK' | 'UNSUBSCRIBE' | 'UNSUBACK' | 'DISCONNECT' | 'AUTH';

/**
 * Each set: its section, and each property it allows with the number of the subsection that
 * defines it there (3.1.2.11.3 is CONNECT's Receive Maximum). A Record over the packet's
 * properties type, so the compiler checks that the table and types.ts agree.
 */
const ACK = (section: string) => ({ section, at: { reasonString: 2, userProperties: 3 } satisfies Record<keyof AckProperties, number> });
const SET_SECTIONS: Readonly<Record<PropertySetName, { section: string; at: Partial<Record<PropertyKey, number>> }>> = {
  CONNECT: { section: '3.1.2.11', at: {
    sessionExpiryInterval: 2, receiveMaximum: 3, maximumPacketSize: 4, topicAliasMaximum: 5, requestResponseInformation: 6,
    requestProblemInformation: 7, userProperties: 8, authenticationMethod: 9, authenticationData: 10,
  } satisfies Record<keyof ConnectProperties, number> },
  WILL: { section: '3.1.3.2', at: {
    willDelayInterval: 2, payloadFormatIndicator: 3, messageExpiryInterval: 4, contentType: 5, responseTopic: 6,
    correlationData: 7, userProperties: 8,
  } satisfies Record<keyof WillProperties, number> },
  CONNACK: { section: '3.2.2.3', at: {
    sessionExpiryInterval: 2, receiveMaximum: 3, maximumQoS: 4, retainAvailable: 5, maximumPacketSize: 6,
    assignedClientIdentifier: 7, topicAliasMaximum: 8, reasonString: 9, userProperties: 10, wildcardSubscriptionAvailable: 11,
    subscriptionIdentifierAvailable: 12, sharedSubscriptionAvailable: 13, serverKeepAlive: 14, responseInformation: 15,
    serverReference: 16, authenticationMethod: 17, authenticationData: 18,
  } satisfies Record<keyof ConnackProperties, number> },
  PUBLISH: { section: '3.3.2.3', at: {
    payloadFormatIndicator: 2, messageExpiryInterval: 3, topicAlias: 4, responseTopic: 5, correlationData: 6,
    userProperties: 7, subscriptionIdentifiers: 8, contentType: 9,
  } satisfies Record<keyof PublishProperties, number> },
  PUBACK: ACK('3.4.2.2'),
  PUBREC: ACK('3.5.2.2'),
  PUBREL: ACK('3.6.2.2'),
  PUBCOMP: ACK('3.7.2.2'),
  SUBSCRIBE: { section: '3.8.2.1', at: { subscriptionIdentifier: 2, userProperties: 3 } satisfies Record<keyof SubscribeProperties, number> },
  SUBACK: ACK('3.9.2.1'),
  UNSUBSCRIBE: { section: '3.10.2.1', at: { userProperties: 2 } satisfies Record<keyof UnsubscribeProperties, number> },
  UNSUBACK: ACK('3.11.2.1'),
  DISCONNECT: { section: '3.14.2.2', at: {
    sessionExpiryInterval: 2, reasonString: 3, userProperties: 4, serverReference: 5,
  } satisfies Record<keyof DisconnectProperties, number> },
  AUTH: { section: '3.15.2.2', at: {
    authenticationMethod: 2, authenticationData: 3, reasonString: 4, userProperties: 5,
  } satisfies Record<keyof AuthProperties, number> },
};

/** One packet's properties, ready to use: by identifier for reading, in spec order for writing. */
export interface PropertySet {
  readonly name: PropertySetName;
  /** The definition allowed for each identifier byte, or undefined. */
  readonly byId: readonly (PropertyDefinition | undefined)[];
  /** The definition for each key this set allows. */
  readonly byKey: Readonly<Partial<Record<PropertyKey, PropertyDefinition>>>;
  /** The allowed definitions in the order the spec lists them (the order we write them in). */
  readonly ordered: readonly PropertyDefinition[];
  /** The rule id of the subsection defining `key` in this set, e.g. 'MQTT-3.1.2.11.3'. */
  readonly ruleOf: Readonly<Partial<Record<PropertyKey, string>>>;
}

function buildSet(name: PropertySetName): PropertySet {
  const { section, at } = SET_SECTIONS[name];
  const entries = (Object.entries(at) as [PropertyKey, number][]).sort((a, b) => a[1] - b[1]);
  const byId: (PropertyDefinition | undefined)[] = new Array<PropertyDefinition | undefined>(128).fill(undefined);
  const byKey: Partial<Record<PropertyKey, PropertyDefinition>> = {};
  const ruleOf: Partial<Record<PropertyKey, string>> = {};
  for (const [key, subsection] of entries) {
    const def = PROPERTY_DEFINITIONS[key];
    byId[def.id] = def;
    byKey[key] = def;
    ruleOf[key] = `MQTT-${section}.${subsection}`;
  }
  return { name, byId, byKey, ordered: entries.map(([key]) => PROPERTY_DEFINITIONS[key]), ruleOf };
}

export const PROPERTY_SETS: Readonly<Record<PropertySetName, PropertySet>> = Object.fromEntries(
  (Object.keys(SET_SECTIONS) as PropertySetName[]).map((name) => [name, buildSet(name)]),
) as Record<PropertySetName, PropertySet>;

/** The definition for an identifier in any packet (for messages: "allowed elsewhere" vs "unknown"). */
export function propertyById(id: number): PropertyDefinition | undefined {
  return Object.values(PROPERTY_DEFINITIONS).find((def) => def.id === id);
}
