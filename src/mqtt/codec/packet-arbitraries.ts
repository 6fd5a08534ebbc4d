/**
 * fast-check arbitraries for every valid MQTT 3.1.1 packet (test code only: imported by
 * *.test.ts and the bench, never by the app). Valid means what our strict decoder accepts.
 */
import fc from 'fast-check';
import { asPacketId, type ConnectPacket, type Packet, type PublishPacket, type QoS, type Will } from '../types';

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
