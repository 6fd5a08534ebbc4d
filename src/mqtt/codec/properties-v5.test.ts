/**
 * MQTT 5.0 as a whole: the primitives' rules (Variable Byte Integer, properties, strings), and
 * property tests over every 5.0 packet (round trip, any chunking, annotations cover every
 * byte, random bytes never throw and every refusal names its rule and its Reason Code).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Packet } from '../types';
import { annotate, createReader, decode, encode, feed, reasonCodesOf, type ReasonCodePacket } from './index';
import { connect5, packet5 } from './packet-arbitraries';
import { PROPERTY_DEFINITIONS } from './property-table';
import { expectCovered5, expectMalformed5, readInChunks } from './vector-helpers';
import { concatBytes } from './bytes';

const V5 = { version: 5 } as const;

/**
 * A refusal on a 5.0 connection names its rule and the Reason Code to answer with; except for a
 * CONNECT that names another level than 5, which is read (and refused) as 3.1.1 (MQTT-3.1.2-2).
 */
function expectRefusalExplained(bytes: Uint8Array): void {
  const result = decode(bytes, 0, V5);
  if (result.kind !== 'malformed') return;
  expect(result.error.rule).toMatch(/^MQTT-\d+(\.\d+)*(-\d+)?$/);
  if (result.error.reasonCode !== undefined) {
    expect(result.error.reasonCode).toBeGreaterThanOrEqual(0x80);
  } else {
    expect(bytes[0] >> 4).toBe(1);
    expect(decode(bytes)).toEqual(result);
  }
}

describe('MQTT 5.0 Variable Byte Integer (1.5.5)', () => {
  it('MQTT-1.5.5: a fifth Remaining Length byte is malformed', () => {
    expectMalformed5([0x30, 0xff, 0xff, 0xff, 0xff, 0x7f], 'MQTT-1.5.5', 0x81);
  });
  it('MQTT-1.5.5-1: a Remaining Length in more bytes than it needs is malformed (3.1.1 let it pass)', () => {
    expectMalformed5([0xc0, 0x80, 0x00], 'MQTT-1.5.5-1', 0x81);
    expect(decode(Uint8Array.from([0xc0, 0x80, 0x00]))).toEqual({ kind: 'packet', packet: { type: 'PINGREQ' }, size: 3 });
  });
  it('MQTT-1.5.5-1: so is a Property Length, a property identifier or a Subscription Identifier', () => {
    expectMalformed5([0x30, 0x05, 0x00, 0x01, 0x74, 0x80, 0x00], 'MQTT-1.5.5-1', 0x81);                   // property length 0 in 2 bytes
    expectMalformed5([0x30, 0x07, 0x00, 0x01, 0x74, 0x03, 0x81, 0x00, 0x00], 'MQTT-1.5.5-1', 0x81);       // identifier 1 in 2 bytes
    expectMalformed5([0x30, 0x07, 0x00, 0x01, 0x74, 0x03, 0x0b, 0x81, 0x00], 'MQTT-1.5.5-1', 0x81);       // Subscription Identifier 1 in 2 bytes
  });
  it('MQTT-1.5.5: a Subscription Identifier of five bytes is malformed', () => {
    expectMalformed5([0x30, 0x0a, 0x00, 0x01, 0x74, 0x06, 0x0b, 0xff, 0xff, 0xff, 0xff, 0x01], 'MQTT-1.5.5', 0x81);
  });
  it('the largest Subscription Identifier, 268,435,455, takes four bytes', () => {
    const p: Packet = { type: 'SUBSCRIBE', packetId: 1 as never, properties: { subscriptionIdentifier: 268_435_455 },
      subscriptions: [{ topicFilter: 'a', qos: 0, noLocal: false, retainAsPublished: false, retainHandling: 0 }] };
    const bytes = encode(p, V5);
    expect(Array.from(bytes.subarray(4, 10))).toEqual([0x05, 0x0b, 0xff, 0xff, 0xff, 0x7f]);
    expect(decode(bytes, 0, V5)).toEqual({ kind: 'packet', packet: p, size: bytes.length });
  });
});

describe('MQTT 5.0 properties (2.2.2)', () => {
  it('MQTT-2.2.2-1: no properties is a Property Length of 0, which must be there', () => {
    expect(Array.from(encode({ type: 'SUBACK', packetId: 1 as never, reasonCodes: [0] }, V5))).toEqual([0x90, 0x04, 0x00, 0x01, 0x00, 0x00]);
    expectMalformed5([0x90, 0x02, 0x00, 0x01], 'MQTT-2.1.4', 0x81); // SUBACK without its Property Length
  });
  it('MQTT-2.2.2.1: a Property Length past the Remaining Length, or a property past the Property Length, is malformed', () => {
    expectMalformed5([0x30, 0x05, 0x00, 0x01, 0x74, 0x09, 0x00], 'MQTT-2.2.2.1', 0x81);
    expectMalformed5([0x30, 0x07, 0x00, 0x01, 0x74, 0x02, 0x23, 0x00, 0x01], 'MQTT-2.2.2.1', 0x81); // Topic Alias cut short by the Property Length
  });
  it('MQTT-2.2.2.2: an unknown property identifier is malformed', () => {
    expectMalformed5([0x30, 0x06, 0x00, 0x01, 0x74, 0x02, 0x05, 0x00], 'MQTT-2.2.2.2', 0x81);
    expectMalformed5([0x30, 0x06, 0x00, 0x01, 0x74, 0x02, 0x00, 0x00], 'MQTT-2.2.2.2', 0x81);
  });
  it('MQTT-1.5.4-1 / MQTT-1.5.4-2: a string property that is not well-formed UTF-8, or holds U+0000, is malformed', () => {
    expectMalformed5([0x40, 0x08, 0x00, 0x01, 0x00, 0x04, 0x1f, 0x00, 0x01, 0xff], 'MQTT-1.5.4-1', 0x81);
    expectMalformed5([0x40, 0x08, 0x00, 0x01, 0x00, 0x04, 0x1f, 0x00, 0x01, 0x00], 'MQTT-1.5.4-2', 0x81);
    expectMalformed5([0x30, 0x05, 0x00, 0x02, 0xc3, 0x28, 0x00], 'MQTT-1.5.4-1', 0x81); // the topic too
  });
  it('MQTT-1.5.4-3: a BOM (EF BB BF) in a string is U+FEFF, kept, not stripped', () => {
    const result = decode(Uint8Array.from([0x40, 0x0a, 0x00, 0x01, 0x00, 0x06, 0x1f, 0x00, 0x03, 0xef, 0xbb, 0xbf]), 0, V5);
    expect(result).toMatchObject({ kind: 'packet', packet: { properties: { reasonString: '\ufeff' } } });
  });
  it('MQTT-1.5.7-1: a User Property whose name or value breaks the string rules is malformed', () => {
    expectMalformed5([0x40, 0x0b, 0x00, 0x01, 0x00, 0x07, 0x26, 0x00, 0x01, 0xed, 0x00, 0x01, 0x61], 'MQTT-1.5.7-1', 0x81);
    expectMalformed5([0x40, 0x0b, 0x00, 0x01, 0x00, 0x07, 0x26, 0x00, 0x01, 0x61, 0x00, 0x01, 0x00], 'MQTT-1.5.7-1', 0x81);
  });
  it('MQTT-2.1.4: bytes beyond the last field are malformed', () => {
    expectMalformed5([0xc0, 0x01, 0x00], 'MQTT-2.1.4', 0x81);
    expectMalformed5([0x40, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00], 'MQTT-2.1.4', 0x81);
  });
  it('MQTT-2.1.2: packet type 0 is reserved', () => {
    expectMalformed5([0x00, 0x00], 'MQTT-2.1.2', 0x81);
  });
  it('MQTT-2.1.3-1: reserved flags are malformed', () => {
    expectMalformed5([0x21, 0x03, 0x00, 0x00, 0x00], 'MQTT-2.1.3-1', 0x81);
  });
  it('encode refuses what decode would refuse (our bug, not the peer\'s)', () => {
    expect(() => encode({ type: 'PUBACK', packetId: 1 as never, properties: { topicAlias: 1 } as never }, V5)).toThrow(/invariant/);
    expect(() => encode({ type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 5, clientId: '', cleanSession: true, keepAliveSec: 0,
      properties: { receiveMaximum: 0 } }, V5)).toThrow(/invariant/);
    expect(() => encode({ type: 'PUBACK', packetId: 1 as never, reasonCode: 0x10 })).toThrow(/invariant/); // a reason code on a 3.1.1 connection
  });
});

describe('MQTT 5.0 Maximum Packet Size (3.1.2.11.4, 3.2.2.3.6)', () => {
  const publish = Uint8Array.from([0x30, 0x08, 0x00, 0x03, 0x61, 0x2f, 0x62, 0x00, 0x68, 0x69]); // 10 bytes
  it('MQTT-3.2.2-15: a server refuses a packet above the size it set in CONNACK with 0x95, before the body arrives', () => {
    const result = decode(publish.subarray(0, 2), 0, { version: 5, maximumPacketSize: { bytes: 9, setIn: 'CONNACK' } });
    expect(result).toMatchObject({ kind: 'malformed', error: { rule: 'MQTT-3.2.2-15', reasonCode: 0x95 } });
  });
  it('MQTT-3.1.2-24: a client refuses a packet above the size it set in CONNECT', () => {
    const result = decode(publish, 0, { version: 5, maximumPacketSize: { bytes: 9, setIn: 'CONNECT' } });
    expect(result).toMatchObject({ kind: 'malformed', error: { rule: 'MQTT-3.1.2-24', reasonCode: 0x95 } });
    expect(decode(publish, 0, { version: 5, maximumPacketSize: { bytes: 10, setIn: 'CONNECT' } }).kind).toBe('packet');
  });
});

describe('MQTT 5.0 codec properties', () => {
  it('decode(encode(p)) deep-equals p for every valid 5.0 packet', () => {
    fc.assert(fc.property(packet5, (p) => {
      const bytes = encode(p, V5);
      expect(decode(bytes, 0, V5)).toEqual({ kind: 'packet', packet: p, size: bytes.length });
    }), { numRuns: 3_000 });
  });

  it('the arbitrary covers every property and every reason code of every packet', () => {
    const keys = new Set<string>();
    const codes = new Set<string>();
    const note = (type: string, code: number | undefined) => { if (code !== undefined) codes.add(`${type} ${code}`); };
    fc.assert(fc.property(packet5, (p) => {
      const props = [('properties' in p ? p.properties : undefined), (p.type === 'CONNECT' ? p.will?.properties : undefined)];
      for (const set of props) for (const key of Object.keys(set ?? {})) keys.add(key);
      if ('reasonCode' in p) note(p.type, p.reasonCode);
      if ('reasonCodes' in p) for (const code of p.reasonCodes ?? []) note(p.type, code);
    }), { numRuns: 20_000, seed: 5 });
    expect([...keys].sort()).toEqual(Object.keys(PROPERTY_DEFINITIONS).sort());
    const packets: ReasonCodePacket[] = ['CONNACK', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBACK', 'UNSUBACK', 'DISCONNECT', 'AUTH'];
    for (const type of packets) for (const code of reasonCodesOf(type)) expect(codes, `${type} 0x${code.toString(16)}`).toContain(`${type} ${code}`);
  });

  it('the reader yields the same packets for any chunking, on a 5.0 connection', () => {
    const stream = fc.array(packet5.filter((p) => p.type !== 'CONNECT'), { minLength: 1, maxLength: 8 });
    const cuts = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(stream, cuts, (packets, sizes) => {
      const bytes = concatBytes(...packets.map((p) => encode(p, V5)));
      expect(readInChunks(createReader(V5), bytes, sizes)).toEqual(packets);
    }), { numRuns: 500 });
  });

  it('a server\'s reader learns the version from the CONNECT, one byte at a time, through structuredClone', () => {
    const after = fc.array(packet5.filter((p) => p.type !== 'CONNECT'), { maxLength: 4 });
    fc.assert(fc.property(connect5, after, (connect, rest) => {
      let reader = createReader({ version: 'fromConnect' });
      const out: Packet[] = [];
      for (const byte of concatBytes(encode(connect), ...rest.map((p) => encode(p, V5)))) {
        const result = feed(reader, Uint8Array.of(byte));
        expect(result.error).toBeUndefined();
        out.push(...result.packets);
        reader = structuredClone(reader);
      }
      expect(out).toEqual([connect, ...rest]);
      expect(reader.version).toBe(5);
    }), { numRuns: 300 });
  });

  it('a server\'s reader reads on in 3.1.1 after a level-4 CONNECT', () => {
    const reader = createReader({ version: 'fromConnect' });
    const connect: Packet = { type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId: 'c', cleanSession: true, keepAliveSec: 0 };
    const publish: Packet = { type: 'PUBLISH', topic: 't', payload: Uint8Array.of(0), qos: 0, dup: false, retain: false };
    expect(feed(reader, concatBytes(encode(connect), encode(publish)))).toEqual({ packets: [connect, publish] });
    expect(reader.version).toBe(4);
  });

  it('annotate covers every byte of every valid 5.0 packet, once and in order', () => {
    fc.assert(fc.property(packet5, (p) => {
      const bytes = encode(p, V5);
      expectCovered5(bytes);
      for (const f of annotate(bytes, V5).fields) {
        for (const bit of f.bits ?? []) expect(bit).toMatchObject({ offset: f.offset, length: 1 });
      }
    }), { numRuns: 2_000 });
  });

  it('random bytes never throw on a 5.0 connection, and every refusal names its rule and its Reason Code', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
      const bytes = Uint8Array.from(raw);
      expectRefusalExplained(bytes);
      const notes = annotate(bytes, V5);
      expect(notes.packet !== undefined || notes.error !== undefined).toBe(true);
      feed(createReader(V5), bytes);
    }), { numRuns: 10_000, seed: 50 });
  });

  it('random bodies behind a valid 5.0 fixed header never throw, and are refused with a rule and a Reason Code', () => {
    const body = fc.tuple(fc.integer({ min: 0x10, max: 0xff }), fc.uint8Array({ maxLength: 40 }));
    fc.assert(fc.property(body, ([byte0, rest]) => {
      const bytes = Uint8Array.from([byte0, rest.length, ...rest]);
      expectRefusalExplained(bytes);
      expect(() => annotate(bytes, V5)).not.toThrow();
    }), { numRuns: 20_000, seed: 51 });
  });

  it('mutating one byte of a valid 5.0 packet never throws, and a refusal names a Reason Code', () => {
    fc.assert(fc.property(packet5, fc.nat(), fc.integer({ min: 0, max: 255 }), (p, at, value) => {
      const bytes = encode(p, V5).slice();
      bytes[at % bytes.length] = value;
      expectRefusalExplained(bytes);
      expect(() => annotate(bytes, V5)).not.toThrow();
    }), { numRuns: 10_000, seed: 52 });
  });
});


describe('5.0 strings: each place a UTF-8 string stands keeps the string rules', () => {
  it('MQTT-3.3.2-1: the topic name is a UTF-8 string (first in the variable header)', () => {
    expectMalformed5([0x30, 0x05, 0x00, 0x02, 0xc3, 0x28, 0x00], 'MQTT-1.5.4-1', 0x81);
  });
  it('MQTT-3.3.2-13: the Response Topic is a UTF-8 string', () => {
    expectMalformed5([0x30, 0x08, 0x00, 0x01, 0x74, 0x04, 0x08, 0x00, 0x01, 0xff], 'MQTT-1.5.4-1', 0x81);
  });
  it('MQTT-3.3.2-19: the Content Type is a UTF-8 string', () => {
    expectMalformed5([0x30, 0x08, 0x00, 0x01, 0x74, 0x04, 0x03, 0x00, 0x01, 0x00], 'MQTT-1.5.4-2', 0x81);
  });
  it('MQTT-3.8.3-1: a SUBSCRIBE topic filter is a UTF-8 string', () => {
    expectMalformed5([0x82, 0x07, 0x00, 0x01, 0x00, 0x00, 0x01, 0xff, 0x01], 'MQTT-1.5.4-1', 0x81);
  });
  it('MQTT-3.10.3-1: an UNSUBSCRIBE topic filter is a UTF-8 string', () => {
    expectMalformed5([0xa2, 0x06, 0x00, 0x01, 0x00, 0x00, 0x01, 0xff], 'MQTT-1.5.4-1', 0x81);
  });
});
