/**
 * Interop in MQTT 5.0: MQTT.js 5.16 clients with `protocolVersion: 5` against our broker behind
 * the TCP bridge (what `npm run -s broker` serves), one test per 5.0 feature a real client sees:
 * reason codes, properties carried through, Receive Maximum, Session Expiry, Message Expiry, Topic
 * Aliases, subscription options, Subscription Identifiers and shared subscriptions. 127.0.0.1 and
 * ephemeral ports only; the bridge's clock is real time, so expiry tests wait about a second.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IClientOptions, IPublishPacket } from 'mqtt';
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
});
