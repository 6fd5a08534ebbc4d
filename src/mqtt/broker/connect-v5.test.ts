/**
 * MQTT 5.0 CONNECT / CONNACK on the broker, packet by packet (raw harness, real codec): the
 * version each connection speaks, Clean Start and Session Expiry, Reason Codes, the CONNACK's
 * announcements, takeover, Server Keep Alive, and errors answered before closing.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type ConnackPacket5 } from '../types';
import { encode } from '../codec';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;
const text = (s: string) => new TextEncoder().encode(s);

function connack(b: RawBroker, connId: string): ConnackPacket5 {
  const packet = b.sentTo(connId).find((p) => p.type === 'CONNACK');
  if (packet === undefined || !('reasonCode' in packet)) throw new Error(`no 5.0 CONNACK on ${connId}`);
  return packet;
}

describe('broker: MQTT 5.0 CONNECT and CONNACK', () => {
  it('MQTT-3.1.4-5 / MQTT-3.2.0-1: a level-5 CONNECT makes a 5.0 connection: CONNACK 0x00 in 5.0 bytes, first', () => {
    const b = RawBroker.v5();
    const out = b.connect5('c1', 'a');
    const first = out.find((o) => o.type === 'send');
    expect(first?.type === 'send' && first.packet.type).toBe('CONNACK');
    expect(connack(b, 'c1')).toMatchObject({ sessionPresent: false, reasonCode: 0 });
    // 5.0 bytes: a properties section follows the reason code.
    expect(first?.type === 'send' && first.bytes[3]).toBe(0x00);
    expect(first?.type === 'send' && first.bytes[1]).toBeGreaterThan(2);
    // and a 3.1.1 client of the same broker still gets its 4-byte CONNACK
    b.connect('c2', 'old');
    expect(b.sentTo('c2')).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode: 0 }]);
  });

  it('MQTT-3.2.2-21 / MQTT-3.1.2-22 / MQTT-3.1.3-7 / MQTT-3.2.2-16: CONNACK announces the limits, an assigned id and the Server Keep Alive', () => {
    const b = RawBroker.v5({ receiveMaximum: 5, topicAliasMaximum: 3, maximumPacketSize: 1000, serverKeepAliveSec: 7 });
    b.connect5('c1', '', { keepAliveSec: 60 });
    b.connect5('c2', '', { keepAliveSec: 60 });
    const props = connack(b, 'c1').properties;
    expect(props).toMatchObject({
      receiveMaximum: 5, topicAliasMaximum: 3, maximumPacketSize: 1000, retainAvailable: true,
      wildcardSubscriptionAvailable: true, subscriptionIdentifierAvailable: true, sharedSubscriptionAvailable: true,
      serverKeepAlive: 7,
    });
    const a1 = props?.assignedClientIdentifier;
    const a2 = connack(b, 'c2').properties?.assignedClientIdentifier;
    expect(a1).toBeTruthy();
    expect(a2).not.toBe(a1); // MQTT-3.2.2-16: new each time
    // The Server Keep Alive applies: 1.5 x 7 s of silence closes the connection.
    expect(b.state.connections.get('c1')?.keepAliveSec).toBe(7);
    b.advanceTo(10_500);
    expect(b.closed('c1')?.reason).toBe('keepAlive');
  });

  it('MQTT-3.1.3-6: an empty client id with Clean Start 0 is assigned one in 5.0 (3.1.1 refuses it)', () => {
    const b = RawBroker.v5();
    b.connect5('c1', '', { cleanSession: false });
    expect(connack(b, 'c1')).toMatchObject({ reasonCode: 0 });
    expect(connack(b, 'c1').properties?.assignedClientIdentifier).toMatch(/^auto-/);
  });

  it('MQTT-3.1.2-2: a protocol level other than 4 and 5 gets CONNACK 0x84 and the connection is closed', () => {
    const b = RawBroker.v5();
    const out = b.connect('c1', 'a', { protocolLevel: 6 });
    expect(b.sentTo('c1', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x84 }]);
    expect(b.closed('c1', out)?.reason).toBe('refused');
  });

  it('MQTT-3.1.3-8 / MQTT-3.2.2-6 / MQTT-3.1.4-6: a refused client id gets CONNACK 0x85, Session Present 0; nothing after is processed', () => {
    const b = RawBroker.v5({ refusedClientIds: ['bad'] });
    b.open('c1');
    const out = b.send('c1',
      { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'bad', cleanSession: false, keepAliveSec: 0 },
      { type: 'PINGREQ' });
    expect(b.sentTo('c1', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, reasonCode: 0x85 }]);
    expect(b.closed('c1', out)?.reason).toBe('refused');
    expect(b.state.sessions.size).toBe(0);
  });

  it('MQTT-3.1.2-4 / MQTT-3.2.2-2: Clean Start 1 discards a stored session; Session Present 0', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a', { cleanSession: false, properties: { sessionExpiryInterval: 60 } });
    b.send('c1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 1 }] });
    b.step({ type: 'connectionLost', connId: 'c1' });
    b.connect5('c2', 'a', { cleanSession: true });
    expect(connack(b, 'c2').sessionPresent).toBe(false);
    expect(b.state.sessions.get('a')?.subscriptions).toEqual([]);
  });

  it('MQTT-3.1.2-5 / MQTT-3.2.2-3 / MQTT-3.1.2-23: Clean Start 0 resumes a session kept by its Session Expiry Interval', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a', { cleanSession: false, properties: { sessionExpiryInterval: 60 } });
    b.send('c1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 1 }] });
    b.step({ type: 'connectionLost', connId: 'c1' });
    expect(b.rules('broker.session.expiryScheduled')).toHaveLength(1);
    // Offline, the session keeps collecting QoS 1 messages.
    b.connect('p', 'pub');
    b.send('p', { type: 'PUBLISH', topic: 't', payload: text('x'), qos: 1, dup: false, retain: false, packetId: id(9) });
    b.advanceTo(59_000);
    b.connect5('c2', 'a', { cleanSession: false });
    expect(connack(b, 'c2').sessionPresent).toBe(true);
    expect(b.sentTo('c2').map((p) => p.type)).toEqual(['CONNACK', 'PUBLISH']);
  });

  it('MQTT-3.1.2-23 / MQTT-4.1.0-2 / MQTT-3.1.2-6: an expired session is discarded; a later CONNECT finds none', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a', { cleanSession: false, properties: { sessionExpiryInterval: 60 } });
    b.step({ type: 'connectionLost', connId: 'c1' });
    expect(b.wakeAtMs).toBe(60_000);
    b.advanceTo(59_999);
    expect(b.state.sessions.has('a')).toBe(true);
    b.advanceTo(60_000);
    expect(b.state.sessions.has('a')).toBe(false);
    expect(b.rules('broker.session.expired')).toHaveLength(1);
    b.connect5('c2', 'a', { cleanSession: false });
    expect(connack(b, 'c2').sessionPresent).toBe(false);
  });

  it('MQTT-3.1.2-23: Session Expiry Interval 0 (or absent) ends the session with the connection, even with Clean Start 0', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a', { cleanSession: false });
    b.step({ type: 'connectionLost', connId: 'c1' });
    expect(b.state.sessions.has('a')).toBe(false);
  });

  it('MQTT-4.1.0-1: a session with an expiry is never discarded while its connection is open', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a', { cleanSession: false, properties: { sessionExpiryInterval: 1 } });
    b.advanceTo(3_600_000);
    expect(b.state.sessions.get('a')?.connId).toBe('c1');
  });

  it('MQTT-3.1.4-3: a takeover sends the old 5.0 connection DISCONNECT 0x8E before closing it', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a');
    const out = b.connect5('c2', 'a');
    expect(b.sentTo('c1', out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x8e }]);
    expect(b.closed('c1', out)?.reason).toBe('takeover');
    expect(connack(b, 'c2').reasonCode).toBe(0);
  });

  it('MQTT-3.1.0-2 / MQTT-3.2.0-2 / MQTT-4.13.1-1 / MQTT-3.14.0-1 / MQTT-3.14.4-1 / MQTT-3.14.4-2 / MQTT-3.14.2-2: a second CONNECT gets DISCONNECT 0x82 (no second CONNACK, no Session Expiry), then close', () => {
    const b = RawBroker.v5();
    b.connect5('c1', 'a');
    const out = b.send('c1', { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'a', cleanSession: true, keepAliveSec: 0 });
    expect(b.sentTo('c1', out)).toMatchObject([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
    expect(b.sentTo('c1', out)[0]).not.toHaveProperty('properties.sessionExpiryInterval');
    // The DISCONNECT is the last output on c1 before its close, and nothing follows.
    expect(out.filter((o) => 'connId' in o && o.connId === 'c1' && o.type !== 'ruleApplied').map((o) => o.type)).toEqual(['send', 'close']);
    expect(b.sentTo('c1', b.send('c1', { type: 'PINGREQ' }))).toEqual([]);
  });

  it('MQTT-4.13.1-1 / MQTT-3.1.4-1: a malformed 5.0 CONNECT is answered with CONNACK and its Reason Code, then close', () => {
    const b = RawBroker.v5();
    b.open('c1');
    const bytes = encode({ type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'a', cleanSession: true, keepAliveSec: 0 });
    const broken = Uint8Array.from(bytes);
    broken[broken.length - 4] = 0x07; // property length 0 -> 7: the properties overrun the packet
    const out = b.step({ type: 'bytesReceived', connId: 'c1', bytes: broken });
    const sent = b.sentTo('c1', out);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'CONNACK', sessionPresent: false });
    expect((sent[0] as ConnackPacket5).reasonCode).toBeGreaterThanOrEqual(0x80);
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
  });

  it('MQTT-3.1.2-29: Request Problem Information 0: acks carry no Reason String or User Properties; DISCONNECT may', () => {
    const b = RawBroker.v5({ refusedFilters: ['x'] });
    b.connect5('c1', 'a', { properties: { requestProblemInformation: false } });
    b.send('c1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'x', qos: 1, noLocal: false, retainAsPublished: false, retainHandling: 0 }] });
    b.send('c1', { type: 'PUBLISH', topic: 'none', payload: text('m'), qos: 1, dup: false, retain: false, packetId: id(2) });
    const out = b.send('c1', { type: 'PUBREL', packetId: id(3) }, { type: 'CONNACK', sessionPresent: false, reasonCode: 0 });
    const acks = b.sentTo('c1').filter((p) => p.type !== 'CONNACK' && p.type !== 'DISCONNECT');
    expect(acks.map((p) => p.type)).toEqual(['SUBACK', 'PUBACK', 'PUBCOMP']);
    expect(acks.every((p) => !('properties' in p))).toBe(true);
    expect(b.sentTo('c1', out).at(-1)).toMatchObject({ type: 'DISCONNECT', reasonCode: 0x82 });
  });

  it('MQTT-3.1.2-2: a 3.1.1-only broker still answers level 5 with return code 1', () => {
    const b = new RawBroker();
    b.connect5('c1', 'a');
    expect(b.sentTo('c1')).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode: 1 }]);
  });
});
