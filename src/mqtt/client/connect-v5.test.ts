/**
 * The MQTT 5.0 client: connecting, the CONNACK's Reason Code and limits, session expiry,
 * DISCONNECT both ways. Packet by packet against a scripted 5.0 broker (real codec, no mocks);
 * each test is named after the 5.0 statement it proves.
 */
import { describe, expect, it } from 'vitest';
import { asPacketId, type Packet } from '../types';
import { decode } from '../codec';
import { closeOf, harness5, rule, sent, text } from './harness.test-support';

const id = asPacketId;

describe('client 5.0: CONNECT', () => {
  it('MQTT-3.1.0-1 (5.0): the first packet is a level-5 CONNECT with the session options as properties', () => {
    const h = harness5({ cleanSession: false, keepAliveSec: 30, sessionExpiryInterval: 600, receiveMaximum: 4,
      maximumPacketSize: 2048, topicAliasMaximum: 8, userProperties: [['site', 'lab']],
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: false, properties: { willDelayInterval: 5, contentType: 'text/plain' } } });
    const out = h.step({ type: 'connectionOpened' });
    expect(sent(out)).toEqual([{
      type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'c', cleanSession: false, keepAliveSec: 30,
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: false, properties: { willDelayInterval: 5, contentType: 'text/plain' } },
      properties: { sessionExpiryInterval: 600, receiveMaximum: 4, maximumPacketSize: 2048, topicAliasMaximum: 8, userProperties: [['site', 'lab']] },
    }]);
    // The bytes are 5.0: the decoder reads them back as the same packet.
    const bytes = out.find((o) => o.type === 'send')?.bytes as Uint8Array;
    expect(decode(bytes, 0, { version: 5 })).toMatchObject({ kind: 'packet', packet: { protocolLevel: 5 } });
  });

  it('protocolVersion 4 (default) sends the 3.1.1 CONNECT, without any 5.0 option or will property', () => {
    const h = harness5({ protocolVersion: 4, sessionExpiryInterval: 600,
      will: { topic: 'w', payload: text('x'), qos: 0, retain: false, properties: { willDelayInterval: 5 } } });
    expect(sent(h.step({ type: 'connectionOpened' }))).toEqual([{ type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4,
      clientId: 'c', cleanSession: false, keepAliveSec: 0, will: { topic: 'w', payload: text('x'), qos: 0, retain: false } }]);
  });

  it('5.0 allows an empty client id with Clean Start 0; the Assigned Client Identifier is used on the next CONNECT (MQTT-3.2.2-16)', () => {
    const h = harness5({ clientId: '', cleanSession: false, sessionExpiryInterval: 60 });
    const out = h.connect(false, { assignedClientIdentifier: 'auto-1' });
    expect(rule(out, 'client.clientId.assigned')[0]).toMatchObject({ rule: 'MQTT-3.2.2-16', params: { clientId: 'auto-1' } });
    h.step({ type: 'connectionLost' });
    expect(sent(h.step({ type: 'connectionOpened' }))[0]).toMatchObject({ type: 'CONNECT', clientId: 'auto-1' });
  });
});

describe('client 5.0: CONNACK', () => {
  it('MQTT-3.2.2-7: a Reason Code of 0x80 or more refuses the connection: the client closes, saying why', () => {
    const h = harness5();
    h.step({ type: 'connectionOpened' });
    const out = h.receive({ type: 'CONNACK', sessionPresent: false, reasonCode: 0x87 });
    expect(out.find((o) => o.type === 'connected')).toEqual({ type: 'connected', sessionPresent: false, returnCode: 5, reasonCode: 0x87 });
    expect(rule(out, 'client.connack.refusedReason')[0]).toMatchObject({ rule: 'MQTT-3.2.2-7', params: { reasonCode: 0x87, reasonName: 'Not authorized' } });
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'refused', reasonCode: 0x87 });
    expect(sent(out)).toEqual([]);
  });

  it('MQTT-3.2.2-4: Session Present 1 answering Clean Start 1 is a Protocol Error: DISCONNECT 0x82, close', () => {
    const h = harness5({ cleanSession: true });
    const out = h.connect(true);
    expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x82 }]);
    expect(closeOf(out)).toMatchObject({ reason: 'protocolError', reasonCode: 0x82, error: { rule: 'MQTT-3.2.2-4' } });
  });

  it('MQTT-3.1.2-21 / MQTT-3.2.2-21: the Server Keep Alive replaces the keep alive the client asked for', () => {
    const h = harness5({ keepAliveSec: 60 });
    const out = h.connect(false, { serverKeepAlive: 10 });
    expect(rule(out, 'client.keepAlive.server')[0]).toMatchObject({ params: { keepAliveSec: 10, requested: 60 } });
    expect(h.wakeAtMs).toBe(10_000);
    h.nowMs = 10_000;
    expect(sent(h.step({ type: 'timeAdvanced' }))).toEqual([{ type: 'PINGREQ' }]);
  });

  it('MQTT-3.1.2-20 (5.0): keep alive non-zero: the idle client sends PINGREQ, and the CONNACK wait is timed', () => {
    const h = harness5({ keepAliveSec: 5 });
    h.connect();
    h.nowMs = 5000;
    expect(sent(h.step({ type: 'timeAdvanced' }))).toEqual([{ type: 'PINGREQ' }]);
  });

  it('MQTT-3.2.2-5: with a session, Session Present 0 makes the client discard its session state (no re-send)', () => {
    const h = harness5({ sessionExpiryInterval: 3600 });
    h.connect();
    h.publish('a', 1);
    h.publish('b', 2);
    h.step({ type: 'connectionLost' });
    const out = h.connect(false);
    expect(rule(out, 'client.session.notPresent')[0]).toMatchObject({ rule: 'MQTT-3.2.2-5', params: { publishes: 2, pubrels: 0 } });
    expect(out.find((o) => o.type === 'discarded')).toMatchObject({ reason: 'sessionNotPresent', messages: [{ payload: text('a') }, { payload: text('b') }] });
    expect(sent(out).filter((p) => p.type === 'PUBLISH')).toEqual([]);
    expect(h.state.flow.inflight).toEqual([]);
  });

  it('MQTT-4.4.0-1 (5.0): reconnecting with a session re-sends unacknowledged PUBLISH (DUP=1) and PUBREL, original ids, in order', () => {
    const h = harness5({ sessionExpiryInterval: 3600 });
    h.connect();
    h.publish('a', 1);
    h.publish('b', 2);
    h.receive({ type: 'PUBREC', packetId: id(2) });
    h.step({ type: 'connectionLost' });
    const out = h.connect(true);
    expect(sent(out)).toMatchObject([
      { type: 'PUBLISH', packetId: id(1), dup: true, qos: 1 },
      { type: 'PUBREL', packetId: id(2) },
    ]);
  });
});

describe('client 5.0: session expiry', () => {
  it('MQTT-3.1.2-23: Session Expiry Interval 0 (absent): the session state does not outlive the connection', () => {
    const h = harness5({ cleanSession: false });
    h.connect();
    h.publish('a', 1);
    h.receive({ type: 'PUBLISH', topic: 't', payload: text('in'), qos: 2, dup: false, retain: false, packetId: id(9) });
    const out = h.step({ type: 'connectionLost' });
    expect(rule(out, 'client.session.expired')[0]).toMatchObject({ params: { publishes: 1, awaitingPubrel: 1, sessionExpiryInterval: 0 } });
    expect(out.find((o) => o.type === 'discarded')).toMatchObject({ reason: 'sessionExpired' });
    expect(h.state.flow.inflight).toEqual([]);
    expect(h.state.awaitingPubrel).toEqual([]);
  });

  it('MQTT-3.1.2-23: with an interval > 0 the state is kept that long, and gone after it', () => {
    const h = harness5({ sessionExpiryInterval: 10 });
    h.connect();
    h.publish('a', 1);
    h.step({ type: 'connectionLost' });
    expect(h.state.flow.inflight).toHaveLength(1);
    h.nowMs = 9_999;
    h.step({ type: 'connectionOpened' });
    expect(h.state.flow.inflight).toHaveLength(1);
    h.step({ type: 'connectionLost' });
    h.nowMs = 9_999 + 10_000;
    const out = h.step({ type: 'connectionOpened' });
    expect(rule(out, 'client.session.expired')[0]).toMatchObject({ params: { sessionExpiryInterval: 10 } });
    expect(h.state.flow.inflight).toEqual([]);
  });
});

describe('client 5.0: DISCONNECT', () => {
  it('MQTT-3.14.4-1 / MQTT-3.14.4-2 (5.0): DISCONNECT with Reason Code 0x00, then close, then nothing more', () => {
    const h = harness5();
    h.connect();
    const out = h.step({ type: 'appDisconnected' });
    expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x00 }]);
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'disconnect', reasonCode: 0x00 });
    expect(sent(h.publish('later', 0))).toEqual([]);
  });

  it('MQTT-3.14.4-3 (client side): 0x04 Disconnect with Will Message asks the server to publish the will', () => {
    const h = harness5({ will: { topic: 'w', payload: text('x'), qos: 0, retain: false } });
    h.connect();
    const out = h.step({ type: 'appDisconnected', reasonCode: 0x04 });
    expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x04 }]);
    expect(rule(out, 'client.disconnect.sent')[0]).toMatchObject({ params: { reasonCode: 4, reasonName: 'Disconnect with Will Message' } });
  });

  it('a DISCONNECT from the server ends the connection with its Reason Code (0x8E Session taken over)', () => {
    const h = harness5();
    h.connect();
    const out = h.receive({ type: 'DISCONNECT', reasonCode: 0x8e });
    expect(rule(out, 'client.disconnect.received')[0]).toMatchObject({ params: { reasonCode: 0x8e, reasonName: 'Session taken over' } });
    expect(closeOf(out)).toEqual({ type: 'close', reason: 'serverDisconnect', reasonCode: 0x8e });
    expect(sent(out)).toEqual([]);
  });

  it('0x9C Use another server: the narration names the Server Reference', () => {
    const h = harness5();
    h.connect();
    const out = h.receive({ type: 'DISCONNECT', reasonCode: 0x9c, properties: { serverReference: 'other:1883' } });
    expect(rule(out, 'client.disconnect.received')[0]).toMatchObject({ params: { reasonCode: 0x9c, serverReference: 'other:1883' } });
  });

  it('MQTT-3.1.2-24: a packet above the client\'s Maximum Packet Size is answered DISCONNECT 0x95', () => {
    const h = harness5({ maximumPacketSize: 64 });
    h.connect();
    const out = h.receive({ type: 'PUBLISH', topic: 't', payload: new Uint8Array(100), qos: 0, dup: false, retain: false });
    expect(sent(out)).toEqual([{ type: 'DISCONNECT', reasonCode: 0x95 }]);
    expect(out.filter((o) => o.type === 'deliver')).toEqual([]);
  });

  it('MQTT-4.13.1-1 (client side): malformed 5.0 input closes with DISCONNECT and the codec\'s Reason Code', () => {
    const h = harness5();
    h.connect();
    // PUBLISH QoS 1 with packet identifier 0 (MQTT-2.2.1-3).
    const out = h.step({ type: 'bytesReceived', bytes: new Uint8Array([0x32, 5, 0, 1, 0x74, 0, 0]) });
    const packets: Packet[] = sent(out);
    expect(packets).toHaveLength(1);
    expect(packets[0]).toMatchObject({ type: 'DISCONNECT' });
    expect(closeOf(out)).toMatchObject({ reason: 'protocolError' });
  });
});
