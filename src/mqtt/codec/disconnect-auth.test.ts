/** MQTT 5.0 DISCONNECT and AUTH: golden vectors, every byte commented, and one test per rule. */
import { describe, expect, it } from 'vitest';
import { decode, encode } from './index';
import { expectDecodes5, expectMalformed5, expectVector5, text } from './vector-helpers';

describe('MQTT 5.0 DISCONNECT', () => {
  it('golden: Remaining Length 0 is 0x00 Normal disconnection', () => {
    expectVector5([0xe0, 0x00], { type: 'DISCONNECT' });
  });
  it('golden: a reason code only (Remaining Length 1)', () => {
    expectVector5([0xe0, 0x01, 0x04], { type: 'DISCONNECT', reasonCode: 0x04 }); // 0x04 Disconnect with Will Message
  });
  it('golden: a reason code and properties', () => {
    expectVector5([
      0xe0, 0x07,                   // DISCONNECT, remaining length 7
      0x8e,                         // 0x8E Session taken over
      0x05,                         // property length 5
      0x11, 0x00, 0x00, 0x00, 0x00, //   Session Expiry Interval 0
    ], { type: 'DISCONNECT', reasonCode: 0x8e, properties: { sessionExpiryInterval: 0 } });
  });
  it('a reason code followed by a Property Length of 0 is the same packet', () => {
    expectDecodes5([0xe0, 0x02, 0x00, 0x00], { type: 'DISCONNECT', reasonCode: 0 });
  });
  it('MQTT-3.14.1-1: reserved flags are malformed', () => {
    expectMalformed5([0xe1, 0x00], 'MQTT-3.14.1-1', 0x81);
  });
  it('MQTT-3.14.2-1: a code that is not a Disconnect Reason Code is a Protocol Error', () => {
    expectMalformed5([0xe0, 0x01, 0x10], 'MQTT-3.14.2-1', 0x82);
  });
  it('MQTT-2.2.2.2: a property DISCONNECT does not allow is malformed', () => {
    expectMalformed5([0xe0, 0x05, 0x00, 0x03, 0x23, 0x00, 0x01], 'MQTT-2.2.2.2', 0x81); // Topic Alias
  });
  it('a 3.1.1 DISCONNECT with a body stays malformed on a 3.1.1 connection', () => {
    expect(decode(Uint8Array.from([0xe0, 0x01, 0x00]))).toMatchObject({ kind: 'malformed', error: { rule: 'MQTT-2.2.3' } });
  });
});

describe('MQTT 5.0 AUTH', () => {
  it('golden: Remaining Length 0 is 0x00 Success', () => {
    expectVector5([0xf0, 0x00], { type: 'AUTH' });
  });
  it('golden: continue authentication, with method and data', () => {
    expectVector5([
      0xf0, 0x10,                                // AUTH (type 15), remaining length 16
      0x18,                                      // 0x18 Continue authentication
      0x0e,                                      // property length 14
      0x15, 0x00, 0x05, 0x53, 0x43, 0x52, 0x41, 0x4d, //   Authentication Method "SCRAM"
      0x16, 0x00, 0x03, 0x61, 0x62, 0x63,        //   Authentication Data "abc"
    ], { type: 'AUTH', reasonCode: 0x18, properties: { authenticationMethod: 'SCRAM', authenticationData: text('abc') } });
  });
  it('MQTT-3.15.1-1: reserved flags are malformed', () => {
    expectMalformed5([0xf2, 0x00], 'MQTT-3.15.1-1', 0x81);
  });
  it('MQTT-3.15.2-1: a code that is not an Authenticate Reason Code is a Protocol Error', () => {
    expectMalformed5([0xf0, 0x01, 0x87], 'MQTT-3.15.2-1', 0x82);
  });
  it('MQTT-3.15.2.2.2: an AUTH with a reason code but no Authentication Method is a Protocol Error', () => {
    expectMalformed5([0xf0, 0x01, 0x19], 'MQTT-3.15.2.2.2', 0x82);
    expectMalformed5([0xf0, 0x02, 0x19, 0x00], 'MQTT-3.15.2.2.2', 0x82);
  });
  it('MQTT 2.2.1: type 15 is reserved in 3.1.1, and AUTH cannot be sent there', () => {
    expect(decode(Uint8Array.from([0xf0, 0x00]))).toMatchObject({ kind: 'malformed', error: { rule: 'MQTT-2.2.1' } });
    expect(() => encode({ type: 'AUTH' })).toThrow(/invariant/);
  });
});
