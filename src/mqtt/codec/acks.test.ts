import { describe, it } from 'vitest';
import { asPacketId } from '../types';
import { expectMalformed, expectVector } from './vector-helpers';

const id = asPacketId;

describe('ack golden vectors', () => {
  it('PUBACK id 1', () => {
    expectVector([0x40, 0x02, 0x00, 0x01], { type: 'PUBACK', packetId: id(1) });        // type 4, flags 0000 | length 2 | id 1
  });
  it('PUBREC id 0x0102', () => {
    expectVector([0x50, 0x02, 0x01, 0x02], { type: 'PUBREC', packetId: id(0x0102) });   // type 5 | length 2 | id MSB 01, LSB 02
  });
  it('PUBREL id 65535', () => {
    expectVector([0x62, 0x02, 0xff, 0xff], { type: 'PUBREL', packetId: id(65535) });    // type 6, flags 0010 | length 2 | id 65535
  });
  it('PUBCOMP id 7', () => {
    expectVector([0x70, 0x02, 0x00, 0x07], { type: 'PUBCOMP', packetId: id(7) });       // type 7 | length 2 | id 7
  });
  it('UNSUBACK id 3', () => {
    expectVector([0xb0, 0x02, 0x00, 0x03], { type: 'UNSUBACK', packetId: id(3) });      // type 11 | length 2 | id 3
  });
  it('PINGREQ c0 00, PINGRESP d0 00, DISCONNECT e0 00', () => {
    expectVector([0xc0, 0x00], { type: 'PINGREQ' });     // type 12, remaining length 0
    expectVector([0xd0, 0x00], { type: 'PINGRESP' });    // type 13, remaining length 0
    expectVector([0xe0, 0x00], { type: 'DISCONNECT' });  // type 14, remaining length 0
  });
});

describe('ack rules', () => {
  it('MQTT-3.6.1-1: PUBREL with flags 0000 is malformed', () => {
    expectMalformed([0x60, 0x02, 0x00, 0x01], 'MQTT-3.6.1-1');
  });
  it('MQTT-2.2.2-2: PUBACK with a reserved flag set is malformed', () => {
    expectMalformed([0x41, 0x02, 0x00, 0x01], 'MQTT-2.2.2-2');
    expectMalformed([0xc8, 0x00], 'MQTT-2.2.2-2');
  });
  it('MQTT-2.3.1-1: PUBACK with packet id 0 is malformed', () => {
    expectMalformed([0x40, 0x02, 0x00, 0x00], 'MQTT-2.3.1-1');
  });
  it('MQTT 2.2.3: bytes left over after the packet id are malformed', () => {
    expectMalformed([0x40, 0x03, 0x00, 0x01, 0x00], 'MQTT-2.2.3');
    expectMalformed([0xe0, 0x01, 0x00], 'MQTT-2.2.3');
  });
  it('MQTT 2.2.1: packet types 0 and 15 are reserved', () => {
    expectMalformed([0x00, 0x00], 'MQTT-2.2.1');
    expectMalformed([0xf0, 0x00], 'MQTT-2.2.1');
  });
});
