/**
 * MQTT 5.0: the Reason String and User Properties the broker adds to what it sends (options
 * `reasonStrings` and `userProperties`), and the rule every packet that carries them shares: the
 * sender leaves them out rather than exceed the receiver's Maximum Packet Size (3.2.2.3.7 and the
 * same sentence in 3.4.2.2.2 ... 3.15.2.2.5), and leaves them out of everything but CONNACK and
 * DISCONNECT when the client asked for no problem information (MQTT-3.1.2-29).
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type Packet, type UserProperty } from '../types';
import { encode } from '../codec';
import type { BrokerOptions } from './index';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);
const USER: UserProperty[] = [['server', 'qos-lab broker, diagnostics on']];
const OPTIONS: BrokerOptions = {
  reasonStrings: true, userProperties: USER, refusedClientIds: ['bad'], refusedTopics: ['deny'], refusedFilters: ['deny'],
  authenticators: { challenge: () => ({ result: 'continue', data: text('nonce'), reasonString: 'prove it, please' }) },
};
type DiagnosedType = 'CONNACK' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP' | 'SUBACK' | 'UNSUBACK' | 'DISCONNECT' | 'AUTH';
/** One of those packets, as the tests look at it (any version's shape: the properties are what matters). */
type Diagnosed = { type: DiagnosedType; properties?: { reasonString?: string; userProperties?: UserProperty[] } };
const asPacket = (p: Diagnosed) => p as unknown as Packet;

interface Case {
  ids: string;
  type: DiagnosedType;
  /** Drives a broker to send the packet to connection 'c', whose CONNECT sets `maximumPacketSize`. */
  run: (b: RawBroker, maximumPacketSize?: number) => void;
  /** Whether the broker has a Reason String to say in this case. */
  reason: boolean;
}

const connect = (b: RawBroker, max?: number, clientId = 'c', extra: Record<string, unknown> = {}) =>
  b.connect5('c', clientId, { properties: { ...(max === undefined ? {} : { maximumPacketSize: max }), ...extra } });

const CASES: Case[] = [
  { ids: 'MQTT-3.2.2-19', type: 'CONNACK', reason: true, run: (b, max) => connect(b, max, 'bad') },
  { ids: 'MQTT-3.2.2-20', type: 'CONNACK', reason: false, run: (b, max) => connect(b, max) },
  { ids: 'MQTT-3.4.2-2 / MQTT-3.4.2-3', type: 'PUBACK', reason: true, run: (b, max) => {
    connect(b, max);
    b.send('c', { type: 'PUBLISH', topic: 'deny', payload: text('m'), qos: 1, dup: false, retain: false, packetId: id(1) });
  } },
  { ids: 'MQTT-3.5.2-2 / MQTT-3.5.2-3', type: 'PUBREC', reason: true, run: (b, max) => {
    connect(b, max);
    b.send('c', { type: 'PUBLISH', topic: 'deny', payload: text('m'), qos: 2, dup: false, retain: false, packetId: id(1) });
  } },
  { ids: 'MQTT-3.6.2-2 / MQTT-3.6.2-3', type: 'PUBREL', reason: true, run: (b, max) => {
    connect(b, max);
    b.send('c', { type: 'PUBREC', packetId: id(9) }); // an id the broker does not hold: PUBREL 0x92
  } },
  { ids: 'MQTT-3.7.2-2 / MQTT-3.7.2-3', type: 'PUBCOMP', reason: true, run: (b, max) => {
    connect(b, max);
    b.send('c', { type: 'PUBREL', packetId: id(9) }); // an id the broker does not hold: PUBCOMP 0x92
  } },
  { ids: 'MQTT-3.9.2-1 / MQTT-3.9.2-2', type: 'SUBACK', reason: true, run: (b, max) => {
    connect(b, max);
    b.send('c', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'deny', qos: 1 }] });
  } },
  { ids: 'MQTT-3.11.2-1 / MQTT-3.11.2-2', type: 'UNSUBACK', reason: true, run: (b, max) => {
    connect(b, max);
    b.send('c', { type: 'UNSUBSCRIBE', packetId: id(1), topicFilters: ['never/subscribed'] });
  } },
  { ids: 'MQTT-3.14.2-3 / MQTT-3.14.2-4', type: 'DISCONNECT', reason: true, run: (b, max) => {
    connect(b, max);
    b.send('c', { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'c', cleanSession: true, keepAliveSec: 0 });
  } },
  { ids: 'MQTT-3.15.2-2 / MQTT-3.15.2-3', type: 'AUTH', reason: true, run: (b, max) => connect(b, max, 'c', { authenticationMethod: 'challenge' }) },
];

function sentOf(b: RawBroker, type: DiagnosedType): { packet: Diagnosed; bytes: Uint8Array } | undefined {
  for (const o of b.outputs) if (o.type === 'send' && o.connId === 'c' && o.packet.type === type) return { packet: o.packet as unknown as Diagnosed, bytes: o.bytes };
  return undefined;
}

/** The packet without the diagnostics the broker may leave out; `keep` keeps one of them. */
function without(packet: Diagnosed, keep?: 'reasonString' | 'userProperties'): Diagnosed {
  const { reasonString, userProperties, ...rest } = (packet.properties ?? {}) as { reasonString?: string; userProperties?: UserProperty[] };
  const kept = keep === 'reasonString' ? { reasonString } : keep === 'userProperties' ? { userProperties } : {};
  const properties = { ...rest, ...kept };
  if (Object.keys(properties).length > 0) return { ...packet, properties };
  const { properties: _none, ...bare } = packet;
  return bare;
}

describe('broker 5.0: Reason Strings and User Properties within the client\'s Maximum Packet Size', () => {
  for (const c of CASES) {
    it(`${c.ids}: ${c.type}: no ${c.reason ? 'Reason String or ' : ''}User Property beyond the client's Maximum Packet Size`, () => {
      // Without a limit the broker says all it has to say ...
      const free = RawBroker.v5(OPTIONS);
      c.run(free);
      const full = sentOf(free, c.type);
      expect(full?.packet.properties).toMatchObject({ userProperties: USER });
      if (c.reason) expect(full?.packet.properties).toHaveProperty('reasonString', expect.any(String));
      const fullSize = full?.bytes.length ?? 0;
      // ... with room for the packet and its User Properties only, the Reason String is left out ...
      const userOnly = encode(asPacket(without(full?.packet as Diagnosed, 'userProperties')), { version: 5 }).length;
      if (c.reason) {
        expect(userOnly).toBeLessThan(fullSize);
        const b = RawBroker.v5(OPTIONS);
        c.run(b, userOnly);
        const got = sentOf(b, c.type);
        expect(got?.packet.properties?.reasonString).toBeUndefined();
        expect(got?.packet.properties).toMatchObject({ userProperties: USER });
        expect(got?.bytes.length).toBeLessThanOrEqual(userOnly);
      }
      // ... and with room for the bare packet only, both are: the packet still goes, with its Reason Code.
      const bare = encode(asPacket(without(full?.packet as Diagnosed)), { version: 5 }).length;
      const b = RawBroker.v5(OPTIONS);
      c.run(b, bare);
      const got = sentOf(b, c.type);
      expect(got?.packet).toMatchObject(without(full?.packet as Diagnosed));
      expect(got?.packet.properties?.reasonString).toBeUndefined();
      expect(got?.packet.properties?.userProperties).toBeUndefined();
      expect(got?.bytes.length).toBeLessThanOrEqual(bare);
    });
  }

  it('MQTT-3.2.2-19 / MQTT-3.2.2-20: a Reason String that does not fit but User Properties that do: only the Reason String goes', () => {
    // The other order too: a long Reason String, short User Properties; the room for the packet and its Reason String only.
    const b0 = RawBroker.v5({ ...OPTIONS, userProperties: [['a', 'b'.repeat(60)]] });
    connect(b0, undefined, 'bad');
    const full = sentOf(b0, 'CONNACK')?.packet as Diagnosed;
    const reasonOnly = encode(asPacket(without(full, 'reasonString')), { version: 5 }).length;
    const b = RawBroker.v5({ ...OPTIONS, userProperties: [['a', 'b'.repeat(60)]] });
    connect(b, reasonOnly, 'bad');
    expect(sentOf(b, 'CONNACK')?.packet.properties).toEqual({ reasonString: 'client id "bad" refused' });
  });

  it('MQTT-3.1.2-29: Request Problem Information 0: the options add nothing to acks, SUBACK, UNSUBACK; CONNACK and DISCONNECT may carry them', () => {
    const b = RawBroker.v5(OPTIONS);
    b.connect5('c', 'c', { properties: { requestProblemInformation: false } });
    b.send('c', { type: 'PUBLISH', topic: 'deny', payload: text('m'), qos: 1, dup: false, retain: false, packetId: id(1) });
    b.send('c', { type: 'SUBSCRIBE', packetId: id(2), subscriptions: [{ topicFilter: 'deny', qos: 1 }] });
    b.send('c', { type: 'UNSUBSCRIBE', packetId: id(3), topicFilters: ['x'] });
    b.send('c', { type: 'PUBREL', packetId: id(4) });
    const acks = b.sentTo('c').filter((p) => p.type !== 'CONNACK');
    expect(acks.map((p) => p.type)).toEqual(['PUBACK', 'SUBACK', 'UNSUBACK', 'PUBCOMP']);
    for (const p of acks) expect(p).not.toHaveProperty('properties');
    expect(acks.map((p) => 'reasonCode' in p ? p.reasonCode : (p as { reasonCodes: number[] }).reasonCodes)).toEqual([0x87, [0x87], [0x11], 0x92]);
    expect(b.sentTo('c')[0]).toMatchObject({ type: 'CONNACK', properties: { userProperties: USER } });
  });

  it('the options change nothing by default: acks carry no Reason String and no User Property', () => {
    const b = RawBroker.v5({ refusedTopics: ['deny'] });
    b.connect5('c', 'c');
    b.send('c', { type: 'PUBLISH', topic: 'deny', payload: text('m'), qos: 1, dup: false, retain: false, packetId: id(1) });
    expect(b.sentTo('c')[1]).toEqual({ type: 'PUBACK', packetId: id(1), reasonCode: 0x87 });
    expect(b.sentTo('c')[0]).not.toHaveProperty('properties.userProperties');
  });
});
