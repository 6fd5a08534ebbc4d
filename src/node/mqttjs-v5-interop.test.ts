/**
 * Interop in MQTT 5.0: MQTT.js 5.16 clients with `protocolVersion: 5` against our broker behind
 * the TCP bridge (what `npm run -s broker` serves), one test per 5.0 feature a real client sees:
 * reason codes, properties carried through, Receive Maximum, Session Expiry, Message Expiry, Topic
 * Aliases, subscription options, Subscription Identifiers, shared subscriptions, refused publishing,
 * Maximum Packet Size, Retain As Published, Will Delay, Assigned Client Identifiers, Clean Start,
 * and the broker's own limits (Server Keep Alive, Maximum QoS, Retain Available). 127.0.0.1 and
 * ephemeral ports only; the bridge's clock is real time, so expiry tests wait about a second.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IClientOptions, IDisconnectPacket, IPublishPacket } from 'mqtt';
import type { QoS } from '../mqtt/types';
import { closeAll, mqttJs, ourBroker, sleep } from './interop.test-support';

afterEach(closeAll, 10_000);

const v5 = (options: IClientOptions = {}) => ({ protocolVersion: 5 as const, ...options });

/** Every PUBLISH an MQTT.js client receives, with its 5.0 properties. */
function packetsOf(client: Awaited<ReturnType<typeof mqttJs>>['client']): IPublishPacket[] {
  const packets: IPublishPacket[] = [];
  client.on('message', (_topic, _payload, packet) => packets.push(packet));
  return packets;
}

/** The packets one client exchanged with the broker, as `-> PUBLISH` / `<- PUBREC 0x87` (no code: 0), packet ids left out. */
function exchangeOf(trace: Awaited<ReturnType<typeof ourBroker>>['trace'], clientId: string, types: string[]): string[] {
  return trace.filter((e) => e.clientId === clientId && types.includes(e.packet.type)).map((e) => {
    const code = 'reasonCode' in e.packet && e.packet.reasonCode ? ` 0x${e.packet.reasonCode.toString(16)}` : '';
    return `${e.direction === 'in' ? '->' : '<-'} ${e.packet.type}${code}`;
  });
}

/** Resolves with what `promise` gives, or with `fallback` after `timeoutMs` (a wait that cannot hang). */
function within<T>(promise: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  return Promise.race([promise, sleep(timeoutMs).then(() => fallback)]);
}

async function until(check: () => boolean, what: string, timeoutMs = 4000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('MQTT.js 5 clients through our broker over TCP', () => {
  for (const qos of [0, 1, 2] as QoS[]) {
    it(`QoS ${qos}: each message once, with its user properties, content type and correlation data (MQTT-3.3.2-17, -18, -20)`, async () => {
      const broker = await ourBroker();
      const sub = await mqttJs(broker.port, v5({ clientId: `sub5-${qos}` }));
      const packets = packetsOf(sub.client);
      await sub.client.subscribeAsync('lab/v5', { qos });
      const pub = await mqttJs(broker.port, v5({ clientId: `pub5-${qos}` }));
      for (const n of [1, 2, 3]) {
        await pub.client.publishAsync('lab/v5', `m${n}`, { qos, properties: {
          userProperties: { order: `${n}`, lab: 'qos' }, contentType: 'text/plain', correlationData: Buffer.from([n]) } });
      }
      await sub.waitFor(3);
      await sleep(30);
      expect(sub.received.map((m) => [m.text, m.qos, m.dup])).toEqual([1, 2, 3].map((n) => [`m${n}`, qos, false]));
      expect(packets.map((p) => [p.properties?.userProperties, p.properties?.contentType, [...(p.properties?.correlationData ?? [])]]))
        .toEqual([1, 2, 3].map((n) => [{ order: `${n}`, lab: 'qos' }, 'text/plain', [n]]));
    });
  }

  it('MQTT-3.3.4-1: a QoS 1 PUBLISH nobody subscribed to is answered PUBACK 0x10 "No matching subscribers"', async () => {
    const broker = await ourBroker();
    const pub = await mqttJs(broker.port, v5({ clientId: 'alone' }));
    await pub.client.publishAsync('lab/nobody', 'hello?', { qos: 1 }); // 0x10 is a success: MQTT.js resolves
    const ack = broker.trace.find((e) => e.clientId === 'alone' && e.direction === 'out' && e.packet.type === 'PUBACK');
    expect(ack?.packet).toMatchObject({ type: 'PUBACK', reasonCode: 0x10 });
  });

  it('MQTT-3.3.4-9: with Receive Maximum 1 the broker keeps at most one QoS 1 message in flight to the client', async () => {
    const broker = await ourBroker();
    const sub = await mqttJs(broker.port, v5({ clientId: 'narrow', properties: { receiveMaximum: 1 } }));
    await sub.client.subscribeAsync('lab/window', { qos: 1 });
    const pub = await mqttJs(broker.port, v5());
    await Promise.all([1, 2, 3, 4, 5].map((n) => pub.client.publishAsync('lab/window', `w${n}`, { qos: 1 })));
    await sub.waitFor(5);
    let inFlight = 0;
    let most = 0;
    for (const e of broker.trace.filter((t) => t.clientId === 'narrow')) {
      if (e.direction === 'out' && e.packet.type === 'PUBLISH') most = Math.max(most, ++inFlight);
      if (e.direction === 'in' && e.packet.type === 'PUBACK') inFlight--;
    }
    expect(most).toBe(1);
    expect(sub.received.map((m) => m.text)).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
  });

  it('MQTT-3.1.2-23: a session with Session Expiry 300 s keeps a QoS 1 message; one of 0 s ends with its connection', async () => {
    const broker = await ourBroker();
    for (const [clientId, expiry, kept] of [['keeps', 300, true], ['forgets', 0, false]] as const) {
      const first = await mqttJs(broker.port, v5({ clientId, clean: false, properties: { sessionExpiryInterval: expiry } }));
      await first.client.subscribeAsync('lab/session', { qos: 1 });
      await first.client.endAsync();
      const pub = await mqttJs(broker.port, v5());
      await pub.client.publishAsync('lab/session', `for ${clientId}`, { qos: 1 });
      const again = await mqttJs(broker.port, v5({ clientId, clean: false, properties: { sessionExpiryInterval: expiry } }));
      await sleep(150);
      expect(again.received.map((m) => m.text)).toEqual(kept ? [`for ${clientId}`] : []);
      await again.client.endAsync();
    }
  });

  it('MQTT-3.3.2-5: a queued message whose Message Expiry passed is not sent; one without expiry is', async () => {
    const broker = await ourBroker();
    const away = await mqttJs(broker.port, v5({ clientId: 'away', clean: false, properties: { sessionExpiryInterval: 300 } }));
    await away.client.subscribeAsync('lab/expiry', { qos: 1 });
    await away.client.endAsync();
    const pub = await mqttJs(broker.port, v5());
    await pub.client.publishAsync('lab/expiry', 'stale', { qos: 1, properties: { messageExpiryInterval: 1 } });
    await pub.client.publishAsync('lab/expiry', 'fresh', { qos: 1 });
    await sleep(1300);
    const back = await mqttJs(broker.port, v5({ clientId: 'away', clean: false, properties: { sessionExpiryInterval: 300 } }));
    await back.waitFor(1);
    await sleep(100);
    expect(back.received.map((m) => m.text)).toEqual(['fresh']);
  });

  it('MQTT-3.3.2-12: a Topic Alias set by the publisher stands for its topic in the next PUBLISH', async () => {
    const broker = await ourBroker();
    const sub = await mqttJs(broker.port, v5());
    await sub.client.subscribeAsync('lab/alias/long/topic/name', { qos: 1 });
    const pub = await mqttJs(broker.port, v5());
    await pub.client.publishAsync('lab/alias/long/topic/name', 'first', { qos: 1, properties: { topicAlias: 1 } });
    await pub.client.publishAsync('', 'second', { qos: 1, properties: { topicAlias: 1 } });
    await sub.waitFor(2);
    expect(sub.received.map((m) => [m.topic, m.text])).toEqual([['lab/alias/long/topic/name', 'first'], ['lab/alias/long/topic/name', 'second']]);
  });

  it('MQTT-3.8.3-3 No Local, MQTT-3.3.1-11 Retain Handling 2 and MQTT-3.3.4-3 Subscription Identifiers', async () => {
    const broker = await ourBroker();
    const pub = await mqttJs(broker.port, v5());
    await pub.client.publishAsync('lab/opts', 'retained', { qos: 1, retain: true });
    const both = await mqttJs(broker.port, v5());
    const packets = packetsOf(both.client);
    await both.client.subscribeAsync('lab/opts', { qos: 1, nl: true, rh: 2, properties: { subscriptionIdentifier: 7 } });
    await both.client.publishAsync('lab/opts', 'my own', { qos: 1 }); // No Local: not sent back
    await pub.client.publishAsync('lab/opts', 'theirs', { qos: 1 });
    await both.waitFor(1);
    await sleep(100);
    expect(both.received.map((m) => m.text)).toEqual(['theirs']); // and no retained message on subscribe
    expect(packets[0].properties?.subscriptionIdentifier).toBe(7);
  });

  it('MQTT-4.8.2-2: a shared subscription gives each message to one member of the group', async () => {
    const broker = await ourBroker();
    const a = await mqttJs(broker.port, v5());
    const b = await mqttJs(broker.port, v5());
    await a.client.subscribeAsync('$share/workers/lab/jobs', { qos: 1 });
    await b.client.subscribeAsync('$share/workers/lab/jobs', { qos: 1 });
    const pub = await mqttJs(broker.port, v5());
    for (const n of [1, 2, 3, 4]) await pub.client.publishAsync('lab/jobs', `j${n}`, { qos: 1 });
    await until(() => a.received.length + b.received.length >= 4, 'four jobs');
    await sleep(100);
    const all = [...a.received, ...b.received].map((m) => m.text).sort();
    expect(all).toEqual(['j1', 'j2', 'j3', 'j4']);
    expect(a.received.length).toBeGreaterThan(0);
    expect(b.received.length).toBeGreaterThan(0);
  });

  it('MQTT-4.3.3-4 / MQTT-4.4.0-2: a PUBREC with 0x87 Not authorized ends the QoS 2 exchange: no PUBREL, nothing forwarded', async () => {
    const broker = await ourBroker({ refusedTopics: ['lab/secret/#'] });
    const sub = await mqttJs(broker.port, v5({ clientId: 'deny-sub' }));
    await sub.client.subscribeAsync('lab/#', { qos: 2 });
    const pub = await mqttJs(broker.port, v5({ clientId: 'deny-pub' }));
    // MQTT.js rejects the publish with the PUBREC's reason code and sends no PUBREL (its handlers/ack.js).
    const refused = await pub.client.publishAsync('lab/secret/plan', 'denied', { qos: 2 }).then(() => 'resolved', (e: unknown) => e);
    expect(refused).toMatchObject({ code: 0x87 });
    await pub.client.publishAsync('lab/open', 'allowed', { qos: 2 });
    await sub.waitFor(1);
    await sleep(100);
    expect(sub.received.map((m) => [m.topic, m.text])).toEqual([['lab/open', 'allowed']]);
    expect(exchangeOf(broker.trace, 'deny-pub', ['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP'])).toEqual([
      '-> PUBLISH', '<- PUBREC 0x87', // refused: the exchange ends here
      '-> PUBLISH', '<- PUBREC', '-> PUBREL', '<- PUBCOMP',
    ]);
  });

  it('MQTT-3.1.2-24 / MQTT-3.1.2-25: a PUBLISH above the subscriber\'s Maximum Packet Size is not sent to it; a smaller one is', async () => {
    const broker = await ourBroker();
    // MQTT.js would close with 0x95 Packet too large on receiving more than it announced (its handlers/index.js).
    const small = await mqttJs(broker.port, v5({ clientId: 'small', properties: { maximumPacketSize: 64 } }));
    const errors: Error[] = [];
    small.client.on('error', (e) => errors.push(e));
    await small.client.subscribeAsync('lab/size', { qos: 1 });
    const large = await mqttJs(broker.port, v5({ clientId: 'large' }));
    await large.client.subscribeAsync('lab/size', { qos: 1 });
    const pub = await mqttJs(broker.port, v5());
    await pub.client.publishAsync('lab/size', 'x'.repeat(100), { qos: 1 });
    await pub.client.publishAsync('lab/size', 'fits', { qos: 1 });
    await large.waitFor(2);
    await small.waitFor(1);
    await sleep(100);
    expect(large.received.map((m) => m.text.length)).toEqual([100, 4]);
    expect(small.received.map((m) => m.text)).toEqual(['fits']);
    expect(errors).toEqual([]);
    expect(small.client.connected).toBe(true);
  });

  it('MQTT-3.3.1-12 / MQTT-3.3.1-13: Retain As Published keeps RETAIN 1 on a live retained message; without it RETAIN is 0', async () => {
    const broker = await ourBroker();
    const asPublished = await mqttJs(broker.port, v5({ clientId: 'rap-1' }));
    await asPublished.client.subscribeAsync('lab/rap', { qos: 1, rap: true });
    const plain = await mqttJs(broker.port, v5({ clientId: 'rap-0' }));
    await plain.client.subscribeAsync('lab/rap', { qos: 1, rap: false });
    const pub = await mqttJs(broker.port, v5());
    await pub.client.publishAsync('lab/rap', 'live and retained', { qos: 1, retain: true });
    await asPublished.waitFor(1);
    await plain.waitFor(1);
    expect(asPublished.received.map((m) => [m.text, m.retain])).toEqual([['live and retained', true]]);
    expect(plain.received.map((m) => [m.text, m.retain])).toEqual([['live and retained', false]]);
  });

  it('MQTT-3.1.3-9 / MQTT-3.1.2-8: a client back within its Will Delay Interval has no will sent; one that stays away has, after the delay', async () => {
    const broker = await ourBroker();
    const watcher = await mqttJs(broker.port, v5({ clientId: 'watcher' }));
    await watcher.client.subscribeAsync('lab/will/#', { qos: 1 });
    const arrivedAt: number[] = [];
    watcher.client.on('message', () => arrivedAt.push(Date.now()));
    const session = { clean: false, properties: { sessionExpiryInterval: 60 } };
    const withWill = (clientId: string) => v5({ clientId, ...session, will: {
      topic: `lab/will/${clientId}`, payload: Buffer.from(`${clientId} vanished`), qos: 1, retain: false, properties: { willDelayInterval: 1 } } });
    const returns = await mqttJs(broker.port, withWill('returns'));
    const staysAway = await mqttJs(broker.port, withWill('stays-away'));
    // Vanish without DISCONNECT, as a client whose network died.
    const lostAt = Date.now();
    returns.client.stream.destroy();
    staysAway.client.stream.destroy();
    await sleep(300);
    await mqttJs(broker.port, v5({ clientId: 'returns', ...session }));
    await watcher.waitFor(1);
    await sleep(1200); // past the returned client's delay too
    expect(watcher.received.map((m) => m.text)).toEqual(['stays-away vanished']);
    expect(arrivedAt[0] - lostAt).toBeGreaterThanOrEqual(950);
    expect(arrivedAt[0] - lostAt).toBeLessThan(2000);
  });

  it('MQTT-3.1.3-7 / MQTT-3.2.2-16: an empty Client Identifier gets a new one in CONNACK, under which the client publishes and subscribes', async () => {
    const broker = await ourBroker();
    const a = await mqttJs(broker.port, v5({ clientId: '' }));
    const b = await mqttJs(broker.port, v5({ clientId: '' }));
    const idA = a.connack.properties?.assignedClientIdentifier ?? '';
    const idB = b.connack.properties?.assignedClientIdentifier ?? '';
    expect(idA).not.toBe('');
    expect(idB).not.toBe('');
    expect(idB).not.toBe(idA);
    await a.client.subscribeAsync('lab/assigned', { qos: 1 });
    await b.client.publishAsync('lab/assigned', 'from b to a', { qos: 1 });
    expect((await a.waitFor(1)).map((m) => m.text)).toEqual(['from b to a']);
    expect([...broker.state.sessions.keys()]).toEqual(expect.arrayContaining([idA, idB]));
    expect(exchangeOf(broker.trace, idA, ['SUBSCRIBE', 'PUBLISH'])).toEqual(['-> SUBSCRIBE', '<- PUBLISH']);
    expect(exchangeOf(broker.trace, idB, ['PUBLISH', 'PUBACK'])).toEqual(['-> PUBLISH', '<- PUBACK']);
  });

  it('MQTT-3.1.2-5 / MQTT-3.2.2-3: Clean Start 0 resumes the session (Session Present 1); MQTT-3.1.2-4 / MQTT-3.2.2-2: Clean Start 1 discards it (Session Present 0)', async () => {
    const broker = await ourBroker();
    const session = { clientId: 'resumer', properties: { sessionExpiryInterval: 300 } };
    const first = await mqttJs(broker.port, v5({ ...session, clean: false }));
    expect(first.connack.sessionPresent).toBe(false);
    await first.client.subscribeAsync('lab/clean', { qos: 1 });
    await first.client.endAsync();
    const pub = await mqttJs(broker.port, v5());
    await pub.client.publishAsync('lab/clean', 'kept 1', { qos: 1 });
    const resumed = await mqttJs(broker.port, v5({ ...session, clean: false }));
    expect(resumed.connack.sessionPresent).toBe(true);
    expect((await resumed.waitFor(1)).map((m) => m.text)).toEqual(['kept 1']);
    await resumed.client.endAsync();
    await pub.client.publishAsync('lab/clean', 'kept 2', { qos: 1 });
    const fresh = await mqttJs(broker.port, v5({ ...session, clean: true }));
    expect(fresh.connack.sessionPresent).toBe(false);
    await pub.client.publishAsync('lab/clean', 'after', { qos: 1 }); // its subscription went with the session
    await sleep(150);
    expect(fresh.received).toEqual([]);
  });

  it('MQTT-3.2.2-21 / MQTT-3.1.2-22: the Server Keep Alive replaces the client\'s: MQTT.js pings by it and stays; a silent one is closed after 1.5 times it', async () => {
    const broker = await ourBroker({ serverKeepAliveSec: 1 });
    const pinging = await mqttJs(broker.port, v5({ clientId: 'pinging', keepalive: 60 }));
    expect(pinging.connack.properties?.serverKeepAlive).toBe(1);
    // MQTT.js with keepalive 0 never pings, Server Keep Alive or not (its client.ts `get keepalive`).
    const silent = await mqttJs(broker.port, v5({ clientId: 'silent', keepalive: 0 }));
    const connectedAt = Date.now();
    const closedAt = await within(new Promise<number>((resolve) => silent.client.once('close', () => resolve(Date.now()))), 4000, Infinity);
    expect(closedAt - connectedAt).toBeGreaterThanOrEqual(1400);
    expect(closedAt - connectedAt).toBeLessThan(2500);
    expect(exchangeOf(broker.trace, 'silent', ['PINGREQ'])).toEqual([]);
    await sleep(500);
    expect(pinging.client.connected).toBe(true);
    expect(exchangeOf(broker.trace, 'pinging', ['PINGREQ']).length).toBeGreaterThanOrEqual(1);
  });

  it('MQTT-3.2.2-9 / MQTT-3.2.2-10: with Maximum QoS 1 the CONNACK says so, and a QoS 2 SUBSCRIBE is still granted, at QoS 1', async () => {
    const broker = await ourBroker({ maximumQoS: 1 });
    const sub = await mqttJs(broker.port, v5({ clientId: 'max-qos' }));
    expect(sub.connack.properties?.maximumQoS).toBe(1);
    const granted = await sub.client.subscribeAsync('lab/max-qos', { qos: 2 });
    expect(granted.map((g) => g.qos)).toEqual([1]);
    const pub = await mqttJs(broker.port, v5());
    await pub.client.publishAsync('lab/max-qos', 'at most once more', { qos: 1 });
    expect((await sub.waitFor(1)).map((m) => [m.text, m.qos])).toEqual([['at most once more', 1]]);
  });

  it('MQTT-3.2.2-14: with Retain Available 0 in CONNACK, a retained PUBLISH gets DISCONNECT 0x9A Retain not supported', async () => {
    const broker = await ourBroker({ retainAvailable: false });
    const sub = await mqttJs(broker.port, v5({ clientId: 'no-retain-sub' }));
    await sub.client.subscribeAsync('lab/no-retain', { qos: 1 });
    const pub = await mqttJs(broker.port, v5({ clientId: 'retainer' }));
    expect(pub.connack.properties?.retainAvailable).toBe(false);
    const disconnect = new Promise<IDisconnectPacket>((resolve) => pub.client.once('disconnect', resolve));
    pub.client.publish('lab/no-retain', 'keep me', { qos: 1, retain: true }, () => { /* never acknowledged */ });
    expect((await within(disconnect, 3000, undefined))?.reasonCode).toBe(0x9a);
    await sleep(100);
    expect(sub.received).toEqual([]);
    expect(broker.state.retained.size).toBe(0);
  });
});
