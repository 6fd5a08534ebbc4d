/**
 * Interop: MQTT.js 5.16 clients (a real, widely used MQTT 3.1.1 client) against our broker
 * engine behind the TCP bridge, on 127.0.0.1 with ephemeral ports. Each flow is checked on
 * the application side (what MQTT.js delivers) and on the wire (the bridge's trace).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { QoS } from '../mqtt/types';
import { closeAll, mqttJs, ourBroker, sleep, traceOf } from './interop.test-support';
import type { TraceEvent } from './trace-line';
import { formatTraceLine } from './trace-line';

function idOfFirst(trace: TraceEvent[], clientId: string, direction: 'in' | 'out'): number | undefined {
  const e = trace.find((t) => t.clientId === clientId && t.direction === direction && t.packet.type === 'PUBLISH');
  return e?.packet.type === 'PUBLISH' ? e.packet.packetId : undefined;
}

afterEach(closeAll, 10_000);

describe('MQTT.js clients through our broker over TCP', () => {
  for (const qos of [0, 1, 2] as QoS[]) {
    it(`MQTT.js QoS ${qos} publish reaches an MQTT.js QoS ${qos} subscriber through our broker exactly once`, async () => {
      const broker = await ourBroker();
      const sub = await mqttJs(broker.port, { clientId: 'sub' });
      await sub.client.subscribeAsync('lab/t', { qos });
      const pub = await mqttJs(broker.port, { clientId: 'pub' });
      for (let i = 0; i < 5; i++) await pub.client.publishAsync('lab/t', `m${i}`, { qos });
      await sub.waitFor(5);
      await sleep(30); // room for a duplicate to show up
      expect(sub.received.map((m) => [m.text, m.qos, m.dup])).toEqual([0, 1, 2, 3, 4].map((i) => [`m${i}`, qos, false]));
      // The first message on the wire, each side with its own packet id (MQTT.js picks its own ids).
      const pubId = idOfFirst(broker.trace, 'pub', 'in');
      const subId = idOfFirst(broker.trace, 'sub', 'out');
      const first = broker.trace.filter((e) => {
        const id = 'packetId' in e.packet ? e.packet.packetId : undefined;
        return e.packet.type !== 'SUBSCRIBE' && e.packet.type !== 'SUBACK' && (e.clientId === 'pub' ? id === pubId : id === subId);
      });
      expect(traceOf(first, ['PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP']).map((l) => l.replace(/ \d+/, '')).slice(0, qos === 0 ? 2 : undefined)).toEqual({
        0: ['pub -> PUBLISH qos=0 dup=0', 'sub <- PUBLISH qos=0 dup=0'],
        1: ['pub -> PUBLISH qos=1 dup=0', 'sub <- PUBLISH qos=1 dup=0', 'pub <- PUBACK', 'sub -> PUBACK'],
        // Method B (the default): onward at once, PUBREC to the publisher in the same step.
        2: ['pub -> PUBLISH qos=2 dup=0', 'sub <- PUBLISH qos=2 dup=0', 'pub <- PUBREC', 'sub -> PUBREC',
          'sub <- PUBREL', 'pub -> PUBREL', 'pub <- PUBCOMP', 'sub -> PUBCOMP'],
      }[qos]);
    });
  }

  it('publish at QoS 2 to a QoS 0 subscription is downgraded: the subscriber receives it at QoS 0', async () => {
    const broker = await ourBroker();
    const sub = await mqttJs(broker.port);
    const granted = await sub.client.subscribeAsync('lab/down', { qos: 0 });
    expect(granted.map((g) => g.qos)).toEqual([0]);
    const pub = await mqttJs(broker.port);
    await pub.client.publishAsync('lab/down', 'two', { qos: 2 });
    expect((await sub.waitFor(1)).map((m) => [m.text, m.qos])).toEqual([['two', 0]]);
  });

  it('a QoS 1 subscriber publishing to its own topic receives its message back once, at QoS 1', async () => {
    const broker = await ourBroker();
    const both = await mqttJs(broker.port);
    await both.client.subscribeAsync('lab/echo', { qos: 1 });
    await both.client.publishAsync('lab/echo', 'echo', { qos: 2 });
    expect((await both.waitFor(1)).map((m) => [m.text, m.qos])).toEqual([['echo', 1]]);
  });

  it('a retained message reaches a late subscriber with RETAIN=1, live subscribers with RETAIN=0', async () => {
    const broker = await ourBroker();
    const live = await mqttJs(broker.port);
    await live.client.subscribeAsync('lab/state', { qos: 1 });
    const pub = await mqttJs(broker.port);
    await pub.client.publishAsync('lab/state', 'on', { qos: 1, retain: true });
    await live.waitFor(1);
    const late = await mqttJs(broker.port);
    await late.client.subscribeAsync('lab/state', { qos: 1 });
    expect((await late.waitFor(1)).map((m) => [m.text, m.retain])).toEqual([['on', true]]);
    expect(live.received.map((m) => [m.text, m.retain])).toEqual([['on', false]]);
  });

  it('an empty retained payload clears the retained message: a later subscriber receives nothing', async () => {
    const broker = await ourBroker();
    const pub = await mqttJs(broker.port);
    await pub.client.publishAsync('lab/state', 'on', { qos: 1, retain: true });
    await pub.client.publishAsync('lab/state', '', { qos: 1, retain: true });
    const late = await mqttJs(broker.port);
    await late.client.subscribeAsync('lab/state', { qos: 1 });
    await pub.client.publishAsync('lab/state', 'live', { qos: 1 });
    expect((await late.waitFor(1)).map((m) => m.text)).toEqual(['live']);
    expect(broker.state.retained.size).toBe(0);
  });

  it('a client destroyed without DISCONNECT has its will delivered; one that sends DISCONNECT does not', async () => {
    const broker = await ourBroker();
    const watcher = await mqttJs(broker.port);
    await watcher.client.subscribeAsync('lab/will/#', { qos: 1 });
    const polite = await mqttJs(broker.port, { will: { topic: 'lab/will/polite', payload: Buffer.from('gone'), qos: 1, retain: false } });
    await polite.client.endAsync();
    const dying = await mqttJs(broker.port, { will: { topic: 'lab/will/dying', payload: Buffer.from('lost'), qos: 1, retain: false } });
    dying.client.stream.destroy();
    expect((await watcher.waitFor(1)).map((m) => [m.topic, m.text, m.qos])).toEqual([['lab/will/dying', 'lost', 1]]);
    await sleep(30);
    expect(watcher.received).toHaveLength(1);
  });

  it('wildcards: + matches one level, # matches the rest, overlapping filters deliver once at the highest QoS', async () => {
    const broker = await ourBroker();
    const plus = await mqttJs(broker.port);
    await plus.client.subscribeAsync('lab/+/temp', { qos: 1 });
    const hash = await mqttJs(broker.port);
    await hash.client.subscribeAsync('lab/#', { qos: 0 });
    const overlap = await mqttJs(broker.port);
    await overlap.client.subscribeAsync({ 'lab/#': { qos: 0 }, 'lab/+/temp': { qos: 2 } });
    const pub = await mqttJs(broker.port);
    for (const topic of ['lab/a/temp', 'lab/b/humidity', 'lab/a/b/temp', 'other/a/temp', 'lab']) {
      await pub.client.publishAsync(topic, topic, { qos: 2 });
    }
    await pub.client.publishAsync('lab/end', 'end', { qos: 1 });
    await hash.waitFor(5);
    await overlap.waitFor(5);
    expect(plus.received.map((m) => m.topic)).toEqual(['lab/a/temp']);
    expect(hash.received.map((m) => m.topic)).toEqual(['lab/a/temp', 'lab/b/humidity', 'lab/a/b/temp', 'lab', 'lab/end']);
    // MQTT-3.3.5-1: one copy, at the highest QoS of the matching subscriptions.
    expect(overlap.received.map((m) => [m.topic, m.qos])).toEqual([
      ['lab/a/temp', 2], ['lab/b/humidity', 0], ['lab/a/b/temp', 0], ['lab', 0], ['lab/end', 0]]);
  });

  it('persistent session: messages published while a clean: false subscriber is offline arrive, in order, when it reconnects', async () => {
    const broker = await ourBroker();
    const first = await mqttJs(broker.port, { clientId: 'persist-sub', clean: false });
    await first.client.subscribeAsync('lab/queue', { qos: 2 });
    await first.client.endAsync();
    const pub = await mqttJs(broker.port);
    for (const [text, qos] of [['a', 1], ['b', 2], ['c', 0], ['d', 1]] as const) await pub.client.publishAsync('lab/queue', text, { qos });
    const again = await mqttJs(broker.port, { clientId: 'persist-sub', clean: false });
    // MQTT-3.1.2-4 / MQTT-3.1.2-5: QoS 1 and 2 messages are queued for the offline client; QoS 0 may be dropped.
    await again.waitFor(3);
    const toSub = broker.trace.filter((e) => e.clientId === 'persist-sub' && e.direction === 'out' && e.packet.type === 'PUBLISH');
    expect(toSub.map((e) => e.packet.type === 'PUBLISH' && [new TextDecoder().decode(e.packet.payload), e.packet.qos]))
      .toEqual([['a', 1], ['b', 2], ['d', 1]]);
    // MQTT.js hands a QoS 2 message to the application on PUBREL (receiver Method A), so 'b' surfaces after 'd'.
    expect(again.received.map((m) => [m.text, m.qos]).sort()).toEqual([['a', 1], ['b', 2], ['d', 1]]);
    expect(traceOf(broker.trace, ['CONNACK']).length).toBe(3);
    expect(broker.trace.filter((e) => e.packet.type === 'CONNACK').map((e) => e.packet.type === 'CONNACK' && e.packet.sessionPresent))
      .toEqual([false, false, true]);
  });

  it('refusedFilters (the CLI\'s --deny-subscribe): one SUBSCRIBE is answered [0x80, 1]; the denied topic never arrives', async () => {
    const broker = await ourBroker({ refusedFilters: ['secret/#'] });
    const sub = await mqttJs(broker.port, { clientId: 'nosy' });
    // MQTT.js reports a SUBACK with a failure code as an error that carries the SUBACK.
    const suback = await new Promise<{ err: Error | null; granted?: unknown }>((resolve) => {
      sub.client.subscribe({ 'secret/x': { qos: 1 }, 'public/x': { qos: 1 } }, (err, _grants, packet) => resolve({ err, granted: packet?.granted }));
    });
    expect(suback.err?.message).toMatch(/Subscribe error/);
    expect(suback.granted).toEqual([128, 1]);
    const pub = await mqttJs(broker.port, { clientId: 'pub' });
    await pub.client.publishAsync('secret/x', 'hidden', { qos: 1 });
    await pub.client.publishAsync('public/x', 'open', { qos: 1 });
    expect((await sub.waitFor(1)).map((m) => [m.topic, m.text, m.qos])).toEqual([['public/x', 'open', 1]]);
    await sleep(30); // room for a stray secret/x to show up
    expect(sub.received.map((m) => m.topic)).toEqual(['public/x']);
    expect(broker.trace.filter((e) => e.clientId === 'nosy' && e.direction === 'out' && e.packet.type === 'PUBLISH')).toHaveLength(1);
    const subackLine = broker.trace.map(formatTraceLine).find((l) => l.includes('SUBACK'));
    expect(subackLine).toMatch(/nosy <- broker\s+SUBACK\s+id=\d+ granted=0x80,1$/);
  });

  it('a second connection with the same client id takes the session over and closes the first', async () => {
    const broker = await ourBroker();
    const old = await mqttJs(broker.port, { clientId: 'twin' });
    const closed = new Promise<void>((resolve) => old.client.once('close', () => resolve()));
    const fresh = await mqttJs(broker.port, { clientId: 'twin' });
    await closed;
    await fresh.client.subscribeAsync('lab/twin', { qos: 1 });
    await fresh.client.publishAsync('lab/twin', 'hi', { qos: 1 });
    expect((await fresh.waitFor(1)).map((m) => m.text)).toEqual(['hi']);
  });
});

describe('MQTT over WebSocket (--ws-port), as mosquitto and EMQX serve it', () => {
  it('an MQTT.js client over ws:// and one over TCP exchange QoS 2 messages exactly once, through one broker', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    expect(broker.wsPort).toBeGreaterThan(0);
    const sub = await mqttJs(broker.wsPort!, { clientId: 'ws-sub', protocol: 'ws', path: '/mqtt' });
    await sub.client.subscribeAsync('lab/ws', { qos: 2 });
    const pub = await mqttJs(broker.port, { clientId: 'tcp-pub' });
    for (let i = 0; i < 3; i++) await pub.client.publishAsync('lab/ws', `w${i}`, { qos: 2 });
    await sub.waitFor(3);
    await sleep(30);
    expect(sub.received.map((m) => [m.text, m.qos, m.dup])).toEqual([['w0', 2, false], ['w1', 2, false], ['w2', 2, false]]);
    // The WebSocket client's packets are on the bridge's trace like any other.
    expect(traceOf(broker.trace.filter((e) => e.clientId === 'ws-sub'), ['CONNECT', 'SUBSCRIBE']).map((l) => l.replace(/ \d+$/, '')))
      .toEqual(['ws-sub -> CONNECT', 'ws-sub -> SUBSCRIBE']);
  });

  it('MQTT-6.0.0-1: a text frame closes the WebSocket connection; binary frames carry MQTT', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`ws://127.0.0.1:${broker.wsPort}/mqtt`, 'mqtt');
    await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
    expect(socket.protocol).toBe('mqtt');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('CONNECT as text');
    expect(await closed).toBe(1003);
  });
});
