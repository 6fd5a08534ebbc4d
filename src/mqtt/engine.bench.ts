/**
 * End-to-end engine throughput, publisher -> broker -> subscriber in one process, no sockets,
 * every packet really encoded and decoded: ours (clientStep / brokerStep joined by arrays of
 * bytes) side by side, in the same run, with aedes 1.2 + MQTT.js 5.16 joined by in-memory
 * duplex streams. Rows are delivered messages per second, one message in flight and with a
 * window of 100, then the heap and leftovers after 100,000 QoS 2 messages.
 *
 * Design: a message is "in flight" from the publisher's publish call until it is both
 *   delivered to the subscriber and acknowledged to the publisher (PUBACK / PUBCOMP; QoS 0 is
 *   done when written), so both sides wait for the same thing.
 */
import { Duplex } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { MqttClient } from 'mqtt';
import type { BenchRow } from '../bench-row';
import type { BrokerState } from './broker';
import { brokerStep, createBroker } from './broker';
import type { ClientInput, ClientState } from './client';
import { clientStep, createClient } from './client';
import { millis, type AppMessage, type QoS } from './types';

const TOPIC = 'bench/sensors/temperature';
/** The engines run with no timers here: every step is at time 0. */
const T0 = millis(0);
const PAYLOAD = Uint8Array.from({ length: 16 }, (_, i) => i);
const TARGET_MS = 400;

interface Run { delivered: number; ms: number; leftovers: number }
/** `atEnd` runs after the last message, while every engine, client and broker is still alive. */
type Harness = (qos: QoS, window: number, count: number, atEnd?: () => void) => Promise<Run>;

// ---- ours: three engines, one FIFO of byte chunks ----
interface Chunk { to: 'broker' | 'pub' | 'sub'; connId: string; bytes: Uint8Array }

export function ourPair(qos: QoS, window: number) {
  const broker: BrokerState = createBroker({ maxInflight: Math.max(window, 20), maxQueued: 1_000_000 });
  const clients: Record<'pub' | 'sub', ClientState> = {
    pub: createClient({ clientId: 'pub', cleanSession: true, keepAliveSec: 0, maxInflight: window }),
    sub: createClient({ clientId: 'sub', cleanSession: true, keepAliveSec: 0 }),
  };
  const fifo: Chunk[] = [];
  let head = 0;
  const counts = { delivered: 0, completed: 0 };
  const stepClient = (name: 'pub' | 'sub', input: ClientInput) => {
    for (const o of clientStep(clients[name], input, T0).outputs) {
      if (o.type === 'send') fifo.push({ to: 'broker', connId: name, bytes: o.bytes });
      else if (o.type === 'deliver') counts.delivered++;
      else if (o.type === 'published' && name === 'pub') counts.completed++;
    }
  };
  const deliver = (c: Chunk) => {
    if (c.to !== 'broker') return stepClient(c.to, { type: 'bytesReceived', bytes: c.bytes });
    for (const o of brokerStep(broker, { type: 'bytesReceived', connId: c.connId, bytes: c.bytes }, T0).outputs) {
      if (o.type === 'send') fifo.push({ to: o.connId as 'pub' | 'sub', connId: o.connId, bytes: o.bytes });
    }
  };
  /** Delivers chunks until none is left, calling `refill` after each. */
  const pump = (refill: () => void = () => {}) => {
    while (head < fifo.length) {
      deliver(fifo[head++]);
      if (head > 4096) { fifo.splice(0, head); head = 0; }
      refill();
    }
  };
  for (const name of ['pub', 'sub'] as const) {
    brokerStep(broker, { type: 'connectionOpened', connId: name }, T0);
    stepClient(name, { type: 'connectionOpened' });
  }
  pump();
  stepClient('sub', { type: 'appSubscribed', subscriptions: [{ topicFilter: TOPIC, qos }] });
  pump();
  const publish = () => stepClient('pub', { type: 'appPublished', message: { topic: TOPIC, payload: PAYLOAD, qos, retain: false } satisfies AppMessage });
  const leftovers = () => {
    let n = clients.pub.flow.inflight.length + clients.pub.flow.queue.length + clients.sub.awaitingPubrel.length + broker.retained.size;
    for (const s of broker.sessions.values()) n += s.flow.inflight.length + s.flow.queue.length + s.awaitingPubrel.length;
    return n;
  };
  const close = () => {
    stepClient('pub', { type: 'appDisconnected' });
    stepClient('sub', { type: 'appDisconnected' });
    pump();
    for (const name of ['pub', 'sub']) if (broker.connections.has(name)) brokerStep(broker, { type: 'connectionLost', connId: name }, T0);
    return broker.sessions.size + broker.connections.size;
  };
  return { counts, pump, publish, leftovers, close, broker, clients };
}

const runOurs: Harness = async (qos, window, count, atEnd) => {
  const pair = ourPair(qos, window);
  const { counts } = pair;
  let published = 0;
  const refill = () => {
    while (published < count && published - Math.min(counts.delivered, counts.completed) < window) { published++; pair.publish(); }
  };
  const started = performance.now();
  refill();
  pair.pump(refill);
  const ms = performance.now() - started;
  atEnd?.();
  const leftovers = pair.leftovers() + pair.close();
  return { delivered: counts.delivered, ms, leftovers };
};

// ---- reference: aedes + MQTT.js over in-memory duplex streams ----
/** Two connected in-memory streams; data crosses on process.nextTick (synchronously, MQTT.js and aedes stall after CONNECT). */
function duplexPair(): [Duplex, Duplex] {
  const make = (peer: () => Duplex) => new Duplex({
    read() {},
    write(chunk, _encoding, callback) {
      process.nextTick(() => { peer().push(chunk); callback(); });
    },
    final(callback) { process.nextTick(() => { peer().push(null); callback(); }); },
  });
  const a: Duplex = make(() => b);
  const b: Duplex = make(() => a);
  return [a, b];
}

async function referenceClient(broker: { handle: (s: Duplex) => unknown }, clientId: string): Promise<MqttClient> {
  const [clientSide, brokerSide] = duplexPair();
  broker.handle(brokerSide);
  const client = new MqttClient(() => clientSide, { clientId, protocolVersion: 4, keepalive: 0, reconnectPeriod: 0, clean: true });
  await new Promise<void>((resolve, reject) => { client.once('connect', () => resolve()); client.once('error', reject); });
  return client;
}

export const runReference: Harness = async (qos, window, count, atEnd) => {
  const { Aedes } = await import('aedes');
  // maxInflightInbound: aedes disconnects a client with over 1,000 QoS 2 ids awaiting PUBREL otherwise.
  const broker = await Aedes.createBroker({ maxInflightInbound: 0 });
  const pub = await referenceClient(broker as never, 'pub');
  const sub = await referenceClient(broker as never, 'sub');
  await sub.subscribeAsync(TOPIC, { qos });
  const payload = Buffer.from(PAYLOAD);
  let delivered = 0;
  let completed = 0;
  let published = 0;
  const started = performance.now();
  const ms = await new Promise<number>((resolve) => {
    const refill = () => {
      if (delivered >= count && completed >= count) return resolve(performance.now() - started);
      while (published < count && published - Math.min(delivered, completed) < window) {
        published++;
        pub.publish(TOPIC, payload, { qos }, () => { completed++; refill(); });
      }
    };
    sub.on('message', () => { delivered++; refill(); });
    refill();
  });
  const store = (c: MqttClient) => (c.incomingStore as unknown as { _inflights: Map<unknown, unknown> })._inflights.size
    + (c.outgoingStore as unknown as { _inflights: Map<unknown, unknown> })._inflights.size + Object.keys(c.outgoing).length;
  atEnd?.();
  const leftovers = store(pub) + store(sub);
  // Design: force-close; a graceful end over the in-memory pair waits on aedes forever.
  pub.end(true);
  sub.end(true);
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  return { delivered, ms, leftovers };
};

// ---- measuring ----
/**
 * Messages per second: warm-up runs, doubling from 1,000 messages until one lasts WARM_MS, size
 * runs of about TARGET_MS; the best of two counts. Both sides get the same treatment.
 * Design: one cold run of 1,000 is not a warm-up. The first run of each QoS ran partly
 * unoptimised, so it underrated the rate, sized the timed runs at a few milliseconds, and those
 * measured the JIT rather than the engine (QoS 1, the first to use the sender paths, read
 * slower than QoS 2, which found them warm).
 */
const WARM_MS = 150;

async function rate(harness: Harness, qos: QoS, window: number): Promise<number> {
  let warm = await harness(qos, window, 1000);
  for (let n = 2000; warm.ms < WARM_MS && n <= 2_000_000; n *= 2) warm = await harness(qos, window, n);
  const count = Math.max(1000, Math.min(2_000_000, Math.round((warm.delivered / warm.ms) * TARGET_MS)));
  let best = 0;
  for (let i = 0; i < 2; i++) {
    const run = await harness(qos, window, count);
    if (run.delivered !== count) throw new Error(`delivered ${run.delivered} of ${count}`);
    best = Math.max(best, (run.delivered * 1000) / run.ms);
  }
  return best;
}

function collectGarbage(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/**
 * Heap growth (MB) across 100,000 QoS 2 messages with a window of 100, measured after a full
 * GC while the engines are still alive (what a leak would keep), and the entries left behind.
 */
async function memory(harness: Harness): Promise<{ mb: number; leftovers: number }> {
  const gc = collectGarbage();
  gc();
  const before = process.memoryUsage().heapUsed;
  let heapUsed = 0;
  const run = await harness(2, 100, 100_000, () => {
    gc();
    heapUsed = process.memoryUsage().heapUsed;
  });
  if (run.delivered !== 100_000) throw new Error(`delivered ${run.delivered} of 100000`);
  return { mb: (heapUsed - before) / 2 ** 20, leftovers: run.leftovers };
}

export async function benchEngine(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const window of [1, 100]) {
    for (const qos of [0, 1, 2] as QoS[]) {
      const ours = await rate(runOurs, qos, window);
      const reference = await rate(runReference, qos, window);
      rows.push({ name: `QoS ${qos} end to end, ${window === 1 ? 'one in flight' : `window ${window}`}`, ours, reference, unit: 'msg/s' });
    }
  }
  const ours = await memory(runOurs);
  const reference = await memory(runReference);
  rows.push({ name: 'heap growth after 100k QoS 2, engines alive (MB)', ours: ours.mb, reference: reference.mb, unit: 'MB', lowerIsBetter: true });
  rows.push({ name: 'left after 100k QoS 2: ids, messages, sessions (ref: MQTT.js stores)', ours: ours.leftovers, reference: reference.leftovers, unit: 'entries', lowerIsBetter: true });
  return rows;
}
