/** MQTT 5.0 CONNECT and CONNACK: golden vectors, every byte commented, and one test per rule. */
import { describe, expect, it } from 'vitest';
import { decode } from './index';
import { expectDecodes5, expectMalformed5, expectVector5, text } from './vector-helpers';

const MQTT = [0x00, 0x04, 0x4d, 0x51, 0x54, 0x54]; // protocol name "MQTT"

describe('MQTT 5.0 CONNECT golden vectors', () => {
  it('minimal: clean start, keep alive 60, no properties, client id "c1"', () => {
    expectVector5([
      0x10, 0x0f,        // CONNECT, remaining length 15
      ...MQTT,           // "MQTT"
      0x05,              // protocol version 5
      0x02,              // connect flags: clean start
      0x00, 0x3c,        // keep alive 60 s
      0x00,              // property length 0
      0x00, 0x02, 0x63, 0x31, // client id "c1"
    ], { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'c1', cleanSession: true, keepAliveSec: 60 });
  });

  it('MQTT-3.1.3-1 / MQTT-3.1.3-3: the client id first, then will properties, will topic, will payload, password (5.0 allows one without a user name)', () => {
    expectVector5([
      0x10, 0x28,                    // CONNECT, remaining length 40
      ...MQTT, 0x05,                 // "MQTT", version 5
      0x4c,                          // 0100 1100: password, will QoS 01, will flag; clean start 0
      0x00, 0x0a,                    // keep alive 10 s
      0x08,                          // property length 8
      0x11, 0x00, 0x00, 0x0e, 0x10,  //   Session Expiry Interval 3600
      0x21, 0x00, 0x14,              //   Receive Maximum 20
      0x00, 0x01, 0x63,              // client id "c"
      0x05,                          // will property length 5
      0x18, 0x00, 0x00, 0x00, 0x05,  //   Will Delay Interval 5
      0x00, 0x01, 0x77,              // will topic "w"
      0x00, 0x03, 0x62, 0x79, 0x65,  // will payload "bye"
      0x00, 0x02, 0x70, 0x77,        // password "pw"
    ], {
      type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: 'c', cleanSession: false, keepAliveSec: 10,
      properties: { sessionExpiryInterval: 3600, receiveMaximum: 20 },
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: false, properties: { willDelayInterval: 5 } },
      password: text('pw'),
    });
  });

  it('a CONNECT says its own version: level 5 is read as 5.0 on a 3.1.1 connection too', () => {
    const bytes = Uint8Array.from([0x10, 0x12, ...MQTT, 0x05, 0x02, 0x00, 0x3c, 0x03, 0x21, 0x00, 0x01, 0x00, 0x02, 0x63, 0x31]);
    expect(decode(bytes)).toMatchObject({ kind: 'packet', packet: { protocolLevel: 5, clientId: 'c1', properties: { receiveMaximum: 1 } } });
  });

  it('MQTT-3.1.2-2: a 3.1.1 receiver keeps a level-5 CONNECT that is not valid 5.0, to answer return code 1; a 5.0 receiver refuses it', () => {
    const bytes = [0x10, 0x0c, ...MQTT, 0x05, 0x02, 0x00, 0x3c, 0x00, 0x00]; // laid out as 3.1.1
    expect(decode(Uint8Array.from(bytes))).toMatchObject({ kind: 'packet', packet: { protocolLevel: 5, clientId: '' } });
    expectMalformed5(bytes, 'MQTT-2.1.4', 0x81);
  });

  it('a level-4 CONNECT on a 5.0 connection is read as 3.1.1', () => {
    const bytes = Uint8Array.from([0x10, 0x0e, ...MQTT, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x02, 0x63, 0x31]);
    expect(decode(bytes, 0, { version: 5 })).toMatchObject({ kind: 'packet', packet: { protocolLevel: 4, clientId: 'c1' } });
  });
});

describe('MQTT 5.0 CONNECT rules', () => {
  /** A level-5 CONNECT: flags, then whatever follows the keep alive. */
  const connect = (flags: number, rest: number[] = [0x00, 0x00, 0x00]) => [0x10, 10 + rest.length, ...MQTT, 0x05, flags, 0x00, 0x3c, ...rest];

  it('MQTT-3.1.2-1: a protocol name other than "MQTT" is refused with 0x84 Unsupported Protocol Version', () => {
    expectMalformed5([0x10, 0x0d, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x58, 0x05, 0x02, 0x00, 0x3c, 0x00, 0x00, 0x00], 'MQTT-3.1.2-1', 0x84);
  });
  it('MQTT-3.1.2-3: the reserved connect flag is malformed', () => {
    expectMalformed5(connect(0x03), 'MQTT-3.1.2-3', 0x81);
  });
  it('MQTT-3.1.2-11: will QoS without the will flag is malformed', () => {
    expectMalformed5(connect(0x08), 'MQTT-3.1.2-11', 0x81);
  });
  it('MQTT-3.1.2-12: will QoS 3 is malformed', () => {
    expectMalformed5(connect(0x1c), 'MQTT-3.1.2-12', 0x81);
  });
  it('MQTT-3.1.2-13: will retain without the will flag is malformed', () => {
    expectMalformed5(connect(0x20), 'MQTT-3.1.2-13', 0x81);
  });
  it('MQTT-3.1.2-9: the will flag without will properties, topic and payload is malformed', () => {
    expectMalformed5(connect(0x04), 'MQTT-3.1.2-9', 0x81);
    expectMalformed5(connect(0x04, [0x00, 0x00, 0x00, 0x00]), 'MQTT-3.1.2-9', 0x81); // will properties, no topic
  });
  it('MQTT-3.1.2-17: the user name flag without a user name is malformed', () => {
    expectMalformed5(connect(0x80), 'MQTT-3.1.2-17', 0x81);
  });
  it('MQTT-3.1.2-19: the password flag without a password is malformed', () => {
    expectMalformed5(connect(0x40), 'MQTT-3.1.2-19', 0x81);
  });
  it('MQTT-3.1.2-16: a user name without its flag is malformed', () => {
    expectMalformed5(connect(0x00, [0x00, 0x00, 0x00, 0x00, 0x01, 0x75]), 'MQTT-3.1.2-16', 0x81);
  });
  it('MQTT-3.1.2-18: a password without its flag is malformed', () => {
    expectMalformed5(connect(0x80, [0x00, 0x00, 0x00, 0x00, 0x01, 0x75, 0x00, 0x01, 0x70]), 'MQTT-3.1.2-18', 0x81);
  });
  it('MQTT-3.1.3-4 / MQTT-3.1.3-11 / MQTT-3.1.3-12: client id, will topic and user name are UTF-8 strings', () => {
    expectMalformed5(connect(0x02, [0x00, 0x00, 0x01, 0xff]), 'MQTT-1.5.4-1', 0x81);                                   // client id
    expectMalformed5(connect(0x06, [0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0xc0, 0x00, 0x00]), 'MQTT-1.5.4-1', 0x81);   // will topic
    expectMalformed5(connect(0x80, [0x00, 0x00, 0x00, 0x00, 0x01, 0x00]), 'MQTT-1.5.4-2', 0x81);                    // user name U+0000
  });
  it('MQTT-3.1.2.11.10: Authentication Data without an Authentication Method is a Protocol Error', () => {
    expectMalformed5(connect(0x02, [0x04, 0x16, 0x00, 0x01, 0x61, 0x00, 0x00]), 'MQTT-3.1.2.11.10', 0x82);
  });
  it('MQTT-3.1.2.11.3: Receive Maximum 0 is a Protocol Error', () => {
    expectMalformed5(connect(0x02, [0x03, 0x21, 0x00, 0x00, 0x00, 0x00]), 'MQTT-3.1.2.11.3', 0x82);
  });
  it('MQTT-3.1.2.11.7: Request Problem Information other than 0 or 1 is a Protocol Error', () => {
    expectMalformed5(connect(0x02, [0x02, 0x17, 0x02, 0x00, 0x00]), 'MQTT-3.1.2.11.7', 0x82);
  });
  it('MQTT-3.1.2.11.2: Session Expiry Interval twice is a Protocol Error', () => {
    expectMalformed5(connect(0x02, [0x0a, 0x11, 0, 0, 0, 1, 0x11, 0, 0, 0, 2, 0x00, 0x00]), 'MQTT-3.1.2.11.2', 0x82);
  });
  it('MQTT-3.3.2-14: a will Response Topic with a wildcard is a Protocol Error', () => {
    expectMalformed5(connect(0x06, [0x00, 0x00, 0x00, 0x04, 0x08, 0x00, 0x01, 0x23, 0x00, 0x01, 0x77, 0x00, 0x00]), 'MQTT-3.3.2-14', 0x82);
  });
});

describe('MQTT 5.0 CONNACK', () => {
  it('golden: success, session present, properties', () => {
    expectVector5([
      0x20, 0x0a,              // CONNACK, remaining length 10
      0x01,                    // acknowledge flags: session present
      0x00,                    // reason code 0x00 Success
      0x07,                    // property length 7
      0x24, 0x01,              //   Maximum QoS 1            (written in the spec's order, 3.2.2.3.4 ...)
      0x25, 0x00,              //   Retain Available 0       (3.2.2.3.5)
      0x13, 0x00, 0x1e,        //   Server Keep Alive 30     (3.2.2.3.14)
    ], { type: 'CONNACK', sessionPresent: true, reasonCode: 0, properties: { maximumQoS: 1, serverKeepAlive: 30, retainAvailable: false } });
  });

  it('properties are read in any order (2.2.2.2: "no significance in the order")', () => {
    expectDecodes5([0x20, 0x0a, 0x01, 0x00, 0x07, 0x13, 0x00, 0x1e, 0x25, 0x00, 0x24, 0x01],
      { type: 'CONNACK', sessionPresent: true, reasonCode: 0, properties: { maximumQoS: 1, serverKeepAlive: 30, retainAvailable: false } });
  });

  it('golden: refused, 0x87 Not authorized', () => {
    expectVector5([0x20, 0x03, 0x00, 0x87, 0x00], { type: 'CONNACK', sessionPresent: false, reasonCode: 0x87 }); // flags 0, reason 0x87, no properties
  });

  it('MQTT-3.2.2-1: reserved acknowledge flag bits are malformed', () => {
    expectMalformed5([0x20, 0x03, 0x02, 0x00, 0x00], 'MQTT-3.2.2-1', 0x81);
  });
  it('MQTT-3.2.2-6: a non-zero Reason Code with session present is a Protocol Error', () => {
    expectMalformed5([0x20, 0x03, 0x01, 0x80, 0x00], 'MQTT-3.2.2-6', 0x82);
  });
  it('MQTT-3.2.2-8: a code that is not a Connect Reason Code is a Protocol Error', () => {
    expectMalformed5([0x20, 0x03, 0x00, 0x01, 0x00], 'MQTT-3.2.2-8', 0x82);  // 0x01 is SUBACK's
    expectMalformed5([0x20, 0x03, 0x00, 0x8b, 0x00], 'MQTT-3.2.2-8', 0x82);  // 0x8B is DISCONNECT's
  });
  it('MQTT-3.2.2.3.4: Maximum QoS 2 is a Protocol Error (absent means 2)', () => {
    expectMalformed5([0x20, 0x05, 0x00, 0x00, 0x02, 0x24, 0x02], 'MQTT-3.2.2.3.4', 0x82);
  });
  it('MQTT-3.2.2.3.6: Maximum Packet Size 0 is a Protocol Error', () => {
    expectMalformed5([0x20, 0x08, 0x00, 0x00, 0x05, 0x27, 0, 0, 0, 0], 'MQTT-3.2.2.3.6', 0x82);
  });
  it('a 5.0 CONNACK decodes with every property it may carry', () => {
    expectDecodes5([0x20, 0x08, 0x00, 0x00, 0x05, 0x27, 0, 0, 1, 0], { type: 'CONNACK', sessionPresent: false, reasonCode: 0, properties: { maximumPacketSize: 256 } });
  });
});
