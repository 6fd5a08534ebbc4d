/**
 * fast-check arbitraries for every valid MQTT 3.1.1 packet (`packet`) and every valid MQTT 5.0
 * packet (`packet5`) (test code only: imported by *.test.ts and the bench, never by the app).
 * Valid means what our strict decoder accepts.
 */
import fc from 'fast-check';
import {
  asPacketId, type AckPacket, type AckProperties, type AuthProperties, type ConnackPacket5, type ConnackProperties,
  type ConnackReasonCode, type ConnectPacket, type ConnectProperties, type DisconnectProperties, type Packet,
  type Properties, type PublishAckType, type PublishPacket, type PublishProperties, type QoS, type SubackPacket5,
  type SubscribeProperties, type Subscription, type UnsubackPacket, type UnsubscribeProperties, type Will,
  type WillProperties,
} from '../types';
import { PROPERTY_SETS, type PropertySetName } from './property-table';
import { reasonCodesOf, type ReasonCodePacket } from './reason-codes';

/** Well-formed text without U+0000 (MQTT-1.5.3-1/2); the 'binary' unit never yields lone surrogates. */
export const mqttString = (maxLength = 12, minLength = 0): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', minLength, maxLength }),
    fc.string({ minLength, maxLength }),
  ).filter((s) => !s.includes('\u0000'));

/** A topic name: at least one character (MQTT-4.7.3-1), no wildcards (MQTT-3.3.2-2). */
export const topicName = mqttString(16, 1).filter((s) => !s.includes('+') && !s.includes('#'));
export const topicFilter = mqttString(16, 1);
export const qos = fc.constantFrom<QoS>(0, 1, 2);
export const packetId = fc.integer({ min: 1, max: 0xffff }).map(asPacketId);
export const bytes = (maxLength = 64): fc.Arbitrary<Uint8Array> =>
  fc.uint8Array({ maxLength }).map((b) => Uint8Array.from(b));

export const publish: fc.Arbitrary<PublishPacket> = fc
  .record({ topic: topicName, payload: bytes(), qos, dup: fc.boolean(), retain: fc.boolean(), packetId })
  .map(({ topic, payload, qos, dup, retain, packetId }): PublishPacket =>
    qos === 0
      ? { type: 'PUBLISH', topic, payload, qos, dup: false, retain }
      : { type: 'PUBLISH', topic, payload, qos, dup, retain, packetId });

const will: fc.Arbitrary<Will> = fc.record({ topic: topicName, payload: bytes(32), qos, retain: fc.boolean() });

export const connect: fc.Arbitrary<ConnectPacket> = fc
  .record({
    protocolLevel: fc.oneof(fc.constant(4), fc.constant(4), fc.integer({ min: 0, max: 255 })),
    clientId: mqttString(23), cleanSession: fc.boolean(), keepAliveSec: fc.integer({ min: 0, max: 0xffff }),
    will: fc.option(will, { nil: undefined }),
    username: fc.option(mqttString(), { nil: undefined }),
    password: fc.option(bytes(16), { nil: undefined }),
  })
  .map(({ will, username, password, ...rest }) => {
    const p: ConnectPacket = { type: 'CONNECT', protocolName: 'MQTT', ...rest };
    if (will) p.will = will;
    if (username !== undefined) {
      p.username = username;
      if (password !== undefined) p.password = password; // MQTT-3.1.2-22
    }
    return p;
  });

export const packet: fc.Arbitrary<Packet> = fc.oneof(
  connect,
  fc.oneof(
    fc.record({ type: fc.constant('CONNACK' as const), sessionPresent: fc.constant(false), returnCode: fc.constantFrom(0, 1, 2, 3, 4, 5) as fc.Arbitrary<0 | 1 | 2 | 3 | 4 | 5> }),
    fc.record({ type: fc.constant('CONNACK' as const), sessionPresent: fc.constant(true), returnCode: fc.constant(0 as const) }),
  ),
  publish,
  fc.record({ type: fc.constantFrom('PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'UNSUBACK'), packetId }) as fc.Arbitrary<Packet>,
  fc.record({
    type: fc.constant('SUBSCRIBE' as const), packetId,
    subscriptions: fc.array(fc.record({ topicFilter, qos }), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({
    type: fc.constant('SUBACK' as const), packetId,
    returnCodes: fc.array(fc.constantFrom(0, 1, 2, 0x80) as fc.Arbitrary<0 | 1 | 2 | 0x80>, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ type: fc.constant('UNSUBSCRIBE' as const), packetId, topicFilters: fc.array(topicFilter, { minLength: 1, maxLength: 4 }) }),
  fc.constantFrom<Packet>({ type: 'PINGREQ' }, { type: 'PINGRESP' }, { type: 'DISCONNECT' }),
);

// ---- MQTT 5.0 ----

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const subscriptionId = fc.integer({ min: 1, max: 268_435_455 });

/** A value for every property (2.2.2.2), as the decoder accepts it. */
const PROPERTY_VALUES: { [K in keyof Properties]-?: fc.Arbitrary<NonNullable<Properties[K]>> } = {
  payloadFormatIndicator: fc.constantFrom<0 | 1>(0, 1),
  messageExpiryInterval: u32,
  contentType: mqttString(),
  responseTopic: topicName,
  correlationData: bytes(16),
  subscriptionIdentifier: subscriptionId,
  subscriptionIdentifiers: fc.array(subscriptionId, { minLength: 1, maxLength: 3 }),
  sessionExpiryInterval: u32,
  assignedClientIdentifier: mqttString(),
  serverKeepAlive: u16,
  authenticationMethod: mqttString(),
  authenticationData: bytes(16),
  requestProblemInformation: fc.boolean(),
  willDelayInterval: u32,
  requestResponseInformation: fc.boolean(),
  responseInformation: mqttString(),
  serverReference: mqttString(),
  reasonString: mqttString(),
  receiveMaximum: fc.integer({ min: 1, max: 0xffff }),
  topicAliasMaximum: u16,
  topicAlias: fc.integer({ min: 1, max: 0xffff }),
  maximumQoS: fc.constantFrom<0 | 1>(0, 1),
  retainAvailable: fc.boolean(),
  userProperties: fc.array(fc.tuple(mqttString(6), mqttString(6)), { minLength: 1, maxLength: 3 }),
  maximumPacketSize: fc.integer({ min: 1, max: 0xffff_ffff }),
  wildcardSubscriptionAvailable: fc.boolean(),
  subscriptionIdentifierAvailable: fc.boolean(),
  sharedSubscriptionAvailable: fc.boolean(),
};

/** Any subset of the properties `set` allows, each with a random value; undefined when none is picked. */
export function properties5<T extends Properties>(set: PropertySetName): fc.Arbitrary<T | undefined> {
  const keys = PROPERTY_SETS[set].ordered.map((def) => def.key);
  const record = Object.fromEntries(keys.map((key) => [key, PROPERTY_VALUES[key] as fc.Arbitrary<unknown>]));
  return fc.record(record, { requiredKeys: [] }).map((props) => {
    const out = props as Properties;
    // 3.1.2.11.10: no Authentication Data without an Authentication Method.
    if (out.authenticationData !== undefined && out.authenticationMethod === undefined) delete out.authenticationData;
    return Object.keys(out).length === 0 ? undefined : out as T;
  });
}

const withProperties = <P extends object>(packet: P, properties: object | undefined): P =>
  properties === undefined ? packet : { ...packet, properties };

const codesOf = (packet: ReasonCodePacket) => fc.constantFrom(...reasonCodesOf(packet));

const will5: fc.Arbitrary<Will> = fc.tuple(will, properties5<WillProperties>('WILL')).map(([w, properties]) => withProperties(w, properties));

export const connect5: fc.Arbitrary<ConnectPacket> = fc
  .record({
    clientId: mqttString(23), cleanSession: fc.boolean(), keepAliveSec: u16,
    will: fc.option(will5, { nil: undefined }),
    username: fc.option(mqttString(), { nil: undefined }),
    password: fc.option(bytes(16), { nil: undefined }), // 5.0 allows a password without a user name
    properties: properties5<ConnectProperties>('CONNECT'),
  })
  .map(({ will, username, password, properties, ...rest }) => {
    const p: ConnectPacket = withProperties({ type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, ...rest }, properties);
    if (will) p.will = will;
    if (username !== undefined) p.username = username;
    if (password !== undefined) p.password = password;
    return p;
  });

export const connack5: fc.Arbitrary<ConnackPacket5> = fc
  .record({ reasonCode: codesOf('CONNACK'), sessionPresent: fc.boolean(), properties: properties5<ConnackProperties>('CONNACK') })
  .map(({ reasonCode, sessionPresent, properties }) => withProperties<ConnackPacket5>(
    // MQTT-3.2.2-6: a refusal says session present 0.
    { type: 'CONNACK', sessionPresent: reasonCode === 0 && sessionPresent, reasonCode: reasonCode as ConnackReasonCode }, properties));

export const publish5: fc.Arbitrary<PublishPacket> = fc
  .tuple(publish, properties5<PublishProperties>('PUBLISH'), fc.boolean())
  .map(([p, properties, aliasOnly]) => {
    const out = withProperties(p, properties);
    // 3.3.2.1: with a Topic Alias the topic may be left empty.
    if (aliasOnly && properties?.topicAlias !== undefined) out.topic = '';
    return out;
  });

/** A 5.0 ack: a reason code only when there are properties to follow it or the code says something. */
const ack5 = (type: PublishAckType) => fc
  .record({ packetId, code: fc.option(codesOf(type), { nil: undefined }), properties: properties5<AckProperties>(type) })
  .map(({ packetId, code, properties }): Packet => {
    const p: AckPacket = { type, packetId };
    if (code !== undefined || properties !== undefined) p.reasonCode = (code ?? 0) as AckPacket['reasonCode'];
    return withProperties(p, properties) as Packet;
  });

const subscription5: fc.Arbitrary<Subscription> = fc
  .record({ topicFilter, qos, noLocal: fc.boolean(), retainAsPublished: fc.boolean(), retainHandling: fc.constantFrom<0 | 1 | 2>(0, 1, 2) })
  .map((s) => (s.topicFilter.startsWith('$share/') ? { ...s, noLocal: false } : s)); // MQTT-3.8.3-4

/** Bare (Remaining Length 0) or a Reason Code with properties, as DISCONNECT and AUTH allow. */
const reasonPacket5 = <T extends 'DISCONNECT' | 'AUTH'>(type: T, properties: fc.Arbitrary<Properties | undefined>) => fc
  .record({ code: fc.option(codesOf(type), { nil: undefined }), properties })
  .map(({ code, properties }): Packet => {
    if (code === undefined && properties === undefined) return { type } as Packet;
    return withProperties({ type, reasonCode: code ?? 0 }, properties) as Packet;
  });

/** Every MQTT 5.0 packet, with every property its packet allows and every reason code it may carry. */
export const packet5: fc.Arbitrary<Packet> = fc.oneof(
  connect5,
  connack5,
  publish5,
  ...(['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'] as const).map(ack5),
  fc.record({ packetId, subscriptions: fc.array(subscription5, { minLength: 1, maxLength: 4 }), properties: properties5<SubscribeProperties>('SUBSCRIBE') })
    .map(({ properties, ...p }): Packet => withProperties({ type: 'SUBSCRIBE', ...p }, properties)),
  fc.record({ packetId, reasonCodes: fc.array(codesOf('SUBACK'), { minLength: 1, maxLength: 4 }), properties: properties5<AckProperties>('SUBACK') })
    .map(({ properties, ...p }): Packet => withProperties({ type: 'SUBACK', ...p } as SubackPacket5, properties)),
  fc.record({ packetId, topicFilters: fc.array(topicFilter, { minLength: 1, maxLength: 4 }), properties: properties5<UnsubscribeProperties>('UNSUBSCRIBE') })
    .map(({ properties, ...p }): Packet => withProperties({ type: 'UNSUBSCRIBE', ...p }, properties)),
  fc.record({ packetId, reasonCodes: fc.array(codesOf('UNSUBACK'), { minLength: 1, maxLength: 4 }), properties: properties5<AckProperties>('UNSUBACK') })
    .map(({ properties, ...p }): Packet => withProperties({ type: 'UNSUBACK', ...p } as UnsubackPacket, properties)),
  fc.constantFrom<Packet>({ type: 'PINGREQ' }, { type: 'PINGRESP' }),
  reasonPacket5('DISCONNECT', properties5<DisconnectProperties>('DISCONNECT')),
  // 3.15.2.2.2: an AUTH that is not bare names its Authentication Method.
  reasonPacket5('AUTH', fc.tuple(properties5<AuthProperties>('AUTH'), mqttString())
    .map(([p, method]) => ({ ...p, authenticationMethod: p?.authenticationMethod ?? method }))),
);
