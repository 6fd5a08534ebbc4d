import { describe, expect, it } from 'vitest';
import { asPacketId } from '../types';
import { decode, encode } from './index';
import { expectMalformed, expectVector, text } from './vector-helpers';

const id = asPacketId;

describe('PUBLISH golden vectors', () => {
  it('QoS 0, topic "a/b", payload "hi"', () => {
    expectVector([
      0x30,             // PUBLISH (3 << 4), DUP 0, QoS 0, RETAIN 0
      0x07,             // remaining length 7
      0x00, 0x03,       // topic length 3
      0x61, 0x2f, 0x62, // "a/b"
      0x68, 0x69,       // payload "hi" (no packet id at QoS 0)
    ], { type: 'PUBLISH', topic: 'a/b', payload: text('hi'), qos: 0, dup: false, retain: false });
  });

  it('QoS 1, retained, packet id 10', () => {
    expectVector([
      0x33,             // PUBLISH, DUP 0, QoS 1 (bits 2-1 = 01), RETAIN 1
      0x09,             // remaining length 9
      0x00, 0x03,       // topic length 3
      0x61, 0x2f, 0x62, // "a/b"
      0x00, 0x0a,       // packet id 10
      0x68, 0x69,       // payload "hi"
    ], { type: 'PUBLISH', topic: 'a/b', payload: text('hi'), qos: 1, dup: false, retain: true, packetId: id(10) });
  });

  it('QoS 2, DUP, packet id 0x1234, empty payload', () => {
    expectVector([
      0x3c,             // PUBLISH, DUP 1, QoS 2 (bits 2-1 = 10), RETAIN 0
      0x05,             // remaining length 5
      0x00, 0x01,       // topic length 1
      0x74,             // "t"
      0x12, 0x34,       // packet id 0x1234
                        // empty payload
    ], { type: 'PUBLISH', topic: 't', payload: new Uint8Array(0), qos: 2, dup: true, retain: false, packetId: id(0x1234) });
  });

  it('non-ASCII topic "ü/€" is UTF-8 on the wire', () => {
    expectVector([
      0x30, 0x08,             // PUBLISH QoS 0, remaining length 8
      0x00, 0x06,             // topic length 6 bytes (3 characters)
      0xc3, 0xbc,             // "ü"  U+00FC
      0x2f,                   // "/"
      0xe2, 0x82, 0xac,       // "€"  U+20AC
    ], { type: 'PUBLISH', topic: 'ü/€', payload: new Uint8Array(0), qos: 0, dup: false, retain: false });
  });

  it('200-byte payload needs a 2-byte remaining length', () => {
    const payload = new Uint8Array(200).fill(0x41);
    const bytes = encode({ type: 'PUBLISH', topic: 'x', payload, qos: 0, dup: false, retain: false });
    // 0x30 | 203 = 0xcb 0x01 (75 + 1 * 128) | 00 01 'x' | 200 x 'A'
    expect(Array.from(bytes.subarray(0, 5))).toEqual([0x30, 0xcb, 0x01, 0x00, 0x01]);
    expect(bytes.length).toBe(206);
  });

  it('QoS 0 has no packetId property at all', () => {
    const result = decode(Uint8Array.from([0x30, 0x03, 0x00, 0x01, 0x74]));
    expect(result.kind === 'packet' && 'packetId' in result.packet).toBe(false);
  });
});

describe('PUBLISH rules', () => {
  it('MQTT-3.3.2-2: PUBLISH topic with a wildcard is malformed', () => {
    expectMalformed([0x30, 0x05, 0x00, 0x03, 0x61, 0x2f, 0x23], 'MQTT-3.3.2-2');  // "a/#"
    expectMalformed([0x30, 0x03, 0x00, 0x01, 0x2b], 'MQTT-3.3.2-2');              // "+"
  });

  it('MQTT-3.3.1-4: PUBLISH with QoS 3 is malformed', () => {
    expectMalformed([0x36, 0x05, 0x00, 0x01, 0x74, 0x00, 0x01], 'MQTT-3.3.1-4');
  });

  it('MQTT-3.3.1-2: PUBLISH QoS 0 with DUP set is malformed', () => {
    expectMalformed([0x38, 0x03, 0x00, 0x01, 0x74], 'MQTT-3.3.1-2');
  });

  it('MQTT-4.7.3-1: PUBLISH with an empty topic is malformed', () => {
    expectMalformed([0x30, 0x03, 0x00, 0x00, 0x68], 'MQTT-4.7.3-1');
  });

  it('MQTT-2.3.1-1: PUBLISH QoS 1 with packet id 0 is malformed', () => {
    expectMalformed([0x32, 0x05, 0x00, 0x01, 0x74, 0x00, 0x00], 'MQTT-2.3.1-1');
  });

  it('MQTT 2.2.3: QoS 1 PUBLISH too short for its packet id is malformed', () => {
    expectMalformed([0x32, 0x04, 0x00, 0x01, 0x74, 0x00], 'MQTT-2.2.3');
  });

  it('MQTT 2.2.3: topic length beyond the remaining length is malformed', () => {
    expectMalformed([0x30, 0x03, 0x00, 0x05, 0x74], 'MQTT-2.2.3');
  });

  it('encode refuses a QoS 1 PUBLISH without packet id (our bug, not the peer\'s)', () => {
    expect(() => encode({ type: 'PUBLISH', topic: 't', payload: new Uint8Array(0), qos: 1, dup: false, retain: false })).toThrow(/invariant/);
  });
});
