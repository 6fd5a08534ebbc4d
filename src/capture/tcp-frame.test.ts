/**
 * Ethernet + IPv4 + TCP frames: field offsets and the checksums Wireshark validates
 * (RFC 1071 for both; TCP over its pseudo-header too).
 */
import { describe, expect, it } from 'vitest';
import { ACK, encodeTcpFrame, internetChecksum, PSH, SYN } from './tcp-frame';

const bytes = (h: string) => Uint8Array.from(h.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16)));

/** The ones' complement sum of a checksummed header (checksum included) is 0xffff: its checksum is 0. */
const verifies = (...parts: Uint8Array[]) => internetChecksum(...parts) === 0;

describe('internet checksum', () => {
  it('RFC 1071 section 3 example: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2', () => {
    expect(internetChecksum(bytes('00 01 f2 03 f4 f5 f6 f7'))).toBe(~0xddf2 & 0xffff);
  });
  it('a textbook IPv4 header (192.168.0.1 -> 192.168.0.199, UDP) checksums to b861', () => {
    expect(internetChecksum(bytes('45 00 00 73 00 00 40 00 40 11 00 00 c0 a8 00 01 c0 a8 00 c7'))).toBe(0xb861);
  });
  it('pads an odd length with a zero byte, also across parts', () => {
    expect(internetChecksum(bytes('01 02 03'))).toBe(internetChecksum(bytes('01 02 03 00')));
    expect(internetChecksum(bytes('01'), bytes('02 03'))).toBe(internetChecksum(bytes('01 02 03')));
  });
});

describe('a TCP segment as an Ethernet frame', () => {
  const payload = new TextEncoder().encode('odd-length payload!');
  const frame = encodeTcpFrame({ src: [10, 0, 0, 2], dst: [10, 0, 0, 1], srcPort: 49152, dstPort: 1883, seq: 0xfffffff0, ack: 7,
    flags: ACK | PSH, window: 0x7fff, ipId: 9, payload });
  const view = new DataView(frame.buffer);

  it('lays out Ethernet, IPv4 and TCP headers', () => {
    expect(Array.from(frame.subarray(0, 14))).toEqual([2, 0, 10, 0, 0, 1, 2, 0, 10, 0, 0, 2, 0x08, 0x00]);
    expect(frame[14]).toBe(0x45);
    expect(view.getUint16(16)).toBe(20 + 20 + payload.length); // IPv4 total length
    expect(view.getUint16(20)).toBe(0x4000); // DF
    expect(frame[22]).toBe(64); // TTL
    expect(frame[23]).toBe(6); // TCP
    expect(view.getUint16(34)).toBe(49152);
    expect(view.getUint16(36)).toBe(1883);
    expect(view.getUint32(38)).toBe(0xfffffff0);
    expect(view.getUint32(42)).toBe(7);
    expect(frame[46] >> 4).toBe(5); // data offset, words
    expect(frame[47]).toBe(ACK | PSH);
    expect(new TextDecoder().decode(frame.subarray(54))).toBe('odd-length payload!');
  });

  it('has a correct IPv4 header checksum', () => {
    expect(verifies(frame.subarray(14, 34))).toBe(true);
  });

  it('has a correct TCP checksum over the pseudo-header, header and odd-length payload', () => {
    const tcpLength = frame.length - 34;
    const pseudo = bytes(`0a 00 00 02 0a 00 00 01 00 06 ${(tcpLength >> 8).toString(16)} ${(tcpLength & 0xff).toString(16)}`);
    expect(verifies(pseudo, frame.subarray(34))).toBe(true);
    frame[frame.length - 1] ^= 1;
    expect(verifies(pseudo, frame.subarray(34))).toBe(false);
    frame[frame.length - 1] ^= 1;
  });

  it('carries SYN options whole and counts them in the data offset', () => {
    const syn = encodeTcpFrame({ src: [10, 0, 0, 2], dst: [10, 0, 0, 1], srcPort: 1, dstPort: 2, seq: 1, ack: 0, flags: SYN, window: 64240, ipId: 0,
      options: Uint8Array.of(2, 4, 0x05, 0xb4, 1, 3, 3, 7) });
    expect(syn.length).toBe(14 + 20 + 28);
    expect(syn[46] >> 4).toBe(7);
    expect(Array.from(syn.subarray(54, 58))).toEqual([2, 4, 0x05, 0xb4]); // MSS 1460
  });

  it('refuses options that are not padded to 4 bytes (our bug, not input)', () => {
    expect(() => encodeTcpFrame({ src: [1, 1, 1, 1], dst: [1, 1, 1, 2], srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags: SYN, window: 1, ipId: 0,
      options: Uint8Array.of(1) })).toThrow(/padded/);
  });
});
