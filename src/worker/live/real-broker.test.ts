/**
 * The live session against real brokers over real WebSockets on 127.0.0.1: ours (the TCP bridge's
 * `--ws-port`, src/node/tcp-broker.ts) and, where it is installed with websockets, mosquitto 2.
 * The socket is the `ws` package's WebSocket class through the same `webSocketOpener` the worker
 * uses with the browser's. Real time: every wait is bounded, every server stopped after its test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import net from 'node:net';
import { decode } from '../../mqtt/codec';
import type { QoS } from '../../mqtt/types';
// The Node brokers these tests talk to (test support only: the worker never imports src/node).
// eslint-disable-next-line no-restricted-imports
import { closeAll, HOST, ourBroker } from '../../node/interop.test-support';
// eslint-disable-next-line no-restricted-imports
import { mosquittoWebSocketBroker } from '../../node/mosquitto.test-support';
import { story, wellFormed, wire } from './live.test-support';
import { startLive, webSocketOpener, type LiveOptions, type LiveSession, type LiveUpdate, type OpenSocket, type WebSocketClass } from './index';

afterEach(closeAll, 10_000);

const openWs = webSocketOpener(WebSocket as unknown as WebSocketClass);
let run = 0;

/**
 * The sockets of client `clientId` (known by its CONNECT) hear everything `delayMs` late: a slower
 * link for that client, so that the order of arrivals on two connections is the one a test needs.
 */
function slowFor(clientId: string, delayMs: number, open: OpenSocket): OpenSocket {
  return (url, protocol) => {
    const inner = open(url, protocol);
    let slow = false;
    const outer = {
      send: (bytes: Uint8Array) => {
        const first = decode(bytes, 0, { version: 5 });
        if (first.kind === 'packet' && first.packet.type === 'CONNECT' && first.packet.clientId === clientId) slow = true;
        inner.send(bytes);
      },
      close: () => inner.close(),
      get protocol() { return inner.protocol; },
      onOpen: () => {}, onMessage: (_b: Uint8Array, _bin: boolean) => {}, onClose: (_c?: number) => {}, onError: () => {},
    };
    const later = (fn: () => void) => (slow ? setTimeout(fn, delayMs) : fn());
    inner.onOpen = () => outer.onOpen();
    inner.onMessage = (b, bin) => later(() => outer.onMessage(b, bin));
    inner.onClose = (c) => later(() => outer.onClose(c));
    inner.onError = () => later(() => outer.onError());
    return outer;
  };
}

/** Runs a live session to its end (bounded), arming a drop when `dropWhen` first holds for an update. */
function runLive(url: string, options: Partial<LiveOptions>, dropWhen?: (u: LiveUpdate) => boolean, open: OpenSocket = openWs):
  Promise<LiveSession> {
  const id = `${process.pid}-${++run}`;
  return new Promise((resolve, reject) => {
    let armed = false;
    const box: { session?: LiveSession } = {};
    const timer = setTimeout(() => {
      box.session?.stop();
      reject(new Error(`no end within 12 s: ${box.session?.status().sentence}\n${box.session ? wire(box.session.trace).join('\n') : ''}`));
    }, 12_000);
    const r = startLive({
      url, mqttVersion: 4, publisherQos: 2, subscriberQos: 2, messages: 3, topic: `qos-lab/test-${id}`,
      clientIds: { publisher: `lab-pub-${id}`, subscriber: `lab-sub-${id}` },
      intervalMs: 50, settleQuietMs: 300, reconnectDelayMs: 100, connectTimeoutMs: 3000, ...options,
    }, {
      openSocket: open,
      onUpdate: (u) => {
        if (!armed && dropWhen?.(u)) {
          armed = true;
          box.session!.dropNext();
        }
        if (u.status.state === 'finished' || u.status.state === 'failed') {
          clearTimeout(timer);
          // Let the DISCONNECTs and closes reach the broker before it is stopped.
          setTimeout(() => resolve(box.session!), 50);
        }
      },
    });
    if (!r.ok) {
      clearTimeout(timer);
      reject(new Error(r.error));
      return;
    }
    box.session = r.session;
  });
}

const publisherSent = (type: string) => (u: LiveUpdate) =>
  u.events.some((e) => e.kind === 'packetSent' && e.from === 'publisher' && e.packet.type === type);

const subscriberGot = (u: LiveUpdate) => u.events.some((e) => e.kind === 'appDeliver' && e.deliveryNo === 1);

/** The checks every QoS 2 run with a drop must pass, on any broker. */
function expectQos2ExactlyOnceThroughADrop(session: LiveSession): void {
  expect(session.status()).toMatchObject({ state: 'finished', settled: true });
  const lines = wire(session.trace, ['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP']);
  for (const type of ['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP']) expect(lines.some((l) => l.includes(` ${type} `))).toBe(true);
  expect(lines.filter((l) => l.includes('DROPPED(intervention)'))).toHaveLength(1);
  // The re-send the drop made necessary: a PUBLISH with DUP=1 or a repeated PUBREL.
  expect(lines.some((l) => / PUBLISH \d+ dup| PUBREL \d+ again/.test(l))).toBe(true);
  const s = story(session.trace);
  expect(s.some((l) => /^lost (publisher|subscriber) \(drop\)$/.test(l))).toBe(true);
  expect(s.some((l) => /^restored (publisher|subscriber) session=true$/.test(l))).toBe(true);
  expect(session.outcome()).toMatchObject({ published: 3, delivered: 3, duplicates: 0, lost: 0, promise: 'exactlyOnce', guaranteeHeld: true, settled: true });
  expect(wellFormed(session.trace)).toBe(true);
}

function expectQos1DuplicateFromDroppedPuback(session: LiveSession): void {
  expect(session.status()).toMatchObject({ state: 'finished', settled: true });
  const lines = wire(session.trace, ['PUBLISH', 'PUBACK']);
  expect(lines.find((l) => l.includes('DROPPED'))).toMatch(/^broker>publisher PUBACK \d+ DROPPED\(intervention\)$/);
  expect(lines.some((l) => /^publisher>broker PUBLISH \d+ dup$/.test(l))).toBe(true);
  expect(story(session.trace)).toContain('deliver #1 x2');
  expect(session.outcome()).toMatchObject({ published: 1, delivered: 1, duplicates: 1, promise: 'atLeastOnce', guaranteeHeld: true, settled: true });
}

describe('our broker over WebSocket (npm run broker -- --ws-port N)', () => {
  for (const mqttVersion of [4, 5] as const) {
    const v = mqttVersion === 5 ? '5.0' : '3.1.1';

    it(`QoS 2, MQTT ${v}: PUBLISH, PUBREC, PUBREL, PUBCOMP as they crossed the wire, settled exactly once`, async () => {
      const broker = await ourBroker({}, { wsPort: 0 });
      const session = await runLive(`ws://${HOST}:${broker.wsPort}/mqtt`, { mqttVersion });
      expect(session.status()).toMatchObject({ state: 'finished', settled: true });
      const lines = wire(session.trace, ['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP']);
      for (const to of ['publisher', 'subscriber']) {
        const types = lines.filter((l) => l.includes(to)).map((l) => l.split(' ')[1]);
        expect(types.filter((t) => t === 'PUBLISH')).toHaveLength(3);
        expect(types.filter((t) => t === 'PUBREC')).toHaveLength(3);
        expect(types.filter((t) => t === 'PUBREL')).toHaveLength(3);
        expect(types.filter((t) => t === 'PUBCOMP')).toHaveLength(3);
      }
      expect(session.outcome()).toMatchObject({ published: 3, delivered: 3, duplicates: 0, promise: 'exactlyOnce', guaranteeHeld: true, settled: true });
      // The CONNECT says what was asked: a persistent session in the chosen version.
      const connect = session.trace.events.find((e) => e.kind === 'packetSent' && e.packet.type === 'CONNECT');
      expect(connect?.kind === 'packetSent' && connect.packet.type === 'CONNECT' && [connect.packet.protocolLevel, connect.packet.cleanSession])
        .toEqual([mqttVersion, false]);
      expect(broker.state.connections.size).toBe(0);
    }, 15_000);

    it(`QoS 2, MQTT ${v}: a drop just after the first PUBLISH breaks a connection, the re-send follows, exactly once held`, async () => {
      const broker = await ourBroker({}, { wsPort: 0 });
      const session = await runLive(`ws://${HOST}:${broker.wsPort}/mqtt`, { mqttVersion }, publisherSent('PUBLISH'));
      expectQos2ExactlyOnceThroughADrop(session);
    }, 15_000);

    it(`QoS 1, MQTT ${v}: a dropped PUBACK makes the publisher re-send, and the subscriber gets a duplicate (at least once held)`, async () => {
      const broker = await ourBroker({}, { wsPort: 0 });
      const session = await runLive(`ws://${HOST}:${broker.wsPort}/mqtt`, { mqttVersion, publisherQos: 1 as QoS, subscriberQos: 1 as QoS, messages: 1 },
        subscriberGot, slowFor(`lab-pub-${process.pid}-${run + 1}`, 40, openWs));
      expectQos1DuplicateFromDroppedPuback(session);
    }, 15_000);
  }

  it('a port where nothing listens: failed, one sentence, nothing retried', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const session = await runLive(`ws://${HOST}:${port}/`, {});
    expect(session.status()).toMatchObject({ state: 'failed' });
    expect(session.status().sentence).toBe(`Could not reach ws://${HOST}:${port}/: the connection was refused, the broker is not there, or it serves no MQTT over WebSocket at that address (the browser does not say which).`);
    expect(session.trace.events).toEqual([]);
  }, 15_000);

  it('a TCP port that speaks no WebSocket (our broker\'s MQTT port): the same sentence', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    const session = await runLive(`ws://${HOST}:${broker.port}/`, {});
    expect(session.status()).toMatchObject({ state: 'failed' });
    expect(session.status().sentence).toMatch(/^Could not reach /);
  }, 15_000);
});

describe('mosquitto 2 over WebSocket', () => {
  for (const mqttVersion of [4, 5] as const) {
    const v = mqttVersion === 5 ? '5.0' : '3.1.1';

    it(`QoS 2, MQTT ${v}: through a drop, the real broker re-delivers and exactly once holds`, async (ctx) => {
      const broker = await mosquittoWebSocketBroker();
      if ('missing' in broker) {
        console.warn(`skipped: ${broker.missing}`);
        ctx.skip(broker.missing);
        return;
      }
      const session = await runLive(`ws://${HOST}:${broker.wsPort}/`, { mqttVersion }, publisherSent('PUBLISH'));
      expectQos2ExactlyOnceThroughADrop(session);
    }, 15_000);

    it(`QoS 1, MQTT ${v}: a dropped PUBACK, a duplicate`, async (ctx) => {
      const broker = await mosquittoWebSocketBroker();
      if ('missing' in broker) {
        console.warn(`skipped: ${broker.missing}`);
        ctx.skip(broker.missing);
        return;
      }
      const session = await runLive(`ws://${HOST}:${broker.wsPort}/`, { mqttVersion, publisherQos: 1 as QoS, subscriberQos: 1 as QoS, messages: 1 },
        subscriberGot, slowFor(`lab-pub-${process.pid}-${run + 1}`, 40, openWs));
      expectQos1DuplicateFromDroppedPuback(session);
    }, 15_000);
  }
});
