/**
 * MQTT 5.0 client duties against a scripted broker: enhanced authentication (options
 * `authenticationMethod`, `authenticationData`, `authenticate`; input `appReauthenticate`),
 * outbound Topic Aliases (option `outboundTopicAliases`), packet identifiers, acknowledging and
 * ordering. Each test is named after the statements it proves.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type AuthPacket, type Packet, type PublishPacket } from '../types';
import { closeOf, harness5, rule, sent, text } from './harness.test-support';
import { EnginePair } from '../engine-pair.test-support';

const id = asPacketId;
const str = (b?: Uint8Array) => (b === undefined ? undefined : new TextDecoder().decode(b));
const auth = (reasonCode: 0x00 | 0x18 | 0x19, method: string, data?: string): AuthPacket => ({
  type: 'AUTH', reasonCode, properties: { authenticationMethod: method, ...(data === undefined ? {} : { authenticationData: text(data) }) },
});
const inbound = (qos: 0 | 1 | 2, packetId?: number, payload = 'm'): PublishPacket => ({
  type: 'PUBLISH', topic: 't', payload: text(payload), qos, dup: false, retain: false, ...(packetId === undefined ? {} : { packetId: id(packetId) }),
});
const challenges: { data?: string; reauthenticate: boolean }[] = [];
const authOptions = {
  authenticationMethod: 'CR-1', authenticationData: text('alice'),
  authenticate: (c: { data?: Uint8Array; reauthenticate: boolean }) => {
    challenges.push({ data: str(c.data), reauthenticate: c.reauthenticate });
    return { data: text(`alice:${str(c.data) ?? ''}`) };
  },
};
const welcome: Packet = { type: 'CONNACK', sessionPresent: false, reasonCode: 0, properties: { authenticationMethod: 'CR-1' } };

describe('client 5.0: enhanced authentication', () => {
  it('MQTT-4.12.0-3 / MQTT-4.12.0-5: the CONNECT names the method; each AUTH 0x18 is answered with AUTH 0x18 and the same method', () => {
    challenges.length = 0;
    const h = harness5(authOptions);
    const open = h.step({ type: 'connectionOpened' });
    expect(sent(open)[0]).toMatchObject({ type: 'CONNECT', properties: { authenticationMethod: 'CR-1', authenticationData: text('alice') } });
    const answer = h.receive(auth(0x18, 'CR-1', 'nonce-1'));
    expect(challenges).toEqual([{ data: 'nonce-1', reauthenticate: false }]);
    expect(sent(answer)).toEqual([auth(0x18, 'CR-1', 'alice:nonce-1')]);
    expect(h.receive(welcome).find((o) => o.type === 'connected')).toMatchObject({ reasonCode: 0 });
    expect(h.state.status).toBe('connected');
  });

  it('MQTT-3.1.2-30: with an Authentication Method, nothing but AUTH (or DISCONNECT) goes out before CONNACK', () => {
    const h = harness5(authOptions);
    const out = [...h.step({ type: 'connectionOpened' })];
    out.push(...h.publish('zero', 0), ...h.publish('one', 1));
    out.push(...h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'x', qos: 1 }] }));
    out.push(...h.receive(auth(0x18, 'CR-1', 'n')));
    out.push(...h.step({ type: 'timeAdvanced' }));
    expect(sent(out).map((p) => p.type)).toEqual(['CONNECT', 'AUTH']);
    // After CONNACK the queued requests go.
    expect(sent(h.receive(welcome)).map((p) => p.type)).toEqual(['SUBSCRIBE', 'PUBLISH']);
  });

  it('MQTT-4.12.0-5: a CONNACK or AUTH naming another method (or none) is a Protocol Error: DISCONNECT 0x82', () => {
    for (const bad of [{ type: 'CONNACK', sessionPresent: false, reasonCode: 0 } as Packet, auth(0x18, 'CR-2', 'n')]) {
      const h = harness5(authOptions);
      h.step({ type: 'connectionOpened' });
      const out = h.receive(bad);
      expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
      expect(closeOf(out)).toMatchObject({ reason: 'protocolError', error: { rule: 'MQTT-4.12.0-5' } });
    }
  });

  it('MQTT-4.12.0-6: a client that named no method takes no AUTH and no method in CONNACK: Protocol Error', () => {
    for (const bad of [auth(0x18, 'CR-1', 'n'), { type: 'CONNACK', sessionPresent: false, reasonCode: 0, properties: { authenticationMethod: 'CR-1' } } as Packet]) {
      const h = harness5();
      if (bad.type === 'AUTH') h.connect();
      else h.step({ type: 'connectionOpened' });
      const out = h.receive(bad);
      expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
      expect(closeOf(out)).toMatchObject({ error: { rule: 'MQTT-4.12.0-6' } });
    }
  });

  it('MQTT-4.12.0-7: without an Authentication Method in CONNECT the client sends no AUTH (re-authentication is refused to the application)', () => {
    const h = harness5();
    h.connect();
    const out = h.step({ type: 'appReauthenticate', data: text('x') });
    expect(sent(out)).toEqual([]);
    expect(rule(out, 'client.request.rejected')[0]).toMatchObject({ rule: 'MQTT-4.12.0-7' });
  });

  it('MQTT-4.12.1-1: re-authentication is AUTH 0x19 with the CONNECT\'s method; challenges are answered; AUTH 0x00 ends it; the rest goes on', () => {
    challenges.length = 0;
    const h = harness5(authOptions);
    h.step({ type: 'connectionOpened' });
    h.receive(auth(0x18, 'CR-1', 'n1'), welcome);
    expect(sent(h.step({ type: 'appReauthenticate', data: text('alice') }))).toEqual([auth(0x19, 'CR-1', 'alice')]);
    expect(sent(h.receive(auth(0x18, 'CR-1', 'n2')))).toEqual([auth(0x18, 'CR-1', 'alice:n2')]);
    expect(challenges.at(-1)).toEqual({ data: 'n2', reauthenticate: true });
    expect(sent(h.publish('during', 1))).toMatchObject([{ type: 'PUBLISH', qos: 1 }]);
    expect(sent(h.receive(auth(0x00, 'CR-1')))).toEqual([]);
    expect(h.state.status).toBe('connected');
    expect(h.state.reauthenticating).toBeUndefined();
  });

  it('MQTT-4.12.1-2: a failed re-authentication ends the connection: the server\'s DISCONNECT closes it; a challenge the client cannot answer, DISCONNECT 0x87', () => {
    const h = harness5(authOptions);
    h.step({ type: 'connectionOpened' });
    h.receive(auth(0x18, 'CR-1', 'n1'), welcome);
    h.step({ type: 'appReauthenticate' });
    const out = h.receive({ type: 'DISCONNECT', reasonCode: 0x87 });
    expect(closeOf(out)).toMatchObject({ reason: 'serverDisconnect', reasonCode: 0x87 });
    const h2 = harness5({ ...authOptions, authenticate: () => undefined });
    h2.step({ type: 'connectionOpened' });
    const out2 = h2.receive(auth(0x18, 'CR-1', 'n1'));
    expect(sent(out2)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x87 }]);
    expect(closeOf(out2)).toMatchObject({ reasonCode: 0x87 });
  });
});

describe('client 5.0: outbound Topic Aliases (option, default off)', () => {
  const topics = (out: ReturnType<typeof sent>) => out.map((p) => p.type === 'PUBLISH' ? [p.topic, p.properties?.topicAlias] : []);
  const publishTo = (h: ReturnType<typeof harness5>, topic: string) => sent(h.step({ type: 'appPublished', message: { topic, payload: text('m'), qos: 0, retain: false } }));

  it('MQTT-3.2.2-17 / MQTT-3.3.2-9: aliases up to the server\'s Topic Alias Maximum, then none; a known topic goes as an empty one with its alias', () => {
    const h = harness5({ outboundTopicAliases: true });
    h.connect(false, { topicAliasMaximum: 2 });
    const out = ['a', 'b', 'c', 'a', 'b', 'c'].flatMap((t) => publishTo(h, t));
    expect(topics(out)).toEqual([['a', 1], ['b', 2], ['c', undefined], ['', 1], ['', 2], ['c', undefined]]);
  });

  it('MQTT-3.2.2-18: a server without a Topic Alias Maximum (or 0) gets no alias; the option off, none at all', () => {
    for (const [options, max] of [[{ outboundTopicAliases: true }, undefined], [{ outboundTopicAliases: true }, 0], [{}, 5]] as const) {
      const h = harness5(options);
      h.connect(false, max === undefined ? undefined : { topicAliasMaximum: max });
      expect(topics(['a', 'a'].flatMap((t) => publishTo(h, t)))).toEqual([['a', undefined], ['a', undefined]]);
    }
  });

  it('MQTT-3.3.2-7: outbound aliases do not outlive the connection: re-sent and new PUBLISHes set them again', () => {
    const h = harness5({ outboundTopicAliases: true, sessionExpiryInterval: 60 });
    h.connect(false, { topicAliasMaximum: 5 });
    h.step({ type: 'appPublished', message: { topic: 'a', payload: text('1'), qos: 1, retain: false } });
    h.step({ type: 'appPublished', message: { topic: 'a', payload: text('2'), qos: 1, retain: false } });
    h.step({ type: 'connectionLost' });
    const back = h.connect(true, { topicAliasMaximum: 5 });
    expect(topics(sent(back))).toEqual([['a', 1], ['', 1]]);
  });
});

describe('client 5.0: packet identifiers, acknowledging, ordering', () => {
  it('MQTT-2.2.1-3: SUBSCRIBE, UNSUBSCRIBE and QoS 1/2 PUBLISH each get a non-zero id not in use, wrapping past the ones in use', () => {
    const h = harness5();
    h.connect();
    h.publish('a', 1);
    h.publish('b', 2);
    h.state.flow.nextPacketId = id(65535);
    const out = [...h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'x', qos: 1 }] }),
      ...h.step({ type: 'appUnsubscribed', topicFilters: ['y'] }), ...h.publish('c', 1)];
    const ids = (ps: Packet[]) => ps.map((p) => ('packetId' in p ? p.packetId : undefined));
    expect(ids(sent(out))).toEqual([65535, 3, 4]);
    expect(sent(out).map((p) => p.type)).toEqual(['SUBSCRIBE', 'UNSUBSCRIBE', 'PUBLISH']);
  });

  it('MQTT-4.5.0-2: the client acknowledges every PUBLISH as its QoS says, a duplicate and one for a topic it never subscribed to included', () => {
    const h = harness5();
    h.connect();
    const out = h.receive(inbound(0), inbound(1, 1), inbound(2, 2), { ...inbound(1, 1), dup: true }, { ...inbound(2, 2), dup: true },
      { ...inbound(1, 3), topic: 'never/subscribed' });
    expect(sent(out)).toEqual([
      { type: 'PUBACK', packetId: id(1) }, { type: 'PUBREC', packetId: id(2) }, { type: 'PUBACK', packetId: id(1) },
      { type: 'PUBREC', packetId: id(2) }, { type: 'PUBACK', packetId: id(3) },
    ]);
  });

  it('MQTT-4.6.0-2 / MQTT-4.6.0-3: PUBACKs and PUBRECs go out in the order their PUBLISHes came', () => {
    const h = harness5();
    h.connect();
    const out = h.receive(inbound(1, 9), inbound(2, 3), inbound(1, 4), inbound(2, 8), inbound(2, 1), inbound(1, 2));
    expect(sent(out).map((p) => [p.type, 'packetId' in p && p.packetId])).toEqual([
      ['PUBACK', 9], ['PUBREC', 3], ['PUBACK', 4], ['PUBREC', 8], ['PUBREC', 1], ['PUBACK', 2],
    ]);
  });

  it('MQTT-4.6.0-4: PUBRELs go out in the order their PUBRECs came', () => {
    const h = harness5();
    h.connect();
    ['a', 'b', 'c'].forEach((p) => h.publish(p, 2));
    const out = h.receive({ type: 'PUBREC', packetId: id(3) }, { type: 'PUBREC', packetId: id(1) }, { type: 'PUBREC', packetId: id(2) });
    expect(sent(out)).toEqual([3, 1, 2].map((n) => ({ type: 'PUBREL', packetId: id(n) })));
  });

  it('MQTT-4.6.0-1 (client): on reconnect PUBLISHes are re-sent in the order first sent, PUBRELs in theirs', () => {
    const h = harness5({ sessionExpiryInterval: 60 });
    h.connect();
    ['a', 'b', 'c', 'd'].forEach((p, i) => h.publish(p, (i % 2 === 0 ? 1 : 2) as 1 | 2));
    h.receive({ type: 'PUBREC', packetId: id(2) });
    h.step({ type: 'connectionLost' });
    const back = sent(h.connect(true));
    expect(back.map((p) => [p.type, 'packetId' in p && p.packetId])).toEqual([['PUBLISH', 1], ['PUBREL', 2], ['PUBLISH', 3], ['PUBLISH', 4]]);
    expect(back.filter((p) => p.type === 'PUBLISH').every((p) => p.type === 'PUBLISH' && p.dup)).toBe(true);
  });
});

describe('client and broker 5.0 together: enhanced authentication end to end (EnginePair)', () => {
  it('MQTT-4.12.0-2 / MQTT-4.12.0-3 / MQTT-4.12.1-1: CONNECT, AUTH 0x18 both ways, CONNACK; later AUTH 0x19, 0x18 both ways, AUTH 0x00', () => {
    const verifier = (step: { data?: Uint8Array; state?: unknown }) => step.state === undefined
      ? { result: 'continue' as const, data: text('nonce'), state: 'asked' }
      : str(step.data) === 'alice:nonce' ? { result: 'success' as const } : { result: 'fail' as const };
    const pair = new EnginePair({
      broker: { authenticators: { 'CR-1': verifier } },
      clients: { alice: { clientId: 'alice', cleanSession: true, keepAliveSec: 0, protocolVersion: 5, ...authOptions } },
    });
    pair.connect('alice');
    pair.client('alice', { type: 'appReauthenticate', data: text('alice') });
    const flow = pair.wire.map((w) => `${w.from}>${w.to} ${w.packet.type}${'reasonCode' in w.packet ? ` ${w.packet.reasonCode ?? 0}` : ''}`);
    expect(flow).toEqual(['alice>broker CONNECT', 'broker>alice AUTH 24', 'alice>broker AUTH 24', 'broker>alice CONNACK 0',
      'alice>broker AUTH 25', 'broker>alice AUTH 24', 'alice>broker AUTH 24', 'broker>alice AUTH 0']);
    expect(pair.clients.alice?.status).toBe('connected');
  });
});
