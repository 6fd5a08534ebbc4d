import { describe, it } from 'vitest';
import { asPacketId } from '../types';
import { expectMalformed, expectVector } from './vector-helpers';

const id = asPacketId;

describe('SUBSCRIBE / SUBACK / UNSUBSCRIBE golden vectors', () => {
  it('SUBSCRIBE two filters (the shape of the spec example, Figure 3.21)', () => {
    expectVector([
      0x82,                    // SUBSCRIBE (8 << 4), flags 0010
      0x0e,                    // remaining length 14
      0x00, 0x0a,              // packet id 10
      0x00, 0x03, 0x61, 0x2f, 0x62,  // filter "a/b"
      0x01,                    // requested QoS 1
      0x00, 0x03, 0x63, 0x2f, 0x23,  // filter "c/#"
      0x02,                    // requested QoS 2
    ], { type: 'SUBSCRIBE', packetId: id(10), subscriptions: [{ topicFilter: 'a/b', qos: 1 }, { topicFilter: 'c/#', qos: 2 }] });
  });

  it('SUBACK with granted QoS and 0x80 failure', () => {
    expectVector([
      0x90,        // SUBACK (9 << 4)
      0x05,        // remaining length 5
      0x00, 0x0a,  // packet id 10
      0x00,        // granted QoS 0
      0x02,        // granted QoS 2
      0x80,        // failure
    ], { type: 'SUBACK', packetId: id(10), returnCodes: [0, 2, 0x80] });
  });

  it('UNSUBSCRIBE two filters', () => {
    expectVector([
      0xa2,                    // UNSUBSCRIBE (10 << 4), flags 0010
      0x0c,                    // remaining length 12
      0x00, 0x0b,              // packet id 11
      0x00, 0x03, 0x61, 0x2f, 0x62,  // "a/b"
      0x00, 0x03, 0x63, 0x2f, 0x2b,  // "c/+"
    ], { type: 'UNSUBSCRIBE', packetId: id(11), topicFilters: ['a/b', 'c/+'] });
  });
});

describe('SUBSCRIBE / SUBACK / UNSUBSCRIBE rules', () => {
  it('MQTT-3.8.3-3: SUBSCRIBE without filters is malformed', () => {
    expectMalformed([0x82, 0x02, 0x00, 0x01], 'MQTT-3.8.3-3');
  });
  it('MQTT-3.10.3-2: UNSUBSCRIBE without filters is malformed', () => {
    expectMalformed([0xa2, 0x02, 0x00, 0x01], 'MQTT-3.10.3-2');
  });
  it('MQTT-3.8.3-4: SUBSCRIBE reserved QoS bits or QoS 3 are malformed', () => {
    expectMalformed([0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x05], 'MQTT-3.8.3-4');
    expectMalformed([0x82, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x03], 'MQTT-3.8.3-4');
  });
  it('MQTT-3.8.1-1: SUBSCRIBE flags other than 0010 are malformed', () => {
    expectMalformed([0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00], 'MQTT-3.8.1-1');
  });
  it('MQTT-3.10.1-1: UNSUBSCRIBE flags other than 0010 are malformed', () => {
    expectMalformed([0xa0, 0x05, 0x00, 0x01, 0x00, 0x01, 0x61], 'MQTT-3.10.1-1');
  });
  it('MQTT-2.3.1-1: SUBSCRIBE with packet id 0 is malformed', () => {
    expectMalformed([0x82, 0x06, 0x00, 0x00, 0x00, 0x01, 0x61, 0x00], 'MQTT-2.3.1-1');
  });
  it('MQTT-4.7.3-1: empty topic filter is malformed', () => {
    expectMalformed([0x82, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00], 'MQTT-4.7.3-1');
    expectMalformed([0xa2, 0x04, 0x00, 0x01, 0x00, 0x00], 'MQTT-4.7.3-1');
  });
  it('MQTT-3.9.3-2: SUBACK return code 0x03 is malformed', () => {
    expectMalformed([0x90, 0x03, 0x00, 0x01, 0x03], 'MQTT-3.9.3-2');
  });
  it('MQTT 2.2.3: SUBSCRIBE filter without its QoS byte is malformed', () => {
    expectMalformed([0x82, 0x05, 0x00, 0x01, 0x00, 0x01, 0x61], 'MQTT-2.2.3');
  });
});
