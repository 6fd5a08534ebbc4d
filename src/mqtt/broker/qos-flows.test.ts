/**
 * The five flows of the classic QoS lesson, end to end through a real client/broker pair:
 * Pub0/Sub0, Pub1/Sub1, Pub2/Sub2, Pub2/Sub0 (downgrade), Pub0/Sub2.
 */
import { describe, expect, it } from 'vitest';
import type { QoS } from '../types';
import { EnginePair } from '../engine-pair.test-support';

function lab(pubQos: QoS, subQos: QoS, qos2Method: 'A' | 'B' = 'B'): EnginePair {
  const pair = new EnginePair({
    broker: { qos2Method },
    clients: {
      publisher: { clientId: 'publisher', cleanSession: false, keepAliveSec: 60 },
      subscriber: { clientId: 'subscriber', cleanSession: false, keepAliveSec: 60 },
    },
  });
  pair.connect('publisher').connect('subscriber').subscribe('subscriber', 'lab/t', subQos);
  pair.wire.length = 0;
  pair.publish('publisher', 'lab/t', 'hello', pubQos);
  return pair;
}

const flow = (pair: EnginePair): string[] =>
  pair.wire.map((r) => `${r.from}>${r.to} ${r.packet.type}${r.packet.type === 'PUBLISH' ? r.packet.qos : ''}`);

describe('QoS flows', () => {
  it('Pub0/Sub0: one PUBLISH each way, nothing acknowledged', () => {
    const pair = lab(0, 0);
    expect(flow(pair)).toEqual(['publisher>broker PUBLISH0', 'broker>subscriber PUBLISH0']);
    expect(pair.deliveredText('subscriber')).toEqual(['hello']);
  });

  it('Pub1/Sub1: PUBLISH, forward, PUBACK on each leg', () => {
    const pair = lab(1, 1);
    expect(flow(pair)).toEqual([
      'publisher>broker PUBLISH1', 'broker>subscriber PUBLISH1', 'broker>publisher PUBACK', 'subscriber>broker PUBACK',
    ]);
    expect(pair.deliveredText('subscriber')).toEqual(['hello']);
  });

  it('Pub2/Sub2 (Method B): forwarded at once, four-packet handshake on each leg', () => {
    const pair = lab(2, 2);
    expect(flow(pair)).toEqual([
      'publisher>broker PUBLISH2', 'broker>subscriber PUBLISH2', 'broker>publisher PUBREC',
      'subscriber>broker PUBREC', 'publisher>broker PUBREL', 'broker>subscriber PUBREL',
      'broker>publisher PUBCOMP', 'subscriber>broker PUBCOMP',
    ]);
    expect(pair.deliveredText('subscriber')).toEqual(['hello']);
  });

  it('Pub2/Sub2 (Method A): forwarded only after PUBREL', () => {
    const pair = lab(2, 2, 'A');
    expect(flow(pair)).toEqual([
      'publisher>broker PUBLISH2', 'broker>publisher PUBREC', 'publisher>broker PUBREL',
      'broker>subscriber PUBLISH2', 'broker>publisher PUBCOMP', 'subscriber>broker PUBREC',
      'broker>subscriber PUBREL', 'subscriber>broker PUBCOMP',
    ]);
    expect(pair.deliveredText('subscriber')).toEqual(['hello']);
  });

  it('MQTT-3.8.4-6: Pub2/Sub0 is delivered at QoS 0, downgrade narrated', () => {
    const pair = lab(2, 0);
    expect(flow(pair)).toContain('broker>subscriber PUBLISH0');
    expect(pair.delivered('subscriber').map((m) => m.qos)).toEqual([0]);
    expect(pair.rules('broker.downgrade')[0]?.params).toMatchObject({ from: 2, to: 0, clientId: 'subscriber' });
  });

  it('Pub0/Sub2: QoS is per leg, the subscriber gets QoS 0', () => {
    const pair = lab(0, 2);
    expect(flow(pair)).toEqual(['publisher>broker PUBLISH0', 'broker>subscriber PUBLISH0']);
    expect(pair.delivered('subscriber').map((m) => m.qos)).toEqual([0]);
  });

  it('the publisher is told when each outbound flow completes', () => {
    for (const qos of [0, 1, 2] as const) {
      const pair = lab(qos, 2);
      const published = pair.outputsOf('publisher').filter((o) => o.type === 'published');
      expect(published).toHaveLength(1);
    }
  });
});

describe('narrate: false', () => {
  /** QoS 2 both ways, a PUBREC lost with its connection, reconnect and resend: every kind of step. */
  function lossyRun(narrate: boolean): EnginePair {
    const pair = new EnginePair({
      broker: { narrate },
      clients: {
        publisher: { clientId: 'publisher', cleanSession: false, keepAliveSec: 60, narrate },
        subscriber: { clientId: 'subscriber', cleanSession: false, keepAliveSec: 60, narrate },
      },
    });
    pair.connect('publisher').connect('subscriber').subscribe('subscriber', 'lab/t', 2);
    pair.dropNext({ type: 'PUBREC', from: 'broker' }).publish('publisher', 'lab/t', 'one', 2);
    pair.connect('publisher').publish('publisher', 'lab/t', 'two', 2);
    return pair;
  }

  it('leaves out the ruleApplied outputs and changes nothing else', () => {
    const narrated = lossyRun(true);
    const silent = lossyRun(false);
    expect(narrated.rules().length).toBeGreaterThan(0);
    expect(silent.rules()).toEqual([]);
    const withoutRules = (pair: EnginePair) => pair.events.filter((e) => e.output.type !== 'ruleApplied');
    expect(withoutRules(silent)).toEqual(withoutRules(narrated));
    expect(silent.wire).toEqual(narrated.wire);
    expect(silent.deliveredText('subscriber')).toEqual(['one', 'two']);
  });
});
