/**
 * Loss and recovery (MQTT 3.1.1 section 4.4): a dropped packet breaks the connection; the
 * client reconnects with its session and both sides re-send what was unacknowledged.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type Packet, type QoS } from '../types';
import { EnginePair, text } from '../engine-pair.test-support';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;

function lab(options: { pubQos: QoS; subQos: QoS; cleanSession?: boolean; qos2Method?: 'A' | 'B' }): EnginePair {
  const cleanSession = options.cleanSession ?? false;
  const pair = new EnginePair({
    broker: { qos2Method: options.qos2Method ?? 'B' },
    clients: {
      publisher: { clientId: 'publisher', cleanSession, keepAliveSec: 60 },
      subscriber: { clientId: 'subscriber', cleanSession: false, keepAliveSec: 60 },
    },
  });
  pair.connect('publisher').connect('subscriber').subscribe('subscriber', 'lab/t', options.subQos);
  return pair;
}

describe('re-send after reconnect', () => {
  it('MQTT-4.4.0-1: QoS 1 PUBACK lost -> PUBLISH re-sent with DUP=1 and the same packetId; delivered twice', () => {
    const pair = lab({ pubQos: 1, subQos: 1 });
    pair.dropNext({ type: 'PUBACK', to: 'publisher' });
    pair.publish('publisher', 'lab/t', 'm1', 1);
    expect(pair.isLinkUp('publisher')).toBe(false);
    pair.connect('publisher');
    const publishes = pair.packets({ type: 'PUBLISH', from: 'publisher' });
    expect(publishes).toHaveLength(2);
    const [first, again] = publishes.map((r) => r.packet);
    expect(first).toMatchObject({ dup: false });
    expect(again).toMatchObject({ dup: true, packetId: first?.type === 'PUBLISH' ? first.packetId : -1 });
    expect(pair.deliveredText('subscriber')).toEqual(['m1', 'm1']);
    expect(pair.rules('client.resend.publish')).toHaveLength(1);
  });

  it('MQTT-4.3.3-2: QoS 2 PUBREC lost -> PUBLISH re-sent, re-acknowledged, not forwarded twice', () => {
    const pair = lab({ pubQos: 2, subQos: 2 });
    pair.dropNext({ type: 'PUBREC', to: 'publisher' });
    pair.publish('publisher', 'lab/t', 'm1', 2);
    pair.connect('publisher');
    expect(pair.deliveredText('subscriber')).toEqual(['m1']);
    expect(pair.rules('broker.duplicate.reacked')).toHaveLength(1);
    expect(pair.packets({ type: 'PUBCOMP', to: 'publisher', dropped: false })).toHaveLength(1);
  });

  it('MQTT-4.4.0-1: QoS 2 PUBCOMP lost -> PUBREL re-sent (never the PUBLISH, MQTT-4.3.3-1)', () => {
    const pair = lab({ pubQos: 2, subQos: 2 });
    pair.dropNext({ type: 'PUBCOMP', to: 'publisher' });
    pair.publish('publisher', 'lab/t', 'm1', 2);
    pair.connect('publisher');
    expect(pair.packets({ type: 'PUBLISH', from: 'publisher' })).toHaveLength(1);
    const pubrels = pair.packets({ type: 'PUBREL', from: 'publisher' });
    expect(pubrels.map((r) => r.retransmission)).toEqual([false, true]);
    expect(pair.deliveredText('subscriber')).toEqual(['m1']);
    expect(pair.rules('client.resend.pubrel')).toHaveLength(1);
  });

  it('MQTT-4.4.0-1 / MQTT-2.3.1-3: the broker re-sends to a subscriber that lost the connection (QoS 1, DUP=1, same packetId)', () => {
    const pair = lab({ pubQos: 1, subQos: 1 });
    pair.dropNext({ type: 'PUBACK', from: 'subscriber' });
    pair.publish('publisher', 'lab/t', 'm1', 1);
    pair.connect('subscriber');
    const toSub = pair.packets({ type: 'PUBLISH', to: 'subscriber' }).map((r) => r.packet);
    expect(toSub.map((p) => p.type === 'PUBLISH' && p.dup)).toEqual([false, true]);
    const [first, again] = toSub.map((p) => (p.type === 'PUBLISH' ? p.packetId : undefined));
    expect(first).toBeGreaterThan(0);
    expect(again).toBe(first);
    expect(pair.deliveredText('subscriber')).toEqual(['m1', 'm1']);
    expect(pair.broker.sessions.get('subscriber')?.flow.inflight).toEqual([]);
  });

  it('MQTT-4.4.0-1 / MQTT-2.3.1-3 / MQTT-4.6.0-1: the broker re-sends PUBREL and PUBLISH (DUP=1) with their original packet ids, in original order', () => {
    const b = new RawBroker();
    b.connect('s1', 'sub', { cleanSession: false });
    b.send('s1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 2 }] });
    b.connect('p', 'pub');
    const pub = (payload: string, qos: QoS, packetId: number): Packet =>
      ({ type: 'PUBLISH', topic: 't', payload: text(payload), qos, dup: false, retain: false, packetId: id(packetId) });
    b.send('p', pub('a', 2, 11), pub('b', 1, 12), pub('c', 2, 13), pub('d', 1, 14));
    const sent = b.sentTo('s1').filter((p) => p.type === 'PUBLISH');
    const ids = sent.flatMap((p) => p.packetId ?? []);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
    const [a, bId, c, d] = ids;
    // a: PUBREC -> PUBREL sent, awaiting PUBCOMP; b: acknowledged, its id free again; c and d unacknowledged.
    expect(b.sentTo('s1', b.send('s1', { type: 'PUBREC', packetId: a }, { type: 'PUBACK', packetId: bId })))
      .toEqual([{ type: 'PUBREL', packetId: a }]);
    b.step({ type: 'connectionLost', connId: 's1' });
    const out = b.connect('s2', 'sub', { cleanSession: false });
    expect(b.sentTo('s2', out)).toEqual([
      { type: 'CONNACK', sessionPresent: true, returnCode: 0 },
      { type: 'PUBREL', packetId: a },
      { type: 'PUBLISH', topic: 't', payload: text('c'), qos: 2, dup: true, retain: false, packetId: c },
      { type: 'PUBLISH', topic: 't', payload: text('d'), qos: 1, dup: true, retain: false, packetId: d },
    ]);
    expect(out.filter((o) => o.type === 'send' && o.packet.type !== 'CONNACK').every((o) => o.type === 'send' && o.retransmission)).toBe(true);
    // The ids still close the flows they opened.
    b.send('s2', { type: 'PUBCOMP', packetId: a }, { type: 'PUBREC', packetId: c }, { type: 'PUBCOMP', packetId: c }, { type: 'PUBACK', packetId: d });
    expect(b.state.sessions.get('sub')?.flow.inflight).toEqual([]);
  });

  it('MQTT-4.3.3-2: subscriber side QoS 2 PUBREC lost -> broker re-sends, client re-acks, delivers once', () => {
    const pair = lab({ pubQos: 2, subQos: 2 });
    pair.dropNext({ type: 'PUBREC', from: 'subscriber' });
    pair.publish('publisher', 'lab/t', 'm1', 2);
    pair.connect('subscriber');
    expect(pair.deliveredText('subscriber')).toEqual(['m1']);
    expect(pair.rules('client.qos2.duplicate')).toHaveLength(1);
    expect(pair.broker.sessions.get('subscriber')?.flow.inflight).toEqual([]);
    expect(pair.clients.subscriber?.awaitingPubrel).toEqual([]);
  });

  it('MQTT-3.1.2-6: cleanSession=1 discards the unacknowledged QoS 2 message: it is lost', () => {
    const pair = lab({ pubQos: 2, subQos: 2, cleanSession: true, qos2Method: 'A' });
    pair.dropNext({ type: 'PUBREC', to: 'publisher' });
    pair.publish('publisher', 'lab/t', 'm1', 2);
    pair.connect('publisher');
    expect(pair.deliveredText('subscriber')).toEqual([]);
    expect(pair.rules('client.session.discarded')[0]?.params).toMatchObject({ publishes: 1 });
  });

  it('MQTT-4.6.0-1: several unacknowledged messages are re-sent in their original order', () => {
    const pair = lab({ pubQos: 1, subQos: 1 });
    pair.dropNext({ type: 'PUBLISH', from: 'publisher', nth: 3 });
    pair.publishBurst('publisher', 'lab/t', ['a', 'b', 'c', 'd'], 1);
    pair.connect('publisher');
    const publishes = pair.packets({ type: 'PUBLISH', from: 'publisher' });
    const label = (r: (typeof publishes)[number]) => (r.packet.type === 'PUBLISH' ? `${new TextDecoder().decode(r.packet.payload)}#${r.packet.packetId}` : '');
    const firsts = publishes.filter((r) => !r.retransmission).map(label);
    expect(firsts).toHaveLength(4);
    // The PUBACKs for a and b were lost with the connection: all four are unacknowledged, and
    // re-sent in the same order with the same packet ids (MQTT-2.3.1-3).
    expect(publishes.filter((r) => r.retransmission).map(label)).toEqual(firsts);
    expect(pair.deliveredText('subscriber')).toEqual(['a', 'b', 'a', 'b', 'c', 'd']);
  });
});
