/**
 * PUBLISH on the broker: receiver rules for QoS 1 and both QoS 2 methods, sender rules towards
 * subscribers (packet ids, DUP, window, order).
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type Packet, type QoS } from '../types';
import { EnginePair, text } from '../engine-pair.test-support';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;

function publish(payload: string, qos: QoS, packetId?: number, dup = false): Packet {
  return { type: 'PUBLISH', topic: 't', payload: text(payload), qos, dup, retain: false, ...(packetId ? { packetId: id(packetId) } : {}) };
}

function setup(options: ConstructorParameters<typeof RawBroker>[0] = {}, subQos: QoS = 2): RawBroker {
  const b = new RawBroker(options);
  b.connect('s', 'sub');
  b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: subQos }] });
  b.connect('p', 'pub');
  return b;
}

const forwarded = (b: RawBroker, out = b.outputs) => b.sentTo('s', out).filter((p) => p.type === 'PUBLISH');

describe('broker: inbound PUBLISH', () => {
  it('MQTT-4.3.2-2: QoS 1 is forwarded and acknowledged with PUBACK and the same packetId', () => {
    const b = setup();
    const out = b.send('p', publish('x', 1, 7));
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBACK', packetId: id(7) }]);
    expect(forwarded(b, out)).toHaveLength(1);
  });

  it('MQTT-4.3.2-2: after PUBACK, a PUBLISH with the same packetId is a new publication, DUP or not', () => {
    const b = setup();
    const out = b.send('p', publish('x', 1, 7), publish('x', 1, 7, true));
    expect(forwarded(b, out)).toHaveLength(2);
    expect(b.rules('broker.qos1.duplicate', out)).toHaveLength(1);
  });

  it('MQTT-3.3.5-2: a PUBLISH to a refused topic is acknowledged as its QoS says and forwarded to no one', () => {
    const b = setup({ refusedTopics: ['t'] });
    const retained = { ...publish('r', 0), retain: true } as Packet;
    const out = b.send('p', publish('x', 0), retained, publish('y', 1, 7), publish('z', 2, 8), publish('z', 2, 8, true),
      { type: 'PUBREL', packetId: id(8) });
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBACK', packetId: id(7) }, { type: 'PUBREC', packetId: id(8) },
      { type: 'PUBREC', packetId: id(8) }, { type: 'PUBCOMP', packetId: id(8) }]);
    expect(forwarded(b, out)).toEqual([]);
    expect(b.state.retained.size).toBe(0);
    expect(b.closed('p', out)).toBeUndefined();
  });

  it('MQTT-4.3.3-2 (Method B): stored id, forwarded at once, repeated PUBLISH re-acked, not forwarded twice', () => {
    const b = setup({ qos2Method: 'B' });
    let out = b.send('p', publish('x', 2, 9));
    expect(forwarded(b, out)).toHaveLength(1);
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBREC', packetId: id(9) }]);
    out = b.send('p', publish('x', 2, 9, true));
    expect(forwarded(b, out)).toHaveLength(0);
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBREC', packetId: id(9) }]);
    expect(b.rules('broker.duplicate.reacked', out)).toHaveLength(1);
    out = b.send('p', { type: 'PUBREL', packetId: id(9) });
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBCOMP', packetId: id(9) }]);
    expect(b.state.sessions.get('pub')?.awaitingPubrel).toEqual([]);
  });

  it('MQTT-4.3.3-2 (Method A): stored message, forwarded only on PUBREL, repeated PUBLISH not forwarded twice', () => {
    const b = setup({ qos2Method: 'A' });
    let out = b.send('p', publish('x', 2, 9), publish('x', 2, 9, true));
    expect(forwarded(b, out)).toHaveLength(0);
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBREC', packetId: id(9) }, { type: 'PUBREC', packetId: id(9) }]);
    out = b.send('p', { type: 'PUBREL', packetId: id(9) });
    expect(forwarded(b, out)).toHaveLength(1);
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBCOMP', packetId: id(9) }]);
  });

  it('MQTT-4.3.3-2: after PUBCOMP, a PUBLISH with the same packetId is a new publication', () => {
    const b = setup();
    const out = b.send('p', publish('x', 2, 9), { type: 'PUBREL', packetId: id(9) }, publish('y', 2, 9));
    expect(forwarded(b, out)).toHaveLength(2);
  });

  it('MQTT-4.3.3-2: a PUBREL for an unknown packetId is still answered with PUBCOMP', () => {
    const b = setup();
    const out = b.send('p', { type: 'PUBREL', packetId: id(123) });
    expect(b.sentTo('p', out)).toEqual([{ type: 'PUBCOMP', packetId: id(123) }]);
    expect(b.rules('broker.qos2.released', out)[0]?.params.known).toBe(false);
  });

  it('MQTT-3.3.1-3: DUP of an incoming PUBLISH is not propagated to subscribers', () => {
    const b = setup();
    const out = b.send('p', publish('x', 1, 3, true));
    expect(forwarded(b, out)[0]).toMatchObject({ dup: false });
  });

  it('MQTT-3.3.2-2 / MQTT-4.8.0-1: a topic name with a wildcard closes the connection', () => {
    const b = setup();
    // PUBLISH QoS 0, topic "t/#" (3 bytes), payload "x".
    const out = b.step({ type: 'bytesReceived', connId: 'p', bytes: new Uint8Array([0x30, 6, 0, 3, 0x74, 0x2f, 0x23, 0x78]) });
    expect(b.closed('p', out)?.reason).toBe('protocolError');
  });

  it('MQTT-4.6.0-2 / MQTT-4.6.0-3: acknowledgements go out in the order the PUBLISHes arrived', () => {
    const b = setup();
    const out = b.send('p', publish('a', 1, 5), publish('b', 2, 3), publish('c', 1, 4), publish('d', 2, 1));
    expect(b.sentTo('p', out)).toEqual([
      { type: 'PUBACK', packetId: id(5) }, { type: 'PUBREC', packetId: id(3) }, { type: 'PUBACK', packetId: id(4) }, { type: 'PUBREC', packetId: id(1) },
    ]);
  });
});

describe('broker: outbound to subscribers', () => {
  it('MQTT-2.3.1-4 / MQTT-4.3.2-1: each session numbers its own QoS > 0 messages, DUP=0 first time', () => {
    const b = setup();
    b.connect('s2', 'sub2');
    b.send('s2', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 1 }] });
    const out = b.send('p', publish('a', 1, 100), publish('b', 1, 101));
    expect(forwarded(b, out).map((p) => (p.type === 'PUBLISH' ? [p.packetId, p.dup] : []))).toEqual([[1, false], [2, false]]);
    expect(b.sentTo('s2', out).map((p) => (p.type === 'PUBLISH' ? p.packetId : 0))).toEqual([1, 2]);
  });

  it('MQTT-4.6.0-5 / MQTT-4.6.0-6: messages to a subscriber keep the publisher\'s order, also behind a full window', () => {
    const b = setup({ maxInflight: 2 });
    const out = b.send('p', ...['a', 'b', 'c', 'd'].map((m, i) => publish(m, 1, i + 1)));
    expect(forwarded(b, out)).toHaveLength(2);
    expect(b.rules('broker.queued.window', out)).toHaveLength(2);
    const later = b.send('s', { type: 'PUBACK', packetId: id(1) }, { type: 'PUBACK', packetId: id(2) });
    expect(forwarded(b).map((p) => (p.type === 'PUBLISH' ? new TextDecoder().decode(p.payload) : ''))).toEqual(['a', 'b', 'c', 'd']);
    expect(forwarded(b, later)).toHaveLength(2);
  });

  it('MQTT-4.3.3-1: the broker sends PUBREL on PUBREC and re-sends PUBREL for a repeated PUBREC', () => {
    const b = setup();
    b.send('p', publish('a', 2, 1));
    const out = b.send('s', { type: 'PUBREC', packetId: id(1) }, { type: 'PUBREC', packetId: id(1) });
    expect(b.sentTo('s', out)).toEqual([{ type: 'PUBREL', packetId: id(1) }, { type: 'PUBREL', packetId: id(1) }]);
    b.send('s', { type: 'PUBCOMP', packetId: id(1) });
    expect(b.state.sessions.get('sub')?.flow.inflight).toEqual([]);
  });

  it('an acknowledgement for nothing in flight is ignored and narrated', () => {
    const b = setup();
    const out = b.send('s', { type: 'PUBACK', packetId: id(999) });
    expect(b.closed('s', out)).toBeUndefined();
    expect(b.rules('broker.ack.unknown', out)).toHaveLength(1);
  });

  it('retryOnTimeout (MQTT 3.1 mode): re-sends DUP=1 on the same connection after retryTimeoutMs', () => {
    const pair = new EnginePair({
      broker: { retryMode: 'retryOnTimeout', retryTimeoutMs: 1000 },
      clients: {
        pub: { clientId: 'pub', cleanSession: true, keepAliveSec: 0 },
        sub: { clientId: 'sub', cleanSession: true, keepAliveSec: 0 },
      },
    });
    pair.connect('pub').connect('sub').subscribe('sub', 't', 1);
    pair.dropNext({ type: 'PUBACK', from: 'sub', vanish: true });
    pair.publish('pub', 't', 'm', 1);
    pair.advance(999);
    expect(pair.packets({ type: 'PUBLISH', to: 'sub' })).toHaveLength(1);
    pair.advance(1);
    const toSub = pair.packets({ type: 'PUBLISH', to: 'sub' });
    expect(toSub.map((r) => r.packet)).toMatchObject([{ packetId: id(1), dup: false }, { packetId: id(1), dup: true }]);
    expect(pair.rules('broker.resend.publish')[0]?.params).toMatchObject({ reason: 'timeout' });
    expect(pair.deliveredText('sub')).toEqual(['m', 'm']);
    expect(pair.broker.sessions.get('sub')?.flow.inflight).toEqual([]);
  });
});
