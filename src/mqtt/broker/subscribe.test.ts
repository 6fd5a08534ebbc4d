/**
 * SUBSCRIBE / UNSUBSCRIBE and routing on the broker (MQTT 3.1.1 sections 3.8-3.11, 3.3.5, 4.7).
 */
import { describe, expect, it } from 'vitest';
import { asPacketId } from '../types';
import { EnginePair, text } from '../engine-pair.test-support';
import { RawBroker } from '../raw-broker.test-support';
import { isValidTopicFilter, isValidTopicName, topicMatches } from '../topic';
import { filtersOverlap } from './subscribe';

const id = asPacketId;

function pub(topic: string, payload: string, qos: 0 | 1 | 2 = 0) {
  return qos === 0
    ? { type: 'PUBLISH' as const, topic, payload: text(payload), qos, dup: false, retain: false }
    : { type: 'PUBLISH' as const, topic, payload: text(payload), qos, dup: false, retain: false, packetId: id(77) };
}

describe('broker: subscriptions', () => {
  it('MQTT-3.8.4-1 / MQTT-3.8.4-2 / MQTT-3.8.4-5 / MQTT-3.9.3-1: one SUBACK, same packetId, a code per filter in order', () => {
    const b = new RawBroker({ refusedFilters: ['secret/#'] });
    b.connect('c1', 'a');
    const out = b.send('c1', { type: 'SUBSCRIBE', packetId: id(42), subscriptions: [
      { topicFilter: 'x', qos: 2 }, { topicFilter: 'secret/#', qos: 1 }, { topicFilter: 'a/b#', qos: 0 }, { topicFilter: 'y/+', qos: 1 },
    ] });
    expect(b.sentTo('c1', out)).toEqual([{ type: 'SUBACK', packetId: id(42), returnCodes: [2, 0x80, 0x80, 1] }]);
    expect(b.rules('broker.subscribe.refused', out).map((r) => r.params.reason)).toEqual(['refused', 'invalid']);
  });

  it('MQTT-3.9.3-2: 0x80 for every filter that could receive a refused topic, normal grants for the rest', () => {
    const b = new RawBroker({ refusedFilters: ['secret/#', '$SYS/#'] });
    b.connect('c1', 'a');
    const filters = ['secret/x', 'secret/#', 'secret/+/y', 'secret', '#', '+/x', '+/+/y', 'public/x', 'secret2/x', '+', '$SYS/x', 'a/#'];
    const out = b.send('c1', { type: 'SUBSCRIBE', packetId: id(7), subscriptions: filters.map((topicFilter) => ({ topicFilter, qos: 1 as const })) });
    // '#' and '+/x' could receive secret/x, '+' could receive "secret"; '$SYS/#' does not refuse '#' or '+',
    // which never match a '$' topic (MQTT-4.7.2-1).
    expect(b.sentTo('c1', out)).toEqual([{ type: 'SUBACK', packetId: id(7), returnCodes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 1, 1, 0x80, 0x80, 1] }]);
    expect(b.state.sessions.get('a')?.subscriptions.map((s) => s.topicFilter)).toEqual(['public/x', 'secret2/x', 'a/#']);
    b.connect('p', 'pub');
    const sent = b.send('p', pub('secret/x', 's'), pub('secret', 's'), pub('$SYS/x', 's'), pub('public/x', 'p'));
    expect(b.sentTo('c1', sent).map((p) => (p.type === 'PUBLISH' ? p.topic : p.type))).toEqual(['public/x']);
  });

  it('MQTT-3.9.3-2: the refusal rule holds exactly when some topic matches both filters (every small case)', () => {
    const levels = ['a', '$s', '', '+', '#'];
    const expand = (depth: number): string[][] => (depth === 0 ? [[]] : expand(depth - 1).flatMap((p) => levels.map((l) => [...p, l])));
    const filters = [1, 2, 3].flatMap(expand).map((l) => l.join('/')).filter(isValidTopicFilter);
    // Every witness a pair of these filters can have is among these topics: literal levels, or 'a' for a wildcard.
    const topics = [1, 2, 3].flatMap(expand).filter((l) => l.every((x) => x === 'a' || x === '$s' || x === ''))
      .map((l) => l.join('/')).filter(isValidTopicName);
    for (const f of filters) {
      for (const g of filters) {
        const shared = topics.some((t) => topicMatches(f, t) && topicMatches(g, t));
        if (filtersOverlap(f, g) !== shared) expect.fail(`${f} vs ${g}: overlap ${!shared}, a shared topic exists: ${shared}`);
      }
    }
    expect(filters.length).toBeGreaterThan(100);
  });

  it('MQTT-3.8.4-4: several filters act like several SUBSCRIBEs (same filter twice: the last one wins)', () => {
    const b = new RawBroker();
    b.connect('c1', 'a');
    b.send('c1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'x', qos: 2 }, { topicFilter: 'x', qos: 0 }] });
    expect(b.state.sessions.get('a')?.subscriptions).toEqual([{ topicFilter: 'x', qos: 0 }]);
  });

  it('MQTT-3.8.4-3: a repeated filter replaces the subscription and re-sends retained messages', () => {
    const pair = new EnginePair({ clients: {
      pub: { clientId: 'pub', cleanSession: true, keepAliveSec: 0 },
      sub: { clientId: 'sub', cleanSession: true, keepAliveSec: 0 },
    } });
    pair.connect('pub').connect('sub');
    pair.publish('pub', 'r', 'retained', 2, true);
    pair.subscribe('sub', 'r', 2).subscribe('sub', 'r', 1);
    expect(pair.broker.sessions.get('sub')?.subscriptions).toEqual([{ topicFilter: 'r', qos: 1 }]);
    expect(pair.delivered('sub').map((m) => [m.qos, m.retain])).toEqual([[2, true], [1, true]]);
    expect(pair.rules('broker.subscribe.replaced')).toHaveLength(1);
  });

  it('MQTT-3.3.5-1: overlapping subscriptions deliver one copy at the highest QoS', () => {
    const b = new RawBroker();
    b.connect('s', 'sub');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'a/#', qos: 0 }, { topicFilter: 'a/+', qos: 2 }, { topicFilter: 'a/b', qos: 1 }] });
    b.connect('p', 'pub');
    const out = b.send('p', pub('a/b', 'x', 2));
    const toSub = b.sentTo('s', out);
    expect(toSub).toHaveLength(1);
    expect(toSub[0]).toMatchObject({ type: 'PUBLISH', qos: 2 });
    expect(b.rules('broker.overlap.maxQos', out)[0]?.params).toMatchObject({ matches: 3, qos: 2 });
  });

  it('MQTT-3.8.4-6: delivered QoS = min(published, granted), with a downgrade narrated', () => {
    const b = new RawBroker();
    b.connect('s', 'sub');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 1 }] });
    b.connect('p', 'pub');
    const out = b.send('p', pub('t', 'x', 2), { type: 'PUBLISH', topic: 't', payload: text('y'), qos: 0, dup: false, retain: false });
    expect(b.sentTo('s', out).map((p) => (p.type === 'PUBLISH' ? p.qos : -1))).toEqual([1, 0]);
    expect(b.rules('broker.downgrade', out)).toHaveLength(1);
  });

  it('MQTT-4.7.2-1: # and + subscriptions do not receive $ topics; $SYS/# does', () => {
    const b = new RawBroker();
    b.connect('s', 'sub');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: '#', qos: 0 }, { topicFilter: '+/x', qos: 0 }] });
    b.connect('d', 'dollar');
    b.send('d', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: '$SYS/#', qos: 0 }] });
    b.connect('p', 'pub');
    const out = b.send('p', pub('$SYS/x', 'sys'));
    expect(b.sentTo('s', out)).toEqual([]);
    expect(b.sentTo('d', out)).toHaveLength(1);
  });

  it('MQTT-3.3.2-3: the topic name sent to a subscriber matches its filter (wildcards route by topic name)', () => {
    const b = new RawBroker();
    b.connect('s', 'sub');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'sport/+/score', qos: 0 }] });
    b.connect('p', 'pub');
    const out = b.send('p', pub('sport/tennis/score', 'a'), pub('sport/tennis/player', 'b'));
    expect(b.sentTo('s', out).map((p) => (p.type === 'PUBLISH' ? p.topic : ''))).toEqual(['sport/tennis/score']);
  });

  it('MQTT-3.10.4-1 / MQTT-3.10.4-4 / MQTT-3.10.4-5 / MQTT-3.10.4-6: UNSUBSCRIBE compares exactly; one UNSUBACK, even for no match', () => {
    const b = new RawBroker();
    b.connect('s', 'sub');
    b.send('s', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 'a/+', qos: 0 }, { topicFilter: 'a/b', qos: 0 }] });
    const out = b.send('s', { type: 'UNSUBSCRIBE', packetId: id(9), topicFilters: ['a/b', 'A/+', 'nope'] });
    expect(b.sentTo('s', out)).toEqual([{ type: 'UNSUBACK', packetId: id(9) }]);
    expect(b.state.sessions.get('sub')?.subscriptions).toEqual([{ topicFilter: 'a/+', qos: 0 }]);
    expect(b.rules('broker.unsubscribed', out).map((r) => r.params.existed)).toEqual([true, false, false]);
  });

  it('MQTT-3.10.4-2 / MQTT-3.10.4-3: after UNSUBSCRIBE no new messages, but in-flight QoS 2 completes', () => {
    const pair = new EnginePair({ clients: {
      pub: { clientId: 'pub', cleanSession: true, keepAliveSec: 0 },
      sub: { clientId: 'sub', cleanSession: false, keepAliveSec: 0 },
    } });
    pair.connect('pub').connect('sub').subscribe('sub', 't', 2);
    pair.dropNext({ type: 'PUBCOMP', from: 'sub' }); // leaves the broker's PUBREL unacknowledged
    pair.publish('pub', 't', 'first', 2);
    pair.connect('sub').client('sub', { type: 'appUnsubscribed', topicFilters: ['t'] });
    pair.publish('pub', 't', 'second', 2);
    expect(pair.deliveredText('sub')).toEqual(['first']);
    expect(pair.packets({ type: 'PUBREL', to: 'sub' }).map((r) => r.retransmission)).toEqual([false, true]);
    expect(pair.broker.sessions.get('sub')?.flow.inflight).toEqual([]);
  });

  it('MQTT-3.8.3-3 / MQTT-3.10.3-2: SUBSCRIBE or UNSUBSCRIBE without filters is a violation', () => {
    const b = new RawBroker();
    b.connect('s', 'sub');
    // SUBSCRIBE, flags 0010, remaining length 2, packetId 1, no filter.
    const out = b.step({ type: 'bytesReceived', connId: 's', bytes: new Uint8Array([0x82, 0x02, 0x00, 0x01]) });
    expect(b.closed('s', out)?.reason).toBe('protocolError');
    b.connect('u', 'unsub');
    const out2 = b.step({ type: 'bytesReceived', connId: 'u', bytes: new Uint8Array([0xa2, 0x02, 0x00, 0x01]) });
    expect(b.closed('u', out2)?.reason).toBe('protocolError');
  });
});
