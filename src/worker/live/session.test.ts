/**
 * The live session on fake WebSockets to our broker engine, in fake time: every test is
 * deterministic. Drops in both directions, reconnection with the session, stop, bad URLs, an
 * unreachable broker, a refused CONNACK, and packets cut across WebSocket frames.
 */
import { describe, expect, it } from 'vitest';
import { encode } from '../../mqtt/codec';
import { toMermaid } from '../../diagram/to-mermaid';
import { toPcapng } from '../../capture/to-pcapng';
import { importCapture } from '../../capture/capture-to-trace';
import { MESSAGES, narrate } from '../../i18n';
import { FakeBroker, ManualClock, type FakeBrokerOptions } from './fake.test-support';
import { story, wellFormed, wire } from './live.test-support';
import { liveSnapshotAt, startLive, type LiveOptions, type LiveSocket, type LiveUpdate } from './index';

const URL = 'ws://127.0.0.1:9001/mqtt';

/** `hook` sees each update as the page would, and may act on it (arm a drop) before anything else happens. */
function setup(options: Partial<LiveOptions> = {}, broker: FakeBrokerOptions = {}, hook?: (u: LiveUpdate) => void) {
  const clock = new ManualClock();
  const fake = new FakeBroker(clock, broker);
  const updates: LiveUpdate[] = [];
  const r = startLive({
    url: URL, mqttVersion: 4, publisherQos: 2, subscriberQos: 2, messages: 2, topic: 'qos-lab/abc123',
    clientIds: { publisher: 'lab-pub', subscriber: 'lab-sub' }, ...options,
  }, { openSocket: fake.openSocket, clock, onUpdate: (u) => { updates.push(u); hook?.(u); } });
  if (!r.ok) throw new Error(r.error);
  const session = r.session;
  const ended = () => session.status().state === 'finished' || session.status().state === 'failed';
  return {
    clock, fake, session, updates, ended,
    /** runs fake time until the session ends */
    finish: () => clock.until(ended, 120_000, 10),
    /** runs fake time, 1 ms at a time, until `what` is in the trace */
    until: (what: (lines: string[]) => boolean) => clock.until(() => what(wire(session.trace)), 30_000, 1),
  };
}

describe('a live session on a healthy broker', () => {
  it('subscribes first, then publishes at QoS 2, records every packet as it crossed the wire, and settles', () => {
    const t = setup({ messages: 1 });
    t.finish();
    const { session } = t;
    expect(session.status()).toMatchObject({ state: 'finished', settled: true });
    expect(session.status().sentence).toMatch(/^Settled: all 1 message was published/);
    expect(wire(session.trace)).toEqual([
      'subscriber>broker CONNECT', 'broker>subscriber CONNACK', 'subscriber>broker SUBSCRIBE 1', 'broker>subscriber SUBACK 1',
      'publisher>broker CONNECT', 'broker>publisher CONNACK',
      'publisher>broker PUBLISH 1', 'broker>subscriber PUBLISH 1', 'subscriber>broker PUBREC 1', 'broker>publisher PUBREC 1',
      'publisher>broker PUBREL 1', 'broker>subscriber PUBREL 1', 'subscriber>broker PUBCOMP 1', 'broker>publisher PUBCOMP 1',
      'publisher>broker DISCONNECT', 'subscriber>broker DISCONNECT',
    ]);
    expect(story(session.trace)).toEqual(['publish #1', 'deliver #1 x1']);
    expect(session.trace.participants).toEqual([
      { id: 'publisher', role: 'publisher', qos: 2, cleanSession: false, clientId: 'lab-pub' }, { id: 'broker', role: 'broker' },
      { id: 'subscriber', role: 'subscriber', qos: 2, cleanSession: false, clientId: 'lab-sub' },
    ]);
    expect(session.outcome()).toMatchObject({ published: 1, delivered: 1, duplicates: 0, lost: 0, promise: 'exactlyOnce', guaranteeHeld: true, settled: true });
    expect(wellFormed(session.trace)).toBe(true);
    // The bytes are the codec's, and each packet is sent then delivered.
    for (const e of session.trace.events) if (e.kind === 'packetSent') expect(e.bytes).toEqual(encode(e.packet));
    expect(session.trace.events.filter((e) => e.kind === 'packetDelivered')).toHaveLength(16);
    // Real milliseconds from the start: the fake broker is 10 ms away.
    expect(session.trace.events[0].tMs).toBe(10);
    // The updates carry the trace as it grew, in order, and the last one has the verdict.
    const last = t.updates.at(-1)!;
    expect(t.updates.flatMap((u) => u.events)).toEqual(session.trace.events);
    expect(t.updates.every((u, i) => i === 0 || u.from === t.updates[i - 1].from + t.updates[i - 1].events.length)).toBe(true);
    expect(last.status.state).toBe('finished');
    expect(last.outcome.guaranteeHeld).toBe(true);
    t.clock.advance(50); // the closes reach the broker
    expect(t.fake.openConnections).toBe(0);
    expect(t.fake.opened).toEqual([{ url: URL, protocol: 'mqtt' }, { url: URL, protocol: 'mqtt' }]);
  });

  it('paces the publications intervalMs apart', () => {
    const t = setup({ messages: 3, publisherQos: 1, subscriberQos: 1, intervalMs: 250 });
    t.finish();
    const times = t.session.trace.events.filter((e) => e.kind === 'appPublish').map((e) => e.tMs);
    expect(times.map((x) => x - times[0])).toEqual([0, 250, 500]);
    expect(t.session.outcome()).toMatchObject({ published: 3, delivered: 3, duplicates: 0, guaranteeHeld: true, promise: 'atLeastOnce' });
  });

  it('reports the status as it goes: connecting, connected, finished', () => {
    const t = setup({ messages: 1 });
    expect(t.session.status().state).toBe('connecting');
    t.finish();
    const states = t.updates.map((u) => u.status.state).filter((s, i, all) => s !== all[i - 1]);
    expect(states).toEqual(['connecting', 'connected', 'finished']);
  });
});

describe('Drop next packet', () => {
  it('outbound: the publisher\'s PUBLISH is not sent, its socket closes, and after reconnecting it re-sends it with DUP=1 (QoS 1)', () => {
    const t = setup({ publisherQos: 1, subscriberQos: 1, messages: 2, intervalMs: 500 });
    // Message 1 done, message 2 not yet published: the next packet is the publisher's PUBLISH 2.
    t.until((w) => w.includes('subscriber>broker PUBACK 1'));
    t.clock.advance(100);
    expect(t.session.dropNext()).toBe(true);
    expect(t.session.status().dropArmed).toBe(true);
    t.finish();
    const w = wire(t.session.trace, ['PUBLISH', 'PUBACK', 'CONNECT', 'CONNACK']).slice(4);
    expect(w).toEqual([
      'publisher>broker PUBLISH 1', 'broker>subscriber PUBLISH 1', 'subscriber>broker PUBACK 1', 'broker>publisher PUBACK 1',
      'publisher>broker PUBLISH 2 DROPPED(intervention)',
      'publisher>broker CONNECT', 'broker>publisher CONNACK', 'publisher>broker PUBLISH 2 dup',
      'broker>subscriber PUBLISH 2', 'subscriber>broker PUBACK 2', 'broker>publisher PUBACK 2',
    ]);
    expect(story(t.session.trace)).toEqual([
      'publish #1', 'deliver #1 x1', 'publish #2', 'dropped PUBLISH publisher>broker (intervention)', 'lost publisher (drop)',
      'restored publisher session=true', 'deliver #2 x1',
    ]);
    const lost = t.session.trace.events.find((e) => e.kind === 'connectionLost')!;
    const restored = t.session.trace.events.find((e) => e.kind === 'connectionRestored')!;
    expect(restored.tMs - lost.tMs).toBeGreaterThanOrEqual(500); // the reconnect delay
    expect(t.session.status()).toMatchObject({ state: 'finished', settled: true, dropArmed: false });
    expect(t.session.outcome()).toMatchObject({ published: 2, delivered: 2, duplicates: 0, guaranteeHeld: true });
    // The dropped packet is in the trace as sent, never delivered.
    const dropped = t.session.trace.events.find((e) => e.kind === 'packetDropped')!;
    expect(t.session.trace.events.filter((e) => 'wireId' in e && e.wireId === (dropped as { wireId: number }).wireId).map((e) => e.kind))
      .toEqual(['packetSent', 'packetDropped']);
  });

  it('inbound: a PUBACK the broker sent is discarded, the connection closes, and the re-sent PUBLISH reaches the subscriber twice (QoS 1)', () => {
    // As soon as the subscriber has its copy (and has answered), the PUBACK to the publisher is still on its way.
    const t = setup({ publisherQos: 1, subscriberQos: 1, messages: 1 }, {}, (u) => {
      if (u.events.some((e) => e.kind === 'appDeliver' && e.deliveryNo === 1)) {
        expect(wire(u.trace).at(-1)).toBe('subscriber>broker PUBACK 1');
        t.session.dropNext();
      }
    });
    t.finish();
    const lines = wire(t.session.trace, ['PUBLISH', 'PUBACK']);
    expect(lines.slice(0, 5)).toEqual([
      'publisher>broker PUBLISH 1', 'broker>subscriber PUBLISH 1', 'subscriber>broker PUBACK 1', 'broker>publisher PUBACK 1 DROPPED(intervention)',
      'publisher>broker PUBLISH 1 dup',
    ]);
    expect(lines.slice(5).sort()).toEqual(['broker>publisher PUBACK 1', 'broker>subscriber PUBLISH 2', 'subscriber>broker PUBACK 2']);
    expect(story(t.session.trace)).toEqual([
      'publish #1', 'deliver #1 x1', 'dropped PUBACK broker>publisher (intervention)', 'lost publisher (drop)',
      'restored publisher session=true', 'deliver #1 x2',
    ]);
    expect(t.session.outcome()).toMatchObject({ published: 1, delivered: 1, duplicates: 1, guaranteeHeld: true, promise: 'atLeastOnce', settled: true });
  });

  it('QoS 2: a dropped PUBCOMP makes the publisher re-send PUBREL after reconnecting, and the message is delivered exactly once', () => {
    // The subscriber answers its PUBREL at once; the next packet is the broker's PUBCOMP to the publisher.
    const t = setup({ messages: 1 }, {}, (u) => {
      if (u.events.some((e) => e.kind === 'packetSent' && e.packet.type === 'PUBCOMP' && e.from === 'subscriber')) t.session.dropNext();
    });
    t.finish();
    const lines = wire(t.session.trace, ['PUBLISH', 'PUBREC', 'PUBREL', 'PUBCOMP']);
    const dropped = lines.find((l) => l.includes('DROPPED(intervention)'))!;
    expect(dropped).toMatch(/PUBCOMP 1 DROPPED/);
    expect(lines.filter((l) => l.includes('again'))).toHaveLength(1);
    expect(t.session.outcome()).toMatchObject({ published: 1, delivered: 1, duplicates: 0, guaranteeHeld: true, promise: 'exactlyOnce', settled: true });
  });

  it('QoS 2 in MQTT 5.0: a dropped PUBLISH toward the subscriber is re-sent by the broker with DUP=1, delivered once', () => {
    const t = setup({ messages: 1, mqttVersion: 5 });
    t.until((w) => w.includes('publisher>broker PUBLISH 1'));
    t.session.dropNext();
    t.finish();
    const lines = wire(t.session.trace, ['PUBLISH']);
    expect(lines).toEqual(['publisher>broker PUBLISH 1', 'broker>subscriber PUBLISH 1 DROPPED(intervention)', 'broker>subscriber PUBLISH 1 dup']);
    expect(story(t.session.trace)).toEqual(['publish #1', 'dropped PUBLISH broker>subscriber (intervention)', 'lost subscriber (drop)',
      'restored subscriber session=true', 'deliver #1 x1']);
    expect(t.session.outcome()).toMatchObject({ delivered: 1, duplicates: 0, guaranteeHeld: true, promise: 'exactlyOnce' });
  });

  it('QoS 0: a dropped PUBLISH is lost for good, and the outcome names the drop', () => {
    const t = setup({ messages: 1, publisherQos: 0, subscriberQos: 0 });
    t.until((w) => w.includes('broker>publisher CONNACK'));
    t.clock.until(() => t.session.trace.events.some((e) => e.kind === 'appPublish'), 1000, 1);
    // The QoS 0 PUBLISH left with the appPublish; drop what comes next: its copy to the subscriber.
    t.session.dropNext();
    t.finish();
    const outcome = t.session.outcome();
    expect(outcome).toMatchObject({ published: 1, delivered: 0, lost: 1, promise: 'atMostOnce', guaranteeHeld: true, settled: true });
    const drop = t.session.trace.events.find((e) => e.kind === 'packetDropped')!;
    expect(outcome.pairs[0]).toMatchObject({ lostReason: 'qos0', lostAt: drop.index });
  });

  it('a drop armed while nothing moves waits for the next packet: the keep-alive PINGREQ', () => {
    const t = setup({ messages: 1, publisherQos: 1, subscriberQos: 1, keepAliveSec: 2, settleQuietMs: 60_000 });
    t.until((w) => w.includes('subscriber>broker PUBACK 1'));
    t.session.dropNext();
    t.clock.until(() => t.session.trace.events.some((e) => e.kind === 'packetDropped'), 5000, 5);
    expect(wire(t.session.trace).find((l) => l.includes('DROPPED'))).toMatch(/>broker PINGREQ DROPPED\(intervention\)/);
    t.session.stop();
  });

  it('dropNext after the end does nothing', () => {
    const t = setup({ messages: 1 });
    t.finish();
    const n = t.session.trace.events.length;
    expect(t.session.dropNext()).toBe(false);
    t.clock.advance(5000);
    expect(t.session.trace.events.length).toBe(n);
  });
});

describe('the views read a live trace as they read a run', () => {
  it('diagram, narration and pcapng export take it unchanged; the drop and the re-send show', () => {
    const t = setup({ publisherQos: 1, subscriberQos: 1, messages: 1 }, {}, (u) => {
      if (u.events.some((e) => e.kind === 'appDeliver' && e.deliveryNo === 1)) t.session.dropNext();
    });
    t.finish();
    const trace = t.session.trace;
    const mermaid = toMermaid(trace);
    expect(mermaid).toMatch(/^sequenceDiagram/);
    expect(mermaid).toMatch(/connection lost \(packet dropped\)/);
    expect(mermaid).toMatch(/duplicate/);
    for (const lang of ['en', 'zh'] as const) {
      for (const e of trace.events) expect(() => narrate(MESSAGES[lang], e, trace)).not.toThrow();
    }
    const lines = trace.events.map((e) => narrate(MESSAGES.en, e, trace)).filter((l): l is string => l !== null);
    expect(lines.some((l) => /AGAIN/.test(l))).toBe(true);
    // "Download pcapng" and back: every packet sent, the dropped one too (as the simulator's runs export).
    const back = importCapture(toPcapng(trace));
    if (!back.ok) throw new Error(back.error);
    const types = (tr: typeof trace) => tr.events.flatMap((e) => (e.kind === 'packetSent' ? [e.packet.type] : []));
    expect(types(back.trace)).toEqual(types(trace));
  });
});

describe('reconnecting', () => {
  it('a connection the broker side resets is lost, re-established with its session, and the run still settles', () => {
    const t = setup({ messages: 3, publisherQos: 1, subscriberQos: 1, intervalMs: 400 });
    t.until((w) => w.includes('subscriber>broker PUBACK 1'));
    t.fake.reset('lab-sub');
    t.finish();
    expect(story(t.session.trace).filter((l) => /lost|restored/.test(l))).toEqual(['lost subscriber (reset)', 'restored subscriber session=true']);
    expect(t.session.outcome()).toMatchObject({ published: 3, delivered: 3, guaranteeHeld: true, settled: true });
    expect(t.updates.map((u) => u.status.state)).toContain('reconnecting');
  });

  it('backs off when reconnecting fails, and gives up after maxReconnectAttempts with one sentence', () => {
    const t = setup({ messages: 5, publisherQos: 1, subscriberQos: 1, maxReconnectAttempts: 2, reconnectDelayMs: 100, reconnectMaxDelayMs: 1000 });
    t.until((w) => w.includes('subscriber>broker PUBACK 1'));
    (t.fake as unknown as { options: FakeBrokerOptions }).options.down = true;
    t.fake.reset('lab-pub');
    t.finish();
    const notes = t.session.trace.events.filter((e) => e.kind === 'note').map((e) => e.params.delayMs);
    expect(notes).toEqual([200, 400]);
    expect(t.session.status().state).toBe('failed');
    expect(t.session.status().sentence).toBe(`The publisher lost its connection to ${URL} and 3 attempts in a row to reconnect failed: the broker is gone or no longer accepts it.`);
    expect(t.session.outcome().guaranteeHeld).toBeNull();
  });
});

describe('what the broker sends that is not MQTT', () => {
  it('a text frame (MQTT-6.0.0-1) closes that connection as a protocol error; the client reconnects with its session', () => {
    const clock = new ManualClock();
    const fake = new FakeBroker(clock);
    const sockets: LiveSocket[] = [];
    const r = startLive({ url: URL, mqttVersion: 4, publisherQos: 1, subscriberQos: 1, messages: 2, topic: 'qos-lab/t', clientIds: { publisher: 'p', subscriber: 's' } },
      { openSocket: (url, protocol) => { const socket = fake.openSocket(url, protocol); sockets.push(socket); return socket; }, clock, onUpdate: () => {} });
    if (!r.ok) throw new Error(r.error);
    clock.until(() => wire(r.session.trace).includes('broker>publisher CONNACK'), 10_000, 1);
    sockets[0].onMessage(new TextEncoder().encode('hello'), false);
    clock.until(() => r.session.status().state === 'finished', 60_000, 10);
    expect(story(r.session.trace).filter((l) => /lost|restored/.test(l))).toEqual(['lost subscriber (protocolError)', 'restored subscriber session=true']);
    expect(r.session.outcome()).toMatchObject({ published: 2, delivered: 2, guaranteeHeld: true, settled: true });
  });
});

describe('stop()', () => {
  it('says DISCONNECT on both connections, closes them and ends the run unsettled', () => {
    const t = setup({ messages: 10, publisherQos: 1, subscriberQos: 1 });
    t.until((w) => w.includes('subscriber>broker PUBACK 2'));
    t.session.stop();
    expect(wire(t.session.trace).slice(-2)).toEqual(['publisher>broker DISCONNECT', 'subscriber>broker DISCONNECT']);
    expect(t.session.status()).toMatchObject({ state: 'finished', settled: false, sentence: 'Stopped before the run settled.' });
    const n = t.session.trace.events.length;
    t.clock.advance(10_000);
    expect(t.session.trace.events.length).toBe(n);
    expect(t.fake.openConnections).toBe(0); // closed: the clock moved on past the latency
    expect(t.session.outcome()).toMatchObject({ settled: false, guaranteeHeld: null });
  });

  it('while reconnecting: nothing more is opened', () => {
    const t = setup({ messages: 10, publisherQos: 1, subscriberQos: 1 });
    t.until((w) => w.includes('subscriber>broker PUBACK 1'));
    t.fake.reset('lab-pub');
    t.clock.until(() => t.session.status().state === 'reconnecting', 1000, 1);
    const opened = t.fake.opened.length;
    t.session.stop();
    t.clock.advance(10_000);
    expect(t.fake.opened.length).toBe(opened);
    expect(wire(t.session.trace).at(-1)).toBe('subscriber>broker DISCONNECT');
  });
});

describe('a broker that cannot be used: one sentence, nothing retried', () => {
  const start = (url: string) => {
    const clock = new ManualClock();
    const fake = new FakeBroker(clock);
    const r = startLive({ url, mqttVersion: 4, publisherQos: 1, subscriberQos: 1, messages: 1, topic: 'qos-lab/x', clientIds: { publisher: 'p', subscriber: 's' } },
      { openSocket: fake.openSocket, clock, onUpdate: () => {} });
    return { r, fake };
  };

  it.each([
    ['', /^Type the broker’s WebSocket URL first/],
    ['http://127.0.0.1:9001/', /^Only ws:\/\/ and wss:\/\/ URLs are contacted, not http:\/\//],
    ['mqtt://test.mosquitto.org:1883', /not mqtt:\/\/\. A web page cannot open a plain TCP connection/],
    ['file:///etc/passwd', /not file:\/\//],
    ['javascript:alert(1)', /not javascript:\/\//],
    ['127.0.0.1:9001', /not 127\.0\.0\.1:\/\/|is not a URL/],
    ['ws://', /is not a URL|names no host/],
    ['ws://user:secret@127.0.0.1:9001/', /no credentials/],
    ['ws://127.0.0.1:9001/#x', /fragment/],
    ['not a url', /is not a URL/],
  ])('refuses %j', (url, sentence) => {
    const { r, fake } = start(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(sentence);
    expect(fake.opened).toEqual([]);
  });

  it('accepts ws:// and wss:// with a host, normalised', () => {
    expect(start(' WS://Example.org:9001/mqtt ').r.ok).toBe(true);
    expect(start('wss://broker.example.org/mqtt').r.ok).toBe(true);
  });

  it('refuses bad settings before contacting anything', () => {
    const clock = new ManualClock();
    const fake = new FakeBroker(clock);
    const base = { url: URL, mqttVersion: 4 as const, publisherQos: 1 as const, subscriberQos: 1 as const, messages: 1, topic: 'a/b', clientIds: { publisher: 'p', subscriber: 's' } };
    const deps = { openSocket: fake.openSocket, clock, onUpdate: () => {} };
    expect(startLive({ ...base, topic: 'a/#' }, deps)).toMatchObject({ ok: false, error: expect.stringMatching(/^Topic/) });
    expect(startLive({ ...base, messages: 0 }, deps)).toMatchObject({ ok: false, error: expect.stringMatching(/^Messages/) });
    expect(startLive({ ...base, clientIds: { publisher: 'x', subscriber: 'x' } }, deps)).toMatchObject({ ok: false, error: expect.stringMatching(/^Client ids/) });
    expect(fake.opened).toEqual([]);
  });

  it('unreachable: what the browser can know, in one sentence', () => {
    const t = setup({ url: 'ws://127.0.0.1:9/' }, { down: true });
    t.finish();
    expect(t.session.status()).toMatchObject({ state: 'failed', settled: false });
    expect(t.session.status().sentence).toBe('Could not reach ws://127.0.0.1:9/: the connection was refused, the broker is not there, or it serves no MQTT over WebSocket at that address (the browser does not say which).');
    expect(t.fake.opened).toHaveLength(1);
    expect(t.session.trace.events).toEqual([]);
    expect(t.updates.at(-1)!.status.state).toBe('failed');
  });

  it('a socket the browser will not open (it throws): one sentence', () => {
    const clock = new ManualClock();
    const r = startLive({ url: URL, mqttVersion: 4, publisherQos: 1, subscriberQos: 1, messages: 1, topic: 'a/b', clientIds: { publisher: 'p', subscriber: 's' } },
      { openSocket: () => { throw new Error('SecurityError'); }, clock, onUpdate: () => {} });
    if (!r.ok) throw new Error(r.error);
    expect(r.session.status()).toMatchObject({ state: 'failed' });
    expect(r.session.status().sentence).toMatch(/^The browser would not open a WebSocket to ws:\/\/127\.0\.0\.1:9001\/mqtt \(SecurityError\)/);
  });

  it('CONNACK refused (3.1.1 return code 5): the reason, in one sentence', () => {
    const t = setup({}, { refuseWith: { type: 'CONNACK', sessionPresent: false, returnCode: 5 } });
    t.finish();
    expect(t.session.status()).toMatchObject({ state: 'failed' });
    expect(t.session.status().sentence).toBe(`The broker at ${URL} refused the subscriber’s connection: the client is not authorised to connect (CONNACK return code 5).`);
    expect(wire(t.session.trace)).toEqual(['subscriber>broker CONNECT', 'broker>subscriber CONNACK']);
    expect(t.fake.opened).toHaveLength(1);
  });

  it('CONNACK refused (5.0 reason code 0x87)', () => {
    const t = setup({ mqttVersion: 5 }, { refuseWith: { type: 'CONNACK', sessionPresent: false, reasonCode: 0x87 } });
    t.finish();
    expect(t.session.status().sentence).toBe(`The broker at ${URL} refused the subscriber’s connection: Not authorized (CONNACK reason code 0x87).`);
  });

  it('a WebSocket server that closes before CONNACK', () => {
    const t = setup({}, { closeBeforeConnack: true });
    t.finish();
    expect(t.session.status().sentence).toMatch(/accepted the WebSocket but closed it before answering CONNECT: it may not be an MQTT broker/);
  });

  it('a subscription the broker refuses (SUBACK 0x80)', () => {
    const t = setup({ messages: 1 }, { broker: { refusedFilters: ['qos-lab/#'] } });
    t.finish();
    expect(t.session.status()).toMatchObject({ state: 'failed' });
    expect(t.session.status().sentence).toMatch(/refused the subscription to qos-lab\/abc123 \(SUBACK 0x80\)/);
    expect(t.fake.opened).toHaveLength(1);
  });
});

describe('WebSocket frames are not packets', () => {
  const baseline = () => {
    const t = setup({ messages: 2, intervalMs: 0 });
    t.finish();
    return t.session.trace;
  };

  it.each(['bytewise', 'split3', 'joined'] as const)('broker bytes framed %s: the same packets, each with its own bytes', (framing) => {
    const expected = baseline();
    const t = setup({ messages: 2, intervalMs: 0 }, { framing });
    t.finish();
    expect(t.session.status().settled).toBe(true);
    expect(wire(t.session.trace)).toEqual(wire(expected));
    for (const e of t.session.trace.events) if (e.kind === 'packetSent') expect(e.bytes).toEqual(encode(e.packet));
    expect(t.session.outcome()).toMatchObject({ delivered: 2, duplicates: 0, guaranteeHeld: true });
  });

  it('a drop in the middle of a message holding several packets: the first is dropped, the rest are lost with the connection', () => {
    // The subscriber is away while 3 messages are published; when it comes back, the broker answers
    // its CONNECT with CONNACK and the 3 PUBLISHes in one WebSocket message. The drop takes the CONNACK.
    let armed = false;
    const t = setup({ messages: 3, intervalMs: 100, publisherQos: 1, subscriberQos: 1 }, { framing: 'joined' }, (u) => {
      if (!armed && wire(u.trace).filter((l) => l === 'subscriber>broker CONNECT').length === 2) {
        armed = true;
        t.session.dropNext();
      }
    });
    t.until((w) => w.includes('broker>publisher CONNACK'));
    t.fake.reset('lab-sub');
    t.finish();
    const lines = wire(t.session.trace, ['CONNECT', 'CONNACK', 'PUBLISH']).filter((l) => l.includes('subscriber'));
    expect(lines.slice(2)).toEqual([
      'subscriber>broker CONNECT', 'broker>subscriber CONNACK DROPPED(intervention)',
      'broker>subscriber PUBLISH 1 DROPPED(connectionBroken)', 'broker>subscriber PUBLISH 2 DROPPED(connectionBroken)',
      'broker>subscriber PUBLISH 3 DROPPED(connectionBroken)',
      'subscriber>broker CONNECT', 'broker>subscriber CONNACK',
      // The broker had sent them: it re-sends them with DUP=1 (MQTT-4.4.0-1).
      'broker>subscriber PUBLISH 1 dup', 'broker>subscriber PUBLISH 2 dup', 'broker>subscriber PUBLISH 3 dup',
    ]);
    expect(story(t.session.trace).filter((l) => /lost|restored/.test(l))).toEqual(['lost subscriber (reset)', 'lost subscriber (drop)', 'restored subscriber session=true']);
    expect(t.session.outcome()).toMatchObject({ published: 3, delivered: 3, duplicates: 0, guaranteeHeld: true, settled: true });
    expect(wellFormed(t.session.trace)).toBe(true);
  });
});

describe('state tables of a live trace', () => {
  it('rebuilt from the packets, as for a capture: ids held while in flight, none at the end', () => {
    const t = setup({ messages: 1 });
    t.finish();
    const trace = t.session.trace;
    const sent = (type: string, from: string) => trace.events.findIndex((e) => e.kind === 'packetDelivered' && e.type === type && e.from === from);
    const mid = liveSnapshotAt(trace, sent('PUBLISH', 'publisher'));
    expect(mid.clients.find((c) => c.id === 'publisher')).toMatchObject({ connected: true, awaitingPubrec: [1] });
    expect(t.session.snapshotAt(sent('PUBREL', 'publisher')).clients.find((c) => c.id === 'publisher')).toMatchObject({ awaitingPubcomp: [1] });
    const end = t.session.snapshotAt(trace.events.length - 1);
    for (const table of [...end.clients, ...end.broker.sessions]) {
      expect([table.awaitingPuback, table.awaitingPubrec, table.awaitingPubcomp, table.awaitingPubrel].flat()).toEqual([]);
    }
  });

  it('a dropped PUBACK leaves the publisher waiting for it until the re-send is answered', () => {
    const t = setup({ publisherQos: 1, subscriberQos: 1, messages: 1 }, {}, (u) => {
      if (u.events.some((e) => e.kind === 'appDeliver' && e.deliveryNo === 1)) t.session.dropNext();
    });
    t.finish();
    const lost = t.session.trace.events.findIndex((e) => e.kind === 'connectionLost');
    expect(t.session.snapshotAt(lost).clients.find((c) => c.id === 'publisher')).toMatchObject({ connected: false, awaitingPuback: [1] });
  });
});
