/**
 * Persistent sessions on the broker: what survives a disconnection, what is queued for an
 * offline client, what a clean session throws away, and broker restarts.
 */
import { describe, expect, it } from 'vitest';
import { EnginePair } from '../engine-pair.test-support';

function lab(subClean = false, broker: ConstructorParameters<typeof EnginePair>[0]['broker'] = {}): EnginePair {
  const pair = new EnginePair({
    broker,
    clients: {
      publisher: { clientId: 'publisher', cleanSession: true, keepAliveSec: 0 },
      subscriber: { clientId: 'subscriber', cleanSession: subClean, keepAliveSec: 0 },
    },
  });
  return pair.connect('publisher').connect('subscriber').subscribe('subscriber', 'lab/#', 2);
}

describe('broker: sessions', () => {
  it('MQTT-3.1.2-5: QoS 1/2 for an offline cleanSession=0 subscriber are stored and delivered in order on reconnect', () => {
    const pair = lab();
    pair.client('subscriber', { type: 'appDisconnected' });
    pair.publish('publisher', 'lab/a', 'one', 1).publish('publisher', 'lab/b', 'two', 2).publish('publisher', 'lab/a', 'three', 1);
    expect(pair.rules('broker.queued.offline')).toHaveLength(3);
    pair.connect('subscriber');
    expect(pair.deliveredText('subscriber')).toEqual(['one', 'two', 'three']);
  });

  it('MQTT-3.1.2-5: QoS 0 for an offline subscriber is not stored, and the lab is told', () => {
    const pair = lab();
    pair.client('subscriber', { type: 'appDisconnected' });
    pair.publish('publisher', 'lab/a', 'zero', 0);
    expect(pair.rules('broker.offline.qos0Dropped')).toHaveLength(1);
    pair.connect('subscriber');
    expect(pair.deliveredText('subscriber')).toEqual([]);
  });

  it('MQTT-3.1.2-4: subscriptions survive disconnection of a cleanSession=0 client', () => {
    const pair = lab();
    pair.breakLink('subscriber').connect('subscriber');
    expect(pair.clients.subscriber?.sessionPresent).toBe(true);
    pair.publish('publisher', 'lab/x', 'after', 1);
    expect(pair.deliveredText('subscriber')).toEqual(['after']);
    // Subscription state was not sent again: the broker still had it.
    expect(pair.packets({ type: 'SUBSCRIBE' })).toHaveLength(1);
  });

  it('MQTT-3.1.2-6: a cleanSession=1 subscriber loses everything when the connection ends', () => {
    const pair = lab(true, {});
    pair.client('subscriber', { type: 'appDisconnected' });
    pair.publish('publisher', 'lab/a', 'lost', 1);
    expect(pair.rules('broker.noSubscribers')).toHaveLength(1);
    expect(pair.broker.sessions.has('subscriber')).toBe(false);
  });

  it('MQTT-4.1.0-1: session state (in flight, awaiting PUBREL) is kept for the whole session', () => {
    const pair = lab();
    pair.dropNext({ type: 'PUBREC', from: 'subscriber' });
    pair.publish('publisher', 'lab/a', 'q2', 2);
    const row = pair.broker.sessions.get('subscriber');
    expect(row?.connId).toBeUndefined();
    expect(row?.flow.inflight.map((m) => m.awaiting)).toEqual(['PUBREC']);
    expect(pair.clients.subscriber?.awaitingPubrel).toEqual([1]);
    pair.connect('subscriber');
    expect(pair.deliveredText('subscriber')).toEqual(['q2']);
  });

  it('maxQueued bounds the offline queue; overflow is dropped and narrated', () => {
    const pair = lab(false, { maxQueued: 2 });
    pair.client('subscriber', { type: 'appDisconnected' });
    for (const m of ['a', 'b', 'c']) pair.publish('publisher', 'lab/a', m, 1);
    expect(pair.rules('broker.queue.full')).toHaveLength(1);
    pair.connect('subscriber');
    expect(pair.deliveredText('subscriber')).toEqual(['a', 'b']);
  });

  it('MQTT-3.1.2-7: retained messages outlive sessions; a restart without persistence loses everything', () => {
    const pair = lab(true);
    pair.publish('publisher', 'lab/r', 'kept', 1, true);
    pair.client('subscriber', { type: 'appDisconnected' });
    expect(pair.broker.retained.has('lab/r')).toBe(true);
    pair.restartBroker(true);
    expect(pair.broker.retained.has('lab/r')).toBe(true);
    pair.restartBroker(false);
    expect(pair.broker.retained.size).toBe(0);
    expect(pair.broker.sessions.size).toBe(0);
  });

  it('a restart that keeps sessions keeps in-flight state; the client resumes it (sessionPresent=1)', () => {
    const pair = lab();
    pair.dropNext({ type: 'PUBACK', from: 'subscriber' });
    pair.publish('publisher', 'lab/a', 'm', 1);
    pair.restartBroker(true);
    pair.connect('subscriber');
    expect(pair.clients.subscriber?.sessionPresent).toBe(true);
    expect(pair.deliveredText('subscriber')).toEqual(['m', 'm']);
  });

  it('a restart that loses sessions: the client sees sessionPresent=0, re-sends anyway and re-subscribes', () => {
    const pair = new EnginePair({ clients: {
      publisher: { clientId: 'publisher', cleanSession: false, keepAliveSec: 0 },
      subscriber: { clientId: 'subscriber', cleanSession: false, keepAliveSec: 0 },
    } });
    pair.connect('publisher').connect('subscriber').subscribe('subscriber', 'lab/#', 1);
    pair.dropNext({ type: 'PUBACK', to: 'publisher' });
    pair.publish('publisher', 'lab/a', 'm', 1);
    pair.restartBroker(false);
    pair.connect('subscriber').connect('publisher');
    expect(pair.rules('client.session.lostByBroker')).toHaveLength(1);
    expect(pair.rules('client.resubscribe')).toHaveLength(1);
    expect(pair.deliveredText('subscriber')).toEqual(['m', 'm']);
  });
});
