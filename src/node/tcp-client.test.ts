/**
 * Interop: our client engine, behind the Node socket adapter (tcp-client.ts), against aedes
 * 1.2, a real third-party broker, on 127.0.0.1 with ephemeral ports. The same flows as the
 * MQTT.js tests of our broker, seen from the client's side; one last run against our own
 * broker over TCP closes the loop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppMessage, QoS } from '../mqtt/types';
import { aedesBroker, closeAll, ourBroker, ourClient, sleep, text, textOf } from './interop.test-support';

afterEach(closeAll, 10_000);

const msg = (topic: string, body: string, qos: QoS, retain = false): AppMessage => ({ topic, payload: text(body), qos, retain });
const seen = (messages: AppMessage[]) => messages.map((m) => [m.topic, textOf(m.payload), m.qos, m.retain]);

describe('our client engine against aedes over TCP', () => {
  for (const qos of [0, 1, 2] as QoS[]) {
    it(`our QoS ${qos} publish reaches our QoS ${qos} subscriber through aedes exactly once`, async () => {
      const { port } = await aedesBroker();
      const sub = await ourClient(port);
      expect(await sub.subscribe([{ topicFilter: 'lab/t', qos }])).toEqual([qos]);
      const pub = await ourClient(port);
      for (let i = 0; i < 5; i++) await pub.publish(msg('lab/t', `m${i}`, qos));
      await sub.waitForDeliveries(5);
      await sleep(30); // room for a duplicate to show up
      expect(seen(sub.delivered)).toEqual([0, 1, 2, 3, 4].map((i) => ['lab/t', `m${i}`, qos, false]));
      // Every flow completed on both sides: nothing left in flight or awaiting PUBREL.
      expect([pub.state.flow.inflight.length, pub.state.flow.queue.length, sub.state.awaitingPubrel.length]).toEqual([0, 0, 0]);
    });
  }

  it('publish at QoS 2 to a QoS 0 subscription is downgraded: our subscriber receives it at QoS 0', async () => {
    const { port } = await aedesBroker();
    const sub = await ourClient(port);
    expect(await sub.subscribe([{ topicFilter: 'lab/down', qos: 0 }])).toEqual([0]);
    const pub = await ourClient(port);
    await pub.publish(msg('lab/down', 'two', 2));
    expect(seen(await sub.waitForDeliveries(1))).toEqual([['lab/down', 'two', 0, false]]);
  });

  it('a window of 50 QoS 2 messages in flight at once arrives complete and in order', async () => {
    const { port } = await aedesBroker();
    const sub = await ourClient(port);
    await sub.subscribe([{ topicFilter: 'lab/burst', qos: 2 }]);
    const pub = await ourClient(port, { maxInflight: 50 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => pub.publish(msg('lab/burst', `${i}`, 2))));
    const got = await sub.waitForDeliveries(50);
    expect(got.map((m) => textOf(m.payload))).toEqual(Array.from({ length: 50 }, (_, i) => `${i}`));
  });

  it('a retained message reaches our late subscriber with RETAIN=1, a live subscriber with RETAIN=0', async () => {
    const { port } = await aedesBroker();
    const live = await ourClient(port);
    await live.subscribe([{ topicFilter: 'lab/state', qos: 1 }]);
    const pub = await ourClient(port);
    await pub.publish(msg('lab/state', 'on', 1, true));
    await live.waitForDeliveries(1);
    const late = await ourClient(port);
    await late.subscribe([{ topicFilter: 'lab/state', qos: 1 }]);
    expect(seen(await late.waitForDeliveries(1))).toEqual([['lab/state', 'on', 1, true]]);
    expect(seen(live.delivered)).toEqual([['lab/state', 'on', 1, false]]);
  });

  it('our client destroyed without DISCONNECT has its will delivered; after DISCONNECT it does not', async () => {
    const { port } = await aedesBroker();
    const watcher = await ourClient(port);
    await watcher.subscribe([{ topicFilter: 'lab/will/#', qos: 1 }]);
    const polite = await ourClient(port, { will: { topic: 'lab/will/polite', payload: text('gone'), qos: 1, retain: false } });
    await polite.disconnect();
    const dying = await ourClient(port, { will: { topic: 'lab/will/dying', payload: text('lost'), qos: 1, retain: false } });
    dying.destroy();
    expect(seen(await watcher.waitForDeliveries(1))).toEqual([['lab/will/dying', 'lost', 1, false]]);
    await sleep(30);
    expect(watcher.delivered).toHaveLength(1);
  });

  it('wildcards: + matches one level, # matches the rest', async () => {
    const { port } = await aedesBroker();
    const plus = await ourClient(port);
    await plus.subscribe([{ topicFilter: 'lab/+/temp', qos: 1 }]);
    const hash = await ourClient(port);
    await hash.subscribe([{ topicFilter: 'lab/#', qos: 1 }]);
    const pub = await ourClient(port);
    for (const topic of ['lab/a/temp', 'lab/b/humidity', 'lab/a/b/temp', 'other/a/temp', 'lab']) await pub.publish(msg(topic, topic, 1));
    await hash.waitForDeliveries(4);
    await sleep(30);
    expect(plus.delivered.map((m) => m.topic)).toEqual(['lab/a/temp']);
    expect(hash.delivered.map((m) => m.topic)).toEqual(['lab/a/temp', 'lab/b/humidity', 'lab/a/b/temp', 'lab']);
  });

  it('persistent session: QoS 1/2 messages published while our clean: false subscriber is offline arrive in order on reconnect', async () => {
    const { port } = await aedesBroker();
    const first = await ourClient(port, { clientId: 'persist-sub', cleanSession: false });
    expect(first.sessionPresent).toBe(false);
    await first.subscribe([{ topicFilter: 'lab/queue', qos: 2 }]);
    await first.disconnect();
    const pub = await ourClient(port);
    for (const [body, qos] of [['a', 1], ['b', 2], ['c', 0], ['d', 1]] as const) await pub.publish(msg('lab/queue', body, qos));
    // The same session state on a new connection: the engine resumes it (MQTT-3.1.2-4).
    const again = await ourClient(port, {}, { state: first.state });
    expect(again.sessionPresent).toBe(true);
    await again.waitForDeliveries(3);
    expect(again.delivered.map((m) => [textOf(m.payload), m.qos])).toEqual([['a', 1], ['b', 2], ['d', 1]]);
  });
});

describe('our client engine against our broker over TCP', () => {
  it('QoS 2 through the bridge: exactly once, and nothing left in any session afterwards', async () => {
    const broker = await ourBroker();
    const sub = await ourClient(broker.port, { clientId: 'sub' });
    await sub.subscribe([{ topicFilter: 'lab/#', qos: 2 }]);
    const pub = await ourClient(broker.port, { clientId: 'pub', maxInflight: 10 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => pub.publish(msg(`lab/${i % 3}`, `${i}`, 2))));
    await sub.waitForDeliveries(30);
    await sleep(30);
    expect(sub.delivered.map((m) => textOf(m.payload))).toEqual(Array.from({ length: 30 }, (_, i) => `${i}`));
    for (const session of broker.state.sessions.values()) {
      expect([session.clientId, session.flow.inflight.length, session.flow.queue.length, session.awaitingPubrel.length]).toEqual([session.clientId, 0, 0, 0]);
    }
  });
});
