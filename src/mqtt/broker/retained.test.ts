/**
 * Retained messages (MQTT 3.1.1 section 3.3.1.3).
 */
import { describe, expect, it } from 'vitest';
import { asPacketId } from '../types';
import { text } from '../engine-pair.test-support';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;

function publish(topic: string, payload: string, qos: 0 | 1 | 2, retain: boolean) {
  return { type: 'PUBLISH' as const, topic, payload: text(payload), qos, dup: false, retain, ...(qos > 0 ? { packetId: id(5) } : {}) };
}

function setup(): RawBroker {
  const b = new RawBroker();
  b.connect('p', 'pub');
  return b;
}

const subscribe = (b: RawBroker, connId: string, topicFilter: string, qos: 0 | 1 | 2 = 2) => {
  b.connect(connId, connId);
  return b.send(connId, { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter, qos }] });
};

describe('broker: retained messages', () => {
  it('MQTT-3.3.1-5 / MQTT-3.3.1-6 / MQTT-3.3.1-8: stored with its QoS, sent to a new subscriber with RETAIN=1 after SUBACK', () => {
    const b = setup();
    b.send('p', publish('r/1', 'v', 1, true));
    const out = subscribe(b, 's', 'r/#');
    const sent = b.sentTo('s', out);
    expect(sent.map((p) => p.type)).toEqual(['SUBACK', 'PUBLISH']);
    expect(sent[1]).toMatchObject({ topic: 'r/1', qos: 1, retain: true, dup: false });
    expect(b.rules('broker.retained.stored')).toHaveLength(1);
  });

  it('retained QoS is capped by the granted QoS', () => {
    const b = setup();
    b.send('p', publish('r/1', 'v', 2, true));
    expect(b.sentTo('s', subscribe(b, 's', 'r/1', 0))[1]).toMatchObject({ qos: 0, retain: true });
  });

  it('MQTT-3.3.1-9: a live forward has RETAIN=0 even when published with RETAIN=1', () => {
    const b = setup();
    subscribe(b, 's', 'r/#');
    const out = b.send('p', publish('r/1', 'v', 0, true));
    expect(b.sentTo('s', out)[0]).toMatchObject({ retain: false });
  });

  it('MQTT-3.3.1-7: a QoS 0 retained message replaces the previous one', () => {
    const b = setup();
    b.send('p', publish('r/1', 'old', 2, true), publish('r/1', 'new', 0, true));
    const sent = b.sentTo('s', subscribe(b, 's', 'r/1'));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ qos: 0, payload: text('new') });
  });

  it('MQTT-3.3.1-10 / MQTT-3.3.1-11: an empty retained payload clears, is forwarded, and is not stored', () => {
    const b = setup();
    subscribe(b, 'live', 'r/1');
    b.send('p', publish('r/1', 'v', 1, true));
    const out = b.send('p', publish('r/1', '', 1, true));
    expect(b.sentTo('live', out).filter((p) => p.type === 'PUBLISH')).toHaveLength(1);
    expect(b.state.retained.size).toBe(0);
    expect(b.rules('broker.retained.cleared')).toHaveLength(1);
    expect(b.sentTo('s', subscribe(b, 's', 'r/1'))).toEqual([{ type: 'SUBACK', packetId: id(1), returnCodes: [2] }]);
  });

  it('MQTT-3.3.1-12: RETAIN=0 neither stores nor replaces nor removes', () => {
    const b = setup();
    b.send('p', publish('r/1', 'kept', 1, true), publish('r/1', 'live', 1, false), publish('r/1', '', 0, false));
    expect(b.state.retained.get('r/1')?.payload).toEqual(text('kept'));
  });

  it('MQTT-4.7.2-1: a # subscription does not receive retained $ topics', () => {
    const b = setup();
    b.send('p', publish('$SYS/x', 'v', 0, true));
    expect(b.state.retained.has('$SYS/x')).toBe(true); // there is a retained $ message to withhold
    expect(b.sentTo('s', subscribe(b, 's', '#')).filter((p) => p.type === 'PUBLISH')).toEqual([]);
    expect(b.sentTo('d', subscribe(b, 'd', '$SYS/#')).filter((p) => p.type === 'PUBLISH')).toMatchObject([{ topic: '$SYS/x', retain: true }]);
  });
});
