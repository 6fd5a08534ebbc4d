/**
 * Client session as a receiver (QoS 1 and QoS 2 Method B), and its state as plain data.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, millis, type Packet, type QoS } from '../types';
import { encode } from '../codec';
import { clientStep } from './index';
import { Harness, delivered, rule, sent, text } from './harness.test-support';

const id = asPacketId;

describe('client: receiving', () => {
  const pub = (payload: string, qos: QoS, packetId?: number, dup = false): Packet =>
    ({ type: 'PUBLISH', topic: 't', payload: text(payload), qos, dup, retain: false, ...(packetId ? { packetId: id(packetId) } : {}) });

  it('MQTT-4.3.2-2 / MQTT-4.5.0-2: QoS 1 is delivered and acknowledged with the same packetId', () => {
    const h = new Harness();
    h.connect();
    const out = h.receive(pub('a', 1, 4));
    expect(delivered(out)).toHaveLength(1);
    expect(sent(out)).toEqual([{ type: 'PUBACK', packetId: id(4) }]);
  });

  it('MQTT-4.3.3-2: QoS 2 is delivered once; a repeat before PUBREL is re-acked, not delivered', () => {
    const h = new Harness();
    h.connect();
    const first = h.receive(pub('a', 2, 4));
    expect(delivered(first)).toHaveLength(1);
    expect(sent(first)).toEqual([{ type: 'PUBREC', packetId: id(4) }]);
    const again = h.receive(pub('a', 2, 4, true));
    expect(delivered(again)).toHaveLength(0);
    expect(sent(again)).toEqual([{ type: 'PUBREC', packetId: id(4) }]);
    expect(sent(h.receive({ type: 'PUBREL', packetId: id(4) }))).toEqual([{ type: 'PUBCOMP', packetId: id(4) }]);
    expect(delivered(h.receive(pub('b', 2, 4)))).toHaveLength(1);
  });

  it('MQTT-4.3.3-2: PUBREL for an unknown id is still answered with PUBCOMP', () => {
    const h = new Harness();
    h.connect();
    expect(sent(h.receive({ type: 'PUBREL', packetId: id(8) }))).toEqual([{ type: 'PUBCOMP', packetId: id(8) }]);
  });

  it('MQTT-4.6.0-2 / MQTT-4.6.0-3: acknowledgements in the order the PUBLISHes arrived', () => {
    const h = new Harness();
    h.connect();
    const out = h.receive(pub('a', 2, 9), pub('b', 1, 3), pub('c', 2, 1));
    expect(sent(out)).toEqual([{ type: 'PUBREC', packetId: id(9) }, { type: 'PUBACK', packetId: id(3) }, { type: 'PUBREC', packetId: id(1) }]);
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

describe('client: state is plain data', () => {
  it('a structuredClone mid-flow continues exactly like the original', () => {
    const h = new Harness({ keepAliveSec: 10 });
    h.connect();
    h.publish('a', 2);
    h.receive(pub2());
    const copy = structuredClone(h.state);
    const a = clientStep(h.state, { type: 'bytesReceived', bytes: encode({ type: 'PUBREC', packetId: id(1) }) }, millis(5));
    const b = clientStep(copy, { type: 'bytesReceived', bytes: encode({ type: 'PUBREC', packetId: id(1) }) }, millis(5));
    expect(b).toEqual(a);
    expect(copy).toEqual(h.state);
  });
});


function pub2(): Packet {
  return { type: 'PUBLISH', topic: 't', payload: text('in'), qos: 2, dup: false, retain: false, packetId: id(7) };
}
