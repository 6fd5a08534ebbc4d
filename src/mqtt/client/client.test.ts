/**
 * The client session on its own, driven packet by packet with a hand-played broker (real codec,
 * no mocks): what it sends, what it delivers, when it wants to be woken.
 */
import { describe, expect, it } from 'vitest';
import type { Packet, QoS } from '../types';
import { encode } from '../codec';
import type { ClientInput, ClientOptions, ClientOutput, ClientState } from './index';
import { clientStep, clientView, createClient } from './index';

const text = (s: string) => new TextEncoder().encode(s);

class Harness {
  nowMs = 0;
  readonly state: ClientState;
  readonly outputs: ClientOutput[] = [];
  wakeAtMs: number | undefined;
  constructor(options: Partial<ClientOptions> = {}) {
    this.state = createClient({ clientId: 'c', cleanSession: false, keepAliveSec: 0, ...options });
  }
  step(input: ClientInput): ClientOutput[] {
    const r = clientStep(this.state, input, this.nowMs);
    this.wakeAtMs = r.wakeAtMs;
    this.outputs.push(...r.outputs);
    return r.outputs;
  }
  receive(...packets: Packet[]): ClientOutput[] {
    return packets.flatMap((p) => this.step({ type: 'bytesReceived', bytes: encode(p) }));
  }
  connect(sessionPresent = false): ClientOutput[] {
    this.step({ type: 'connectionOpened' });
    return this.receive({ type: 'CONNACK', sessionPresent, returnCode: 0 });
  }
  publish(payload: string, qos: QoS): ClientOutput[] {
    return this.step({ type: 'appPublished', message: { topic: 't', payload: text(payload), qos, retain: false } });
  }
}

const sent = (outputs: ClientOutput[]): Packet[] => outputs.flatMap((o) => (o.type === 'send' ? [o.packet] : []));
const closeOf = (outputs: ClientOutput[]) => outputs.find((o) => o.type === 'close');
const delivered = (outputs: ClientOutput[]) => outputs.filter((o) => o.type === 'deliver');
const rule = (outputs: ClientOutput[], key: string) => outputs.filter((o) => o.type === 'ruleApplied' && o.key === key);

describe('client: connecting', () => {
  it('MQTT-3.1.0-1: the first packet is CONNECT with the session options', () => {
    const h = new Harness({ cleanSession: true, keepAliveSec: 30, username: 'u', password: text('p'),
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: true } });
    expect(sent(h.step({ type: 'connectionOpened' }))).toEqual([{
      type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: 'c', cleanSession: true, keepAliveSec: 30,
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: true }, username: 'u', password: text('p'),
    }]);
  });

  it('CONNACK 0 reports connected with sessionPresent', () => {
    const h = new Harness();
    expect(h.connect(true).find((o) => o.type === 'connected')).toEqual({ type: 'connected', sessionPresent: true, returnCode: 0 });
    expect(clientView(h.state)).toMatchObject({ connected: true, sessionPresent: true });
  });

  it('MQTT-3.2.2-5: a refusing CONNACK is reported and the connection closed', () => {
    const h = new Harness();
    h.step({ type: 'connectionOpened' });
    const out = h.receive({ type: 'CONNACK', sessionPresent: false, returnCode: 5 });
    expect(out.find((o) => o.type === 'connected')).toMatchObject({ returnCode: 5 });
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'refused' });
  });

  it('MQTT-3.2.0-1: anything but CONNACK first from the server is a protocol violation', () => {
    const h = new Harness();
    h.step({ type: 'connectionOpened' });
    expect(closeOf(h.receive({ type: 'PINGRESP' }))).toMatchObject({ reason: 'protocolError' });
  });

  it('MQTT-4.8.0-1: a packet only clients send, or malformed bytes, close the connection', () => {
    const h = new Harness();
    h.connect();
    expect(closeOf(h.receive({ type: 'PINGREQ' }))).toMatchObject({ reason: 'protocolError' });
    const h2 = new Harness();
    h2.connect();
    // PUBLISH with both QoS bits set (MQTT-3.3.1-4).
    expect(closeOf(h2.step({ type: 'bytesReceived', bytes: new Uint8Array([0x36, 3, 0, 1, 0x74]) }))).toMatchObject({ reason: 'protocolError' });
  });

  it('MQTT-3.14.4-1 / MQTT-3.14.4-2: DISCONNECT, then close, then nothing more on that connection', () => {
    const h = new Harness();
    h.connect();
    const out = h.step({ type: 'appDisconnected' });
    expect(sent(out)).toEqual([{ type: 'DISCONNECT' }]);
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'disconnect' });
    expect(sent(h.publish('later', 1))).toEqual([]);
    expect(h.wakeAtMs).toBeUndefined();
  });
});

describe('client: sending', () => {
  it('MQTT-2.3.1-1 / MQTT-2.3.1-2: packet ids are non-zero, unused, and wrap after 65535', () => {
    const h = new Harness({ maxInflight: 5 });
    h.connect();
    h.state.flow.nextPacketId = 65534;
    const ids = [...h.publish('a', 1), ...h.publish('b', 2), ...h.publish('c', 1)]
      .flatMap((o) => (o.type === 'send' && o.packet.type === 'PUBLISH' ? [o.packet.packetId] : []));
    expect(ids).toEqual([65534, 65535, 1]);
    h.state.flow.nextPacketId = 65534; // everything from 65534 to 1 is in use now
    h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'x', qos: 0 }] });
    expect(h.state.requests[0]?.packet.packetId).toBe(2);
    expect(sent(h.publish('d', 1))[0]).toMatchObject({ packetId: 3 });
  });

  it('MQTT-4.3.1-1: QoS 0 goes out once with DUP=0 and is reported published at once', () => {
    const h = new Harness();
    h.connect();
    const out = h.publish('a', 0);
    expect(sent(out)).toEqual([{ type: 'PUBLISH', topic: 't', payload: text('a'), qos: 0, dup: false, retain: false }]);
    expect(out.find((o) => o.type === 'published')).toBeDefined();
  });

  it('QoS 0 while offline is dropped and said so; QoS 1/2 wait for the connection', () => {
    const h = new Harness();
    expect(rule(h.publish('zero', 0), 'client.qos0.dropped')).toHaveLength(1);
    expect(rule(h.publish('one', 1), 'client.queued')).toHaveLength(1);
    h.step({ type: 'connectionOpened' });
    const out = h.receive({ type: 'CONNACK', sessionPresent: false, returnCode: 0 });
    expect(sent(out)).toMatchObject([{ type: 'PUBLISH', qos: 1, dup: false, packetId: 1 }]);
  });

  it('the in-flight window holds maxInflight messages; the rest queue and go out as acks arrive', () => {
    const h = new Harness({ maxInflight: 2 });
    h.connect();
    const first = [...h.publish('a', 1), ...h.publish('b', 2), ...h.publish('c', 1)];
    expect(sent(first)).toHaveLength(2);
    expect(clientView(h.state)).toMatchObject({ awaitingPuback: [1], awaitingPubrec: [2], queued: 1 });
    expect(sent(h.receive({ type: 'PUBREC', packetId: 2 }))).toEqual([{ type: 'PUBREL', packetId: 2 }]);
    expect(clientView(h.state)).toMatchObject({ awaitingPubcomp: [2], queued: 1 });
    expect(sent(h.receive({ type: 'PUBACK', packetId: 1 }))).toMatchObject([{ type: 'PUBLISH', packetId: 3 }]);
  });

  it('MQTT-4.3.2-1 / MQTT-4.3.3-1: published is reported on PUBACK (QoS 1) and on PUBCOMP (QoS 2), not before', () => {
    const h = new Harness();
    h.connect();
    h.publish('a', 2);
    expect(h.receive({ type: 'PUBREC', packetId: 1 }).some((o) => o.type === 'published')).toBe(false);
    expect(h.receive({ type: 'PUBCOMP', packetId: 1 }).find((o) => o.type === 'published')).toMatchObject({ packetId: 1 });
  });

  it('MQTT-4.6.0-4: PUBRELs go out in the order the PUBRECs arrived', () => {
    const h = new Harness();
    h.connect();
    h.publish('a', 2); h.publish('b', 2); h.publish('c', 2);
    const out = h.receive({ type: 'PUBREC', packetId: 3 }, { type: 'PUBREC', packetId: 1 }, { type: 'PUBREC', packetId: 2 });
    expect(sent(out).map((p) => (p.type === 'PUBREL' ? p.packetId : 0))).toEqual([3, 1, 2]);
  });

  it('MQTT-4.4.0-1 / MQTT-4.6.0-1: on sessionPresent=1, PUBLISH (DUP=1) and PUBREL are re-sent in original order', () => {
    const h = new Harness();
    h.connect();
    h.publish('a', 2); h.publish('b', 1); h.publish('c', 2);
    h.receive({ type: 'PUBREC', packetId: 1 });
    h.step({ type: 'connectionLost' });
    const out = h.connect(true);
    expect(sent(out)).toMatchObject([
      { type: 'PUBREL', packetId: 1 }, { type: 'PUBLISH', packetId: 2, dup: true }, { type: 'PUBLISH', packetId: 3, dup: true },
    ]);
    expect(out.filter((o) => o.type === 'send').every((o) => o.type === 'send' && o.retransmission)).toBe(true);
  });

  it('MQTT-3.1.2-6: cleanSession=1 discards unacknowledged messages before reconnecting', () => {
    const h = new Harness({ cleanSession: true });
    h.connect();
    h.publish('a', 2);
    h.step({ type: 'connectionLost' });
    const opened = h.step({ type: 'connectionOpened' });
    expect(rule(opened, 'client.session.discarded')[0]).toMatchObject({ params: { publishes: 1, pubrels: 0 } });
    expect(sent(h.receive({ type: 'CONNACK', sessionPresent: false, returnCode: 0 }))).toEqual([]);
  });

  it('retryOnTimeout: re-sends with DUP=1 after retryTimeoutMs without reconnecting', () => {
    const h = new Harness({ retryMode: 'retryOnTimeout', retryTimeoutMs: 2000 });
    h.connect();
    h.publish('a', 1);
    expect(h.wakeAtMs).toBe(2000);
    h.nowMs = 2000;
    const out = h.step({ type: 'timeAdvanced' });
    expect(sent(out)).toMatchObject([{ type: 'PUBLISH', packetId: 1, dup: true }]);
    expect(rule(out, 'client.resend.publish')[0]).toMatchObject({ params: { reason: 'timeout' } });
    expect(h.wakeAtMs).toBe(4000);
  });
});

describe('client: receiving', () => {
  const pub = (payload: string, qos: QoS, packetId?: number, dup = false): Packet =>
    ({ type: 'PUBLISH', topic: 't', payload: text(payload), qos, dup, retain: false, ...(packetId ? { packetId } : {}) });

  it('MQTT-4.3.2-2 / MQTT-4.5.0-2: QoS 1 is delivered and acknowledged with the same packetId', () => {
    const h = new Harness();
    h.connect();
    const out = h.receive(pub('a', 1, 4));
    expect(delivered(out)).toHaveLength(1);
    expect(sent(out)).toEqual([{ type: 'PUBACK', packetId: 4 }]);
  });

  it('MQTT-4.3.3-2: QoS 2 is delivered once; a repeat before PUBREL is re-acked, not delivered', () => {
    const h = new Harness();
    h.connect();
    const first = h.receive(pub('a', 2, 4));
    expect(delivered(first)).toHaveLength(1);
    expect(sent(first)).toEqual([{ type: 'PUBREC', packetId: 4 }]);
    const again = h.receive(pub('a', 2, 4, true));
    expect(delivered(again)).toHaveLength(0);
    expect(sent(again)).toEqual([{ type: 'PUBREC', packetId: 4 }]);
    expect(sent(h.receive({ type: 'PUBREL', packetId: 4 }))).toEqual([{ type: 'PUBCOMP', packetId: 4 }]);
    expect(delivered(h.receive(pub('b', 2, 4)))).toHaveLength(1);
  });

  it('MQTT-4.3.3-2: PUBREL for an unknown id is still answered with PUBCOMP', () => {
    const h = new Harness();
    h.connect();
    expect(sent(h.receive({ type: 'PUBREL', packetId: 8 }))).toEqual([{ type: 'PUBCOMP', packetId: 8 }]);
  });

  it('MQTT-4.6.0-2 / MQTT-4.6.0-3: acknowledgements in the order the PUBLISHes arrived', () => {
    const h = new Harness();
    h.connect();
    const out = h.receive(pub('a', 2, 9), pub('b', 1, 3), pub('c', 2, 1));
    expect(sent(out)).toEqual([{ type: 'PUBREC', packetId: 9 }, { type: 'PUBACK', packetId: 3 }, { type: 'PUBREC', packetId: 1 }]);
  });

  it('sessionPresent=0 after a broker lost our session: held QoS 2 ids are forgotten', () => {
    const h = new Harness();
    h.connect();
    h.receive(pub('a', 2, 4));
    h.step({ type: 'connectionLost' });
    const out = h.connect(false);
    expect(rule(out, 'client.session.lostByBroker')).toHaveLength(1);
    expect(delivered(h.receive(pub('new', 2, 4)))).toHaveLength(1);
  });
});

describe('client: subscriptions', () => {
  it('MQTT-2.3.1-7: SUBACK and UNSUBACK complete the request with the same packetId', () => {
    const h = new Harness();
    h.connect();
    const out = h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'a/#', qos: 2 }, { topicFilter: 'b', qos: 1 }] });
    expect(sent(out)).toEqual([{ type: 'SUBSCRIBE', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 2 }, { topicFilter: 'b', qos: 1 }] }]);
    const ack = h.receive({ type: 'SUBACK', packetId: 1, returnCodes: [1, 0x80] });
    expect(ack).toContainEqual({ type: 'subscribed', packetId: 1, returnCodes: [1, 0x80] });
    expect(h.state.subscriptions).toEqual([{ topicFilter: 'a/#', qos: 1 }]);
    h.step({ type: 'appUnsubscribed', topicFilters: ['a/#'] });
    expect(h.receive({ type: 'UNSUBACK', packetId: 2 })).toContainEqual({ type: 'unsubscribed', packetId: 2 });
    expect(h.state.subscriptions).toEqual([]);
  });

  it('a subscription asked for offline is sent after CONNACK; an invalid filter is refused locally', () => {
    const h = new Harness();
    h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'x', qos: 1 }] });
    expect(rule(h.step({ type: 'appSubscribed', subscriptions: [{ topicFilter: 'a#', qos: 1 }] }), 'client.request.rejected')).toHaveLength(1);
    expect(sent(h.connect())).toMatchObject([{ type: 'SUBSCRIBE', packetId: 1 }]);
  });
});

describe('client: keep alive', () => {
  it('MQTT-3.1.2-23: PINGREQ after keepAliveSec without sending; sending postpones it', () => {
    const h = new Harness({ keepAliveSec: 10 });
    h.connect();
    expect(h.wakeAtMs).toBe(10_000);
    h.nowMs = 4000;
    h.publish('a', 0);
    expect(h.wakeAtMs).toBe(14_000);
    h.nowMs = 14_000;
    expect(sent(h.step({ type: 'timeAdvanced' }))).toEqual([{ type: 'PINGREQ' }]);
    h.nowMs = 15_000;
    h.receive({ type: 'PINGRESP' });
    expect(h.wakeAtMs).toBe(24_000);
  });

  it('no PINGRESP within keepAliveSec: the connection is considered lost', () => {
    const h = new Harness({ keepAliveSec: 10 });
    h.connect();
    h.nowMs = 10_000;
    h.step({ type: 'timeAdvanced' });
    expect(h.wakeAtMs).toBe(20_000);
    h.nowMs = 20_000;
    const out = h.step({ type: 'timeAdvanced' });
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'keepAlive' });
    expect(rule(out, 'client.keepAlive.timeout')[0]).toMatchObject({ params: { waitingFor: 'PINGRESP' } });
  });

  it('no CONNACK within keepAliveSec: the connection is considered lost', () => {
    const h = new Harness({ keepAliveSec: 5 });
    h.step({ type: 'connectionOpened' });
    h.nowMs = 5000;
    expect(closeOf(h.step({ type: 'timeAdvanced' }))).toEqual({ type: 'close', reason: 'keepAlive' });
  });

  it('keepAliveSec = 0: nothing scheduled', () => {
    const h = new Harness({ keepAliveSec: 0 });
    h.connect();
    expect(h.wakeAtMs).toBeUndefined();
  });
});

describe('client: state is plain data', () => {
  it('a structuredClone mid-flow continues exactly like the original', () => {
    const h = new Harness({ keepAliveSec: 10 });
    h.connect();
    h.publish('a', 2);
    h.receive(pub2());
    const copy = structuredClone(h.state);
    const a = clientStep(h.state, { type: 'bytesReceived', bytes: encode({ type: 'PUBREC', packetId: 1 }) }, 5);
    const b = clientStep(copy, { type: 'bytesReceived', bytes: encode({ type: 'PUBREC', packetId: 1 }) }, 5);
    expect(b).toEqual(a);
    expect(copy).toEqual(h.state);
  });
});

function pub2(): Packet {
  return { type: 'PUBLISH', topic: 't', payload: text('in'), qos: 2, dup: false, retain: false, packetId: 7 };
}
