/**
 * The pcapng block writer: block framing (type, total length at both ends, 4-byte padding),
 * the SHB, IDB and EPB fields and their options, byte for byte where it matters.
 */
import { describe, expect, it } from 'vitest';
import { enhancedPacketBlock, interfaceDescriptionBlock, LINKTYPE_ETHERNET, sectionHeaderBlock, writePcapng } from './pcapng';
import { optionText, readBlocks } from './pcapng-blocks.test-support';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('pcapng blocks', () => {
  it('an EPB with one byte of data and no options, byte for byte', () => {
    const epb = enhancedPacketBlock({ interfaceId: 0, timestamp: 0x1_0000_0002n, data: Uint8Array.of(0xab) });
    expect(hex(epb)).toBe([
      '06 00 00 00', // block type 6: Enhanced Packet Block
      '24 00 00 00', // total length 36
      '00 00 00 00', // interface 0
      '01 00 00 00', // timestamp, high 32 bits
      '02 00 00 00', // timestamp, low 32 bits
      '01 00 00 00', // captured length 1
      '01 00 00 00', // original length 1
      'ab 00 00 00', // the byte, padded to 4
      '24 00 00 00', // total length again
    ].join(' '));
  });

  it('an SHB says little-endian, version 1.0, unknown section length, and carries its comment and application', () => {
    const shb = sectionHeaderBlock({ comment: 'simulated', userAppl: 'MQTT QoS Lab' });
    const [block] = readBlocks(shb);
    expect(hex(shb.subarray(0, 24))).toBe('0a 0d 0d 0a ' + hex(shb.subarray(4, 8)) + ' 4d 3c 2b 1a 01 00 00 00 ff ff ff ff ff ff ff ff');
    expect(block.length).toBe(shb.length);
    expect(shb.length % 4).toBe(0);
    expect(optionText(block, 1)).toBe('simulated');
    expect(optionText(block, 4)).toBe('MQTT QoS Lab');
    // "simulated" is 9 bytes: 3 zero bytes pad it, then the next option starts on a 4-byte boundary.
    expect(hex(shb.subarray(24, 40))).toBe('01 00 09 00 73 69 6d 75 6c 61 74 65 64 00 00 00');
    // The option list ends with opt_endofopt, then the trailing length.
    expect(hex(shb.subarray(shb.length - 8))).toBe('00 00 00 00 ' + hex(shb.subarray(4, 8)));
  });

  it('an IDB gives the link type, the snap length and if_tsresol, padded', () => {
    const idb = interfaceDescriptionBlock({ linkType: LINKTYPE_ETHERNET, snapLength: 262144, tsResolution: 6 });
    expect(hex(idb)).toBe([
      '01 00 00 00', // block type 1: Interface Description Block
      '20 00 00 00', // total length 32
      '01 00', '00 00', // link type 1 (Ethernet), reserved
      '00 00 04 00', // snap length 262144
      '09 00 01 00', '06 00 00 00', // if_tsresol, 1 byte: 6 (microseconds), padded
      '00 00 00 00', // opt_endofopt
      '20 00 00 00', // total length again
    ].join(' '));
  });

  it('an EPB pads odd data to 4 and keeps its lengths, timestamp and comment', () => {
    const data = Uint8Array.from({ length: 61 }, (_, i) => i);
    const ts = 1_735_689_600_123_456n;
    const epb = enhancedPacketBlock({ interfaceId: 0, timestamp: ts, data, comment: 'dropped by the lab' });
    const [block] = readBlocks(epb);
    expect(epb.length % 4).toBe(0);
    expect(block.body.getUint32(20, true)).toBe(61);
    expect(block.body.getUint32(24, true)).toBe(61);
    expect((BigInt(block.body.getUint32(12, true)) << 32n) | BigInt(block.body.getUint32(16, true))).toBe(ts);
    expect(Array.from(epb.subarray(28 + 61, 28 + 64))).toEqual([0, 0, 0]);
    expect(optionText(block, 1)).toBe('dropped by the lab');
  });

  it('a file is an SHB, its interfaces, then its packets, each block framed by its length', () => {
    const file = writePcapng({ comment: 'c' }, [{ linkType: 1, tsResolution: 6 }],
      [1, 2, 3].map((n) => ({ interfaceId: 0, timestamp: BigInt(n), data: new Uint8Array(n) })));
    expect(readBlocks(file).map((b) => b.type)).toEqual([0x0a0d0d0a, 1, 6, 6, 6]);
    expect(readBlocks(file).reduce((n, b) => n + b.length, 0)).toBe(file.length);
  });

  it('text options are UTF-8', () => {
    const [block] = readBlocks(sectionHeaderBlock({ comment: '丢包 °C' }));
    expect(optionText(block, 1)).toBe('丢包 °C');
  });
});
