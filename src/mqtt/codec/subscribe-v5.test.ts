/** MQTT 5.0 SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK: golden vectors, every byte commented, and one test per rule. */
import { describe, it } from 'vitest';
import { asPacketId } from '../types';
import { expectMalformed5, expectVector5 } from './vector-helpers';

const id = asPacketId;

describe('MQTT 5.0 SUBSCRIBE / SUBACK / UNSUBSCRIBE / UNSUBACK golden vectors', () => {
  it('SUBSCRIBE with a Subscription Identifier and options on each filter', () => {
    expectVector5([
      0x82, 0x0f,                    // SUBSCRIBE (flags 0010), remaining length 15
      0x00, 0x0a,                    // packet id 10
      0x02, 0x0b, 0x07,              // property length 2: Subscription Identifier 7
      0x00, 0x03, 0x61, 0x2f, 0x62,  // filter "a/b"
      0x2d,                          // options 0010 1101: Retain Handling 2, Retain As Published 1, No Local 1, Maximum QoS 1
      0x00, 0x01, 0x23,              // filter "#"
      0x00,                          // options: all 0, Maximum QoS 0
    ], { type: 'SUBSCRIBE', packetId: id(10), properties: { subscriptionIdentifier: 7 }, subscriptions: [
      { topicFilter: 'a/b', qos: 1, noLocal: true, retainAsPublished: true, retainHandling: 2 },
      { topicFilter: '#', qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 },
    ] });
  });

  it('SUBACK with granted QoS and failures named by their Reason Codes', () => {
    expectVector5([
      0x90, 0x06,        // SUBACK, remaining length 6
      0x00, 0x0a,        // packet id 10
      0x00,              // property length 0
      0x01,              // 0x01 Granted QoS 1
      0x87,              // 0x87 Not authorized
      0xa2,              // 0xA2 Wildcard Subscriptions not supported
    ], { type: 'SUBACK', packetId: id(10), reasonCodes: [0x01, 0x87, 0xa2] });
  });

  it('UNSUBSCRIBE with a User Property', () => {
    expectVector5([
      0xa2, 0x0f,                          // UNSUBSCRIBE (flags 0010), remaining length 15
      0x00, 0x0b,                          // packet id 11
      0x07, 0x26, 0x00, 0x01, 0x6b, 0x00, 0x01, 0x76, // property length 7: User Property "k" = "v"
      0x00, 0x03, 0x61, 0x2f, 0x62,        // filter "a/b"
    ], { type: 'UNSUBSCRIBE', packetId: id(11), properties: { userProperties: [['k', 'v']] }, topicFilters: ['a/b'] });
  });

  it('UNSUBACK with a Reason Code per filter (5.0 only)', () => {
    expectVector5([
      0xb0, 0x05,        // UNSUBACK, remaining length 5
      0x00, 0x0b,        // packet id 11
      0x00,              // property length 0
      0x00,              // 0x00 Success
      0x11,              // 0x11 No subscription existed
    ], { type: 'UNSUBACK', packetId: id(11), reasonCodes: [0x00, 0x11] });
  });
});

describe('MQTT 5.0 SUBSCRIBE / SUBACK / UNSUBSCRIBE / UNSUBACK rules', () => {
  it('MQTT-3.8.1-1: SUBSCRIBE flags other than 0010 are malformed', () => {
    expectMalformed5([0x80, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x00], 'MQTT-3.8.1-1', 0x81);
  });
  it('MQTT-3.8.3-2: SUBSCRIBE without a filter is a Protocol Error', () => {
    expectMalformed5([0x82, 0x03, 0x00, 0x01, 0x00], 'MQTT-3.8.3-2', 0x82);
  });
  it('MQTT-3.8.3-5: reserved subscription option bits are malformed', () => {
    expectMalformed5([0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x40], 'MQTT-3.8.3-5', 0x81);
  });
  it('MQTT-3.8.3.1: Maximum QoS 3 or Retain Handling 3 is a Protocol Error', () => {
    expectMalformed5([0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x03], 'MQTT-3.8.3.1', 0x82);
    expectMalformed5([0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61, 0x30], 'MQTT-3.8.3.1', 0x82);
  });
  it('MQTT-3.8.3-4: No Local on a shared subscription is a Protocol Error', () => {
    const filter = Array.from(new TextEncoder().encode('$share/g/a'));
    expectMalformed5([0x82, 6 + filter.length, 0x00, 0x01, 0x00, 0x00, filter.length, ...filter, 0x04], 'MQTT-3.8.3-4', 0x82);
  });
  it('MQTT-4.7.3-1: an empty topic filter is a Protocol Error', () => {
    expectMalformed5([0x82, 0x06, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00], 'MQTT-4.7.3-1', 0x82);
    expectMalformed5([0xa2, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00], 'MQTT-4.7.3-1', 0x82);
  });
  it('MQTT-3.8.2.1.2: Subscription Identifier 0, or twice, is a Protocol Error', () => {
    expectMalformed5([0x82, 0x09, 0x00, 0x01, 0x02, 0x0b, 0x00, 0x00, 0x01, 0x61, 0x00], 'MQTT-3.8.2.1.2', 0x82);
    expectMalformed5([0x82, 0x0b, 0x00, 0x01, 0x04, 0x0b, 0x01, 0x0b, 0x02, 0x00, 0x01, 0x61, 0x00], 'MQTT-3.8.2.1.2', 0x82);
  });
  it('MQTT-3.9.3-2: a code that is not a Subscribe Reason Code is a Protocol Error', () => {
    expectMalformed5([0x90, 0x04, 0x00, 0x01, 0x00, 0x03], 'MQTT-3.9.3-2', 0x82);
  });
  it('MQTT-3.10.1-1: UNSUBSCRIBE flags other than 0010 are malformed', () => {
    expectMalformed5([0xa0, 0x06, 0x00, 0x01, 0x00, 0x00, 0x01, 0x61], 'MQTT-3.10.1-1', 0x81);
  });
  it('MQTT-3.10.3-2: UNSUBSCRIBE without a filter is a Protocol Error', () => {
    expectMalformed5([0xa2, 0x03, 0x00, 0x01, 0x00], 'MQTT-3.10.3-2', 0x82);
  });
  it('MQTT-3.11.3-2: a code that is not an Unsubscribe Reason Code is a Protocol Error', () => {
    expectMalformed5([0xb0, 0x04, 0x00, 0x01, 0x00, 0x01], 'MQTT-3.11.3-2', 0x82);
  });
});
