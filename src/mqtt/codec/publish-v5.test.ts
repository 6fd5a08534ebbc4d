/** MQTT 5.0 PUBLISH and its acks: golden vectors, every byte commented, and one test per rule. */
import { describe, expect, it } from 'vitest';
import { asPacketId } from '../types';
import { decode, encode } from './index';
import { expectDecodes5, expectMalformed5, expectVector5, text } from './vector-helpers';

const id = asPacketId;

describe('MQTT 5.0 PUBLISH golden vectors', () => {
  it('MQTT-2.2.1-2: QoS 0 without properties: no Packet Identifier, a Property Length of 0 all the same (MQTT-2.2.2-1)', () => {
    expectVector5([
      0x30, 0x08,             // PUBLISH QoS 0, remaining length 8
      0x00, 0x03, 0x61, 0x2f, 0x62, // topic "a/b"
      0x00,                   // property length 0
      0x68, 0x69,             // payload "hi"
    ], { type: 'PUBLISH', topic: 'a/b', payload: text('hi'), qos: 0, dup: false, retain: false });
  });

  it('QoS 1 with a few properties', () => {
    expectVector5([
      0x32, 0x1c,                   // PUBLISH QoS 1, remaining length 28
      0x00, 0x01, 0x74,             // topic "t"
      0x00, 0x0a,                   // packet id 10
      0x14,                         // property length 20
      0x01, 0x01,                   //   Payload Format Indicator 1 (UTF-8)
      0x02, 0x00, 0x00, 0x00, 0x3c, //   Message Expiry Interval 60
      0x26, 0x00, 0x01, 0x6b, 0x00, 0x01, 0x76, // User Property "k" = "v"
      0x0b, 0x05,                   //   Subscription Identifier 5
      0x03, 0x00, 0x01, 0x78,       //   Content Type "x"
      0x68, 0x69,                   // payload "hi"
    ], {
      type: 'PUBLISH', topic: 't', payload: text('hi'), qos: 1, dup: false, retain: false, packetId: id(10),
      properties: { payloadFormatIndicator: 1, messageExpiryInterval: 60, userProperties: [['k', 'v']], subscriptionIdentifiers: [5], contentType: 'x' },
    });
  });

  it('3.3.2.1: an empty topic with a Topic Alias standing for it', () => {
    expectVector5([
      0x30, 0x06,             // PUBLISH QoS 0, remaining length 6
      0x00, 0x00,             // topic "" (length 0)
      0x03, 0x23, 0x00, 0x07, // property length 3: Topic Alias 7
    ], { type: 'PUBLISH', topic: '', payload: new Uint8Array(0), qos: 0, dup: false, retain: false, properties: { topicAlias: 7 } });
  });

  it('User Properties keep their order, and a name may repeat', () => {
    const p = { type: 'PUBLISH' as const, topic: 't', payload: new Uint8Array(0), qos: 0 as const, dup: false, retain: false,
      properties: { userProperties: [['b', '1'], ['a', '2'], ['b', '3']] as [string, string][] } };
    const bytes = encode(p, { version: 5 });
    expect(decode(bytes, 0, { version: 5 })).toEqual({ kind: 'packet', packet: p, size: bytes.length });
  });

  it('the same bytes are another packet on a 3.1.1 connection: the version is an input', () => {
    const bytes = Uint8Array.from([0x30, 0x08, 0x00, 0x03, 0x61, 0x2f, 0x62, 0x00, 0x68, 0x69]);
    expect(decode(bytes)).toMatchObject({ kind: 'packet', packet: { payload: Uint8Array.from([0x00, 0x68, 0x69]) } });
    expect(decode(bytes, 0, { version: 5 })).toMatchObject({ kind: 'packet', packet: { payload: text('hi') } });
  });
});

describe('MQTT 5.0 PUBLISH rules', () => {
  it('MQTT-3.3.1-4: QoS 3 is malformed', () => {
    expectMalformed5([0x36, 0x06, 0x00, 0x01, 0x74, 0x00, 0x01, 0x00], 'MQTT-3.3.1-4', 0x81);
  });
  it('MQTT-3.3.1-2: DUP on QoS 0 is malformed', () => {
    expectMalformed5([0x38, 0x04, 0x00, 0x01, 0x74, 0x00], 'MQTT-3.3.1-2', 0x81);
  });
  it('MQTT-3.3.2-2 / MQTT-4.7.0-1: a topic name with a wildcard is a Protocol Error', () => {
    expectMalformed5([0x30, 0x04, 0x00, 0x01, 0x23, 0x00], 'MQTT-3.3.2-2', 0x82);
  });
  it('MQTT-4.7.3-1: an empty topic without a Topic Alias is a Protocol Error', () => {
    expectMalformed5([0x30, 0x03, 0x00, 0x00, 0x00], 'MQTT-4.7.3-1', 0x82);
  });
  it('MQTT-2.2.1-3: packet identifier 0 is a Protocol Error', () => {
    expectMalformed5([0x32, 0x06, 0x00, 0x01, 0x74, 0x00, 0x00, 0x00], 'MQTT-2.2.1-3', 0x82);
  });
  it('MQTT-3.3.2-8: Topic Alias 0 is refused with 0x94 Topic Alias invalid', () => {
    expectMalformed5([0x30, 0x07, 0x00, 0x01, 0x74, 0x03, 0x23, 0x00, 0x00], 'MQTT-3.3.2-8', 0x94);
  });
  it('MQTT-3.3.2.3.4: Topic Alias twice is a Protocol Error', () => {
    expectMalformed5([0x30, 0x0a, 0x00, 0x01, 0x74, 0x06, 0x23, 0x00, 0x01, 0x23, 0x00, 0x02], 'MQTT-3.3.2.3.4', 0x82);
  });
  it('MQTT-3.3.2.3.8: Subscription Identifier 0 is a Protocol Error; several are allowed', () => {
    expectMalformed5([0x30, 0x06, 0x00, 0x01, 0x74, 0x02, 0x0b, 0x00], 'MQTT-3.3.2.3.8', 0x82);
    expectDecodes5([0x30, 0x08, 0x00, 0x01, 0x74, 0x04, 0x0b, 0x01, 0x0b, 0x01],
      { type: 'PUBLISH', topic: 't', payload: new Uint8Array(0), qos: 0, dup: false, retain: false, properties: { subscriptionIdentifiers: [1, 1] } });
  });
  it('MQTT-3.3.2.3.2: a Payload Format Indicator other than 0 or 1 is a Protocol Error', () => {
    expectMalformed5([0x30, 0x06, 0x00, 0x01, 0x74, 0x02, 0x01, 0x02], 'MQTT-3.3.2.3.2', 0x82);
  });
  it('MQTT-3.3.2-14: a Response Topic with a wildcard is a Protocol Error', () => {
    expectMalformed5([0x30, 0x09, 0x00, 0x01, 0x74, 0x05, 0x08, 0x00, 0x02, 0x61, 0x2b], 'MQTT-3.3.2-14', 0x82);
  });
  it('MQTT-4.7.3-1: an empty Response Topic is a Protocol Error', () => {
    expectMalformed5([0x30, 0x07, 0x00, 0x01, 0x74, 0x03, 0x08, 0x00, 0x00], 'MQTT-4.7.3-1', 0x82);
  });
  it('MQTT-2.2.2.2: a property PUBLISH does not allow is malformed', () => {
    expectMalformed5([0x30, 0x07, 0x00, 0x01, 0x74, 0x03, 0x21, 0x00, 0x01], 'MQTT-2.2.2.2', 0x81); // Receive Maximum
  });
});

describe('MQTT 5.0 PUBACK, PUBREC, PUBREL, PUBCOMP', () => {
  it('golden: Remaining Length 2, the reason code left out (0x00 Success)', () => {
    expectVector5([0x40, 0x02, 0x00, 0x01], { type: 'PUBACK', packetId: id(1) });       // PUBACK id 1
  });
  it('golden: Remaining Length 3, a reason code and no properties', () => {
    expectVector5([0x50, 0x03, 0x00, 0x02, 0x10], { type: 'PUBREC', packetId: id(2), reasonCode: 0x10 }); // PUBREC id 2, 0x10 No matching subscribers
  });
  it('golden: Remaining Length 4+, a reason code and properties', () => {
    expectVector5([
      0x62, 0x08,             // PUBREL (flags 0010), remaining length 8
      0x00, 0x03,             // packet id 3
      0x92,                   // reason code 0x92 Packet Identifier not found
      0x04,                   // property length 4
      0x1f, 0x00, 0x01, 0x3f, //   Reason String "?"
    ], { type: 'PUBREL', packetId: id(3), reasonCode: 0x92, properties: { reasonString: '?' } });
  });
  it('a reason code followed by a Property Length of 0 (as mqtt-packet writes it) is the same packet', () => {
    expectDecodes5([0x70, 0x04, 0x00, 0x04, 0x00, 0x00], { type: 'PUBCOMP', packetId: id(4), reasonCode: 0 });
  });
  it('MQTT-3.4.2-1: a code that is not a PUBACK Reason Code is a Protocol Error', () => {
    expectMalformed5([0x40, 0x03, 0x00, 0x01, 0x92], 'MQTT-3.4.2-1', 0x82);
  });
  it('MQTT-3.5.2-1: a code that is not a PUBREC Reason Code is a Protocol Error', () => {
    expectMalformed5([0x50, 0x03, 0x00, 0x01, 0x04], 'MQTT-3.5.2-1', 0x82);
  });
  it('MQTT-3.6.2-1: a code that is not a PUBREL Reason Code is a Protocol Error', () => {
    expectMalformed5([0x62, 0x03, 0x00, 0x01, 0x10], 'MQTT-3.6.2-1', 0x82);
  });
  it('MQTT-3.7.2-1: a code that is not a PUBCOMP Reason Code is a Protocol Error', () => {
    expectMalformed5([0x70, 0x03, 0x00, 0x01, 0x80], 'MQTT-3.7.2-1', 0x82);
  });
  it('MQTT-3.6.1-1: PUBREL flags other than 0010 are malformed', () => {
    expectMalformed5([0x60, 0x02, 0x00, 0x01], 'MQTT-3.6.1-1', 0x81);
  });
  it('MQTT-2.1.3-1: PUBACK with a reserved flag set is malformed', () => {
    expectMalformed5([0x41, 0x02, 0x00, 0x01], 'MQTT-2.1.3-1', 0x81);
  });
  it('MQTT-3.4.2.2.2: Reason String twice is a Protocol Error', () => {
    expectMalformed5([0x40, 0x0b, 0x00, 0x01, 0x00, 0x07, 0x1f, 0x00, 0x00, 0x1f, 0x00, 0x01, 0x61], 'MQTT-3.4.2.2.2', 0x82);
  });
});
