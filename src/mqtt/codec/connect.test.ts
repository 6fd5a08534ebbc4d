import { describe, expect, it } from 'vitest';
import { decode } from './index';
import { expectMalformed, expectVector, text } from './vector-helpers';

// MQTT header: protocol name "MQTT" with its length prefix.
const MQTT = [0x00, 0x04, 0x4d, 0x51, 0x54, 0x54];

describe('CONNECT golden vectors', () => {
  it('minimal: clean session, keep alive 60, client id "c1"', () => {
    expectVector([
      0x10,              // CONNECT (1 << 4), flags 0000
      0x0e,              // remaining length 14
      ...MQTT,           // protocol name length 4, "MQTT"
      0x04,              // protocol level 4 = MQTT 3.1.1
      0x02,              // connect flags: clean session
      0x00, 0x3c,        // keep alive 60 s
      0x00, 0x02,        // client id length 2
      0x63, 0x31,        // "c1"
    ], { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: 'c1', cleanSession: true, keepAliveSec: 60 });
  });

  it('everything: will QoS 1 retained, user name, password', () => {
    expectVector([
      0x10, 0x1c,        // CONNECT, remaining length 28
      ...MQTT,           // "MQTT"
      0x04,              // level 4
      0xee,              // 1110 1110: user name, password, will retain, will QoS 01, will flag, clean session
      0x00, 0x3c,        // keep alive 60
      0x00, 0x02, 0x63, 0x31,        // client id "c1"
      0x00, 0x01, 0x77,              // will topic "w"
      0x00, 0x03, 0x62, 0x79, 0x65,  // will message "bye"
      0x00, 0x01, 0x75,              // user name "u"
      0x00, 0x01, 0x70,              // password "p"
    ], {
      type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: 'c1', cleanSession: true, keepAliveSec: 60,
      will: { topic: 'w', payload: text('bye'), qos: 1, retain: true }, username: 'u', password: text('p'),
    });
  });

  it('empty client id, clean session 0, keep alive off', () => {
    expectVector([
      0x10, 0x0c, ...MQTT, 0x04,
      0x00,              // no flags: clean session 0
      0x00, 0x00,        // keep alive 0 (off)
      0x00, 0x00,        // client id length 0
    ], { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: '', cleanSession: false, keepAliveSec: 0 });
  });
});

describe('CONNECT rules', () => {
  const header = (flags: number, rest: number[] = [0x00, 0x00]) =>
    [0x10, 10 + rest.length, ...MQTT, 0x04, flags, 0x00, 0x3c, ...rest];

  it('MQTT-3.1.2-1: protocol name other than "MQTT" is malformed', () => {
    expectMalformed([0x10, 0x0c, 0x00, 0x04, 0x4d, 0x51, 0x54, 0x58, 0x04, 0x02, 0x00, 0x3c, 0x00, 0x00], 'MQTT-3.1.2-1');
  });

  it('MQTT-3.1.2-2: a level other than 4 still decodes, so the broker can answer return code 1', () => {
    const result = decode(Uint8Array.from([0x10, 0x0c, ...MQTT, 0x05, 0x02, 0x00, 0x3c, 0x00, 0x00]));
    expect(result).toMatchObject({ kind: 'packet', packet: { type: 'CONNECT', protocolLevel: 5 } });
    // an MQTT 5.0 CONNECT: properties length 0 before the client id does not parse as 3.1.1
    const v5 = decode(Uint8Array.from([0x10, 0x0d, ...MQTT, 0x05, 0x02, 0x00, 0x3c, 0x00, 0x00, 0x00]));
    expect(v5).toMatchObject({ kind: 'packet', size: 15, packet: { protocolLevel: 5, clientId: '' } });
  });

  it('MQTT-3.1.2-3: CONNECT reserved flag set is malformed', () => {
    expectMalformed(header(0x03), 'MQTT-3.1.2-3');
  });

  it('MQTT-3.1.2-13: will QoS without will flag is malformed', () => {
    expectMalformed(header(0x08), 'MQTT-3.1.2-13');
  });

  it('MQTT-3.1.2-14: will QoS 3 is malformed', () => {
    expectMalformed(header(0x1c), 'MQTT-3.1.2-14');
  });

  it('MQTT-3.1.2-15: will retain without will flag is malformed', () => {
    expectMalformed(header(0x20), 'MQTT-3.1.2-15');
  });

  it('MQTT-3.1.2-22: password without user name is malformed', () => {
    expectMalformed(header(0x40, [0x00, 0x00, 0x00, 0x01, 0x70]), 'MQTT-3.1.2-22');
  });

  it('MQTT-3.1.2-9: will flag without will topic and message is malformed', () => {
    expectMalformed(header(0x04), 'MQTT-3.1.2-9');
  });

  it('MQTT-3.1.2-19: user name flag without a user name is malformed', () => {
    expectMalformed(header(0x80), 'MQTT-3.1.2-19');
  });

  it('MQTT-3.1.2-21: password flag without a password is malformed', () => {
    expectMalformed(header(0xc0, [0x00, 0x00, 0x00, 0x01, 0x75]), 'MQTT-3.1.2-21');
  });

  it('MQTT-3.1.2-11: bytes where no will was flagged are malformed', () => {
    expectMalformed(header(0x00, [0x00, 0x00, 0x00, 0x01, 0x77]), 'MQTT-3.1.2-11');
  });

  it('MQTT-3.1.2-20: bytes where no password was flagged are malformed', () => {
    expectMalformed(header(0x80, [0x00, 0x00, 0x00, 0x01, 0x75, 0x00, 0x01, 0x70]), 'MQTT-3.1.2-20');
  });

  it('MQTT-1.5.3-2: client id containing U+0000 is malformed', () => {
    expectMalformed(header(0x02, [0x00, 0x01, 0x00]), 'MQTT-1.5.3-2');
  });
});

describe('CONNACK', () => {
  it('golden: accepted, session present', () => {
    expectVector([
      0x20, 0x02,  // CONNACK, remaining length 2
      0x01,        // acknowledge flags: session present
      0x00,        // return code 0, accepted
    ], { type: 'CONNACK', sessionPresent: true, returnCode: 0 });
  });

  it('golden: refused, bad user name or password', () => {
    expectVector([0x20, 0x02, 0x00, 0x04], { type: 'CONNACK', sessionPresent: false, returnCode: 4 });  // flags 0, return code 4
  });

  it('MQTT 3.2.2.1: reserved acknowledge flag bits are malformed', () => {
    expectMalformed([0x20, 0x02, 0x02, 0x00], 'MQTT-3.2.2.1');
  });

  it('MQTT 3.2.2.3: return code 6 is reserved', () => {
    expectMalformed([0x20, 0x02, 0x00, 0x06], 'MQTT-3.2.2.3');
  });

  it('MQTT-3.2.2-4: a refusal with session present is malformed', () => {
    expectMalformed([0x20, 0x02, 0x01, 0x05], 'MQTT-3.2.2-4');
  });
});
