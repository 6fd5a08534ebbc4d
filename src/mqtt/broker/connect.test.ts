/**
 * CONNECT handling on the broker (MQTT 3.1.1 sections 3.1, 3.2, 3.14), driven packet by packet.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId } from '../types';
import { text } from '../engine-pair.test-support';
import { RawBroker } from '../raw-broker.test-support';

const id = asPacketId;

describe('broker: CONNECT and CONNACK', () => {
  it('MQTT-3.1.0-1: a first packet other than CONNECT closes the connection without CONNACK', () => {
    const b = new RawBroker().open('c1');
    const out = b.send('c1', { type: 'PINGREQ' });
    expect(b.sentTo('c1', out)).toEqual([]);
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
  });

  it('MQTT-3.1.0-2: a second CONNECT is a protocol violation and closes the connection', () => {
    const b = new RawBroker();
    b.connect('c1', 'a');
    const out = b.send('c1', { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: 'a', cleanSession: true, keepAliveSec: 0 });
    expect(b.closed('c1', out)?.error?.rule).toBe('MQTT-3.1.0-2');
    expect(b.sentTo('c1', out)).toEqual([]);
  });

  it('MQTT-3.1.2-1: an unknown protocol name closes without CONNACK', () => {
    const b = new RawBroker();
    const out = b.connect('c1', 'a', { protocolName: 'HTTP' });
    expect(b.sentTo('c1', out)).toEqual([]);
    expect(b.closed('c1', out)?.error?.rule).toBe('MQTT-3.1.2-1');
  });

  it('MQTT-3.1.2-2: protocol level other than 4 gets CONNACK 0x01 and close', () => {
    const b = new RawBroker();
    const out = b.connect('c1', 'a', { protocolLevel: 3 });
    expect(b.sentTo('c1', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode: 1 }]);
    expect(b.closed('c1', out)?.reason).toBe('refused');
  });

  it('MQTT-3.1.3-8 / MQTT-3.1.3-9: empty client id with cleanSession=0 gets CONNACK 0x02 and close', () => {
    const b = new RawBroker();
    const out = b.connect('c1', '', { cleanSession: false });
    expect(b.sentTo('c1', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode: 2 }]);
    expect(b.closed('c1', out)?.reason).toBe('refused');
  });

  it('MQTT-3.1.3-6: empty client id with cleanSession=1 is given a unique id', () => {
    const b = new RawBroker();
    b.connect('c1', '');
    b.connect('c2', '');
    expect([...b.state.sessions.keys()]).toEqual(['auto-1', 'auto-2']);
    expect(b.rules('broker.clientId.assigned').map((r) => r.params.clientId)).toEqual(['auto-1', 'auto-2']);
  });

  it('MQTT-3.1.3-5: client ids of 1..23 alphanumerics are accepted (and longer ones too)', () => {
    const b = new RawBroker();
    const id23 = 'abcdefghijklmnopqrstuvw';
    expect(b.sentTo('c1', b.connect('c1', id23))).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode: 0 }]);
    expect(b.sentTo('c2', b.connect('c2', `${id23}-and-more/é`))[0]).toMatchObject({ returnCode: 0 });
  });

  it('MQTT-3.2.2-4 / MQTT-3.2.2-5 / MQTT-3.1.4-5: after a refusing CONNACK nothing more is processed', () => {
    const refusals = [
      { returnCode: 1, connect: { protocolLevel: 5, clientId: 'a', cleanSession: true } },
      { returnCode: 2, connect: { protocolLevel: 4, clientId: '', cleanSession: false } },
    ] as const;
    for (const { returnCode, connect } of refusals) {
      const b = new RawBroker();
      // A watcher subscribed to everything: routing of the PUBLISH below would reach it.
      b.connect('w', 'watcher');
      b.send('w', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: '#', qos: 1 }] });
      b.open('c1');
      // The refused CONNECT and, in the same bytes, what a client would send next.
      const out = b.send('c1',
        { type: 'CONNECT', protocolName: 'MQTT', keepAliveSec: 0, ...connect },
        { type: 'SUBSCRIBE', packetId: id(2), subscriptions: [{ topicFilter: 't', qos: 1 }] },
        { type: 'PUBLISH', topic: 't', payload: text('x'), qos: 1, dup: false, retain: true, packetId: id(3) },
        { type: 'PINGREQ' });
      // Only the refusal: no SUBACK, PUBACK or PINGRESP, no violation reported for the trailing packets.
      expect(out.map((o) => (o.type === 'ruleApplied' ? o.key : o.type)), `return code ${returnCode}`)
        .toEqual(['broker.connect.refused', 'send', 'close']);
      expect(b.sentTo('c1', out)).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode }]);
      expect(b.closed('c1', out)?.reason).toBe('refused');
      // Nothing routed, retained or subscribed; no session for the refused client.
      expect(b.sentTo('w', out)).toEqual([]);
      expect(b.state.retained.size).toBe(0);
      expect([...b.state.sessions.keys()]).toEqual(['watcher']);
      expect(b.state.connections.has('c1')).toBe(false);
    }
  });

  it('MQTT-3.1.4-4 / MQTT-3.2.0-1: an accepted CONNECT gets CONNACK 0 as the first packet', () => {
    const b = new RawBroker();
    expect(b.sentTo('c1', b.connect('c1', 'a'))).toEqual([{ type: 'CONNACK', sessionPresent: false, returnCode: 0 }]);
  });

  it('MQTT-3.2.2-1: cleanSession=1 always gets sessionPresent=0, and discards a stored session (MQTT-3.1.2-6)', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { cleanSession: false });
    b.send('c1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 1 }] });
    b.step({ type: 'connectionLost', connId: 'c1' });
    const out = b.connect('c2', 'a', { cleanSession: true });
    expect(b.sentTo('c2', out)[0]).toEqual({ type: 'CONNACK', sessionPresent: false, returnCode: 0 });
    expect(b.state.sessions.get('a')?.subscriptions).toEqual([]);
    expect(b.rules('broker.session.discarded', out)[0]?.params.reason).toBe('cleanSession');
  });

  it('MQTT-3.2.2-2 / MQTT-3.1.2-4: cleanSession=0 with a stored session gets sessionPresent=1 and its subscriptions', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { cleanSession: false });
    b.send('c1', { type: 'SUBSCRIBE', packetId: id(1), subscriptions: [{ topicFilter: 't', qos: 1 }] });
    b.step({ type: 'connectionLost', connId: 'c1' });
    const out = b.connect('c2', 'a', { cleanSession: false });
    expect(b.sentTo('c2', out)[0]).toEqual({ type: 'CONNACK', sessionPresent: true, returnCode: 0 });
    expect(b.state.sessions.get('a')?.subscriptions).toEqual([{ topicFilter: 't', qos: 1 }]);
  });

  it('MQTT-3.2.2-3: cleanSession=0 without a stored session gets sessionPresent=0', () => {
    const b = new RawBroker();
    expect(b.sentTo('c1', b.connect('c1', 'a', { cleanSession: false }))[0]).toMatchObject({ sessionPresent: false });
  });

  it('MQTT-3.1.2-6: a cleanSession=1 session ends with its connection', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { cleanSession: true });
    b.step({ type: 'connectionLost', connId: 'c1' });
    expect(b.state.sessions.has('a')).toBe(false);
    expect(b.sentTo('c2', b.connect('c2', 'a', { cleanSession: false }))[0]).toMatchObject({ sessionPresent: false });
  });

  it('MQTT-3.1.4-2: a second connection with the same client id closes the first', () => {
    const b = new RawBroker();
    b.connect('c1', 'a', { cleanSession: false });
    const out = b.connect('c2', 'a', { cleanSession: false });
    expect(b.closed('c1', out)?.reason).toBe('takeover');
    expect(b.sentTo('c2', out)[0]).toEqual({ type: 'CONNACK', sessionPresent: true, returnCode: 0 });
    expect(b.state.sessions.get('a')?.connId).toBe('c2');
    // The old connection is gone: nothing more is processed on it.
    expect(b.send('c1', { type: 'PINGREQ' })).toEqual([]);
  });

  it('MQTT-3.1.4-1: a will topic with wildcards makes the CONNECT non-conforming: close without CONNACK', () => {
    const b = new RawBroker();
    const out = b.connect('c1', 'a', { will: { topic: 'a/#', payload: text('x'), qos: 0, retain: false } });
    expect(b.sentTo('c1', out)).toEqual([]);
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
    expect(b.state.sessions.size).toBe(0);
  });

  it('MQTT-3.1.2-3 / MQTT-2.2.2-2: malformed bytes (reserved flag set in CONNECT) close the connection', () => {
    const b = new RawBroker().open('c1');
    // CONNECT, level 4, flags 0x03 (reserved bit 0 set), keep alive 0, client id "a".
    const bytes = new Uint8Array([0x10, 13, 0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x03, 0, 0, 0, 1, 0x61]);
    const out = b.step({ type: 'bytesReceived', connId: 'c1', bytes });
    expect(b.sentTo('c1', out)).toEqual([]);
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
  });

  it('MQTT-3.12.4-1: PINGREQ is answered with PINGRESP', () => {
    const b = new RawBroker();
    b.connect('c1', 'a');
    expect(b.sentTo('c1', b.send('c1', { type: 'PINGREQ' }))).toEqual([{ type: 'PINGRESP' }]);
  });

  it('MQTT-4.8.0-1: a packet only a server sends (CONNACK, SUBACK...) closes the connection', () => {
    const b = new RawBroker();
    b.connect('c1', 'a');
    const out = b.send('c1', { type: 'PINGRESP' });
    expect(b.closed('c1', out)?.reason).toBe('protocolError');
  });
});
