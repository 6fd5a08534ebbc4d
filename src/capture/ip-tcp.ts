/**
 * A captured frame -> the TCP segment inside it: the link layer unwrapped by link type, then
 * IPv4 or IPv6, then the TCP header.
 *
 * Rules this file keeps:
 * - Never throws: a frame too short for a header it claims, or not IP, or not TCP, is a reason
 *   (`skip`), never an exception. Only a few reasons are worth a warning (`warn`): an IP
 *   fragment, which the lab does not reassemble, and encrypted IPv6 (ESP).
 * - The IP header's length decides where the TCP segment ends, not the frame's: Ethernet pads
 *   short frames to 60 bytes, and a few bytes of trailer must not become MQTT bytes. A length
 *   of 0 (a sender's capture of a segment its network card will cut up) means "the rest".
 * - A frame the snaplen cut (fewer bytes in the file than the IP header says) gives a segment
 *   with `truncated` set: its payload is incomplete, and the stream must not read past it.
 * - Network byte order throughout, except the BSD loopback header, written in the byte order of
 *   the machine that captured it.
 *
 *   Ethernet (1)        0 destination | 6 source | 12 EtherType (0x8100/0x88A8/0x9100: a VLAN tag, 4 more bytes)
 *   Linux cooked v1 (113)  0 packet type | 2 ARPHRD | 4 address length | 6 address (8) | 14 protocol
 *   Linux cooked v2 (276)  0 protocol | 2 reserved | 4 interface | 8 ARPHRD | 10 packet type | 11 address length | 12 address (8)
 *   BSD loopback (0)    0 address family, host order;  OpenBSD loopback (108): the same, network order
 *   raw IP (101, 228, 229)  the IP header at 0
 *   IPv4   0 version 4, IHL | 2 total length | 6 flags (MF 0x2000), fragment offset | 9 protocol | 12 source | 16 destination
 *   IPv6   0 version 6 | 4 payload length | 6 next header | 8 source (16) | 24 destination (16) | 40 extension headers
 *   TCP    0 source port | 2 destination port | 4 sequence | 8 acknowledgement | 12 data offset << 4 | 13 flags
 */
import type { CaptureFrame } from './read-capture';

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const ACK = 0x10;

export interface CapturedSegment {
  /** the frame it came in */
  frame: number;
  timeNs: bigint;
  /** addresses as text: '127.0.0.1', '::1' */
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** unsigned 32-bit */
  seq: number;
  ack: number;
  /** the TCP flags byte: FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10, ... */
  flags: number;
  payload: Uint8Array;
  /** the snaplen cut the frame: `payload` is only the start of what the segment carried */
  truncated: boolean;
}

export type SegmentOrSkip = { segment: CapturedSegment } | { skip: string; warn?: boolean };

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
const TCP = 6;

/** The frame's TCP segment, or why it has none. */
export function tcpSegmentOf(frame: CaptureFrame): SegmentOrSkip {
  const ip = ipPacketOf(frame.linkType, frame.bytes);
  if (typeof ip === 'string') return { skip: ip };
  const b = frame.bytes;
  const packet = ip.version === 4 ? ipv4(b, ip.at) : ipv6(b, ip.at);
  if ('skip' in packet) return packet;
  const { src, dst, start, end, truncated } = packet;
  if (end - start < 20) return { skip: 'TCP header cut short' };
  const headerLength = (b[start + 12] >> 4) * 4;
  if (headerLength < 20 || start + headerLength > end) return { skip: 'bad TCP header length' };
  return {
    segment: {
      frame: frame.number, timeNs: frame.timeNs, src, dst,
      srcPort: u16(b, start), dstPort: u16(b, start + 2), seq: u32(b, start + 4), ack: u32(b, start + 8),
      flags: b[start + 13], payload: b.subarray(start + headerLength, end), truncated,
    },
  };
}

/** Where the IP header starts, and which IP it is, by the link type; or why there is none. */
function ipPacketOf(linkType: number, b: Uint8Array): { version: 4 | 6; at: number } | string {
  switch (linkType) {
    case 1: {
      let at = 12;
      while (at + 2 <= b.length && VLAN_TAGS.has(u16(b, at))) at += 4;
      return byEtherType(b, at);
    }
    case 113: return byEtherType(b, 14);
    case 276: return byEtherType(b, 0, 20);
    case 0: case 108: {
      if (b.length < 4) return 'loopback header cut short';
      // Design: the family's byte order is the capturing machine's; the IP version nibble decides.
      return byVersion(b, 4);
    }
    case 101: case 228: case 229: return byVersion(b, 0);
    default: return `link type ${linkType}`;
  }
}

function byEtherType(b: Uint8Array, typeAt: number, ipAt = typeAt + 2): { version: 4 | 6; at: number } | string {
  if (ipAt > b.length || typeAt + 2 > b.length) return 'link header cut short';
  const type = u16(b, typeAt);
  if (type === ETHERTYPE_IPV4) return { version: 4, at: ipAt };
  if (type === ETHERTYPE_IPV6) return { version: 6, at: ipAt };
  return 'not IP';
}

function byVersion(b: Uint8Array, at: number): { version: 4 | 6; at: number } | string {
  if (at >= b.length) return 'no IP header';
  const version = b[at] >> 4;
  return version === 4 || version === 6 ? { version, at } : 'not IP';
}

type IpResult = { src: string; dst: string; start: number; end: number; truncated: boolean } | { skip: string; warn?: boolean };

function ipv4(b: Uint8Array, at: number): IpResult {
  if (at + 20 > b.length) return { skip: 'IPv4 header cut short' };
  if (b[at] >> 4 !== 4) return { skip: 'not IPv4 after all' };
  const headerLength = (b[at] & 0x0f) * 4;
  if (headerLength < 20 || at + headerLength > b.length) return { skip: 'bad IPv4 header length' };
  const total = u16(b, at + 2);
  const fragment = u16(b, at + 6);
  if (b[at + 9] !== TCP) return { skip: 'not TCP' };
  // MF set or an offset: a piece of a datagram. Reassembling IP fragments is out of scope.
  if ((fragment & 0x3fff) !== 0) return { skip: 'an IPv4 fragment, which the lab does not reassemble', warn: true };
  if (total !== 0 && total < headerLength) return { skip: 'bad IPv4 total length' };
  const src = b.subarray(at + 12, at + 16).join('.');
  const dst = b.subarray(at + 16, at + 20).join('.');
  const end = total === 0 ? b.length : at + total;
  return { src, dst, start: at + headerLength, end: Math.min(end, b.length), truncated: end > b.length };
}

/** IPv6 extension headers that have the generic layout: next header, length in 8-byte units beyond the first 8. */
const EXTENSIONS = new Set([0, 43, 60, 135, 139, 140]);
const FRAGMENT = 44, AH = 51, ESP = 50;

function ipv6(b: Uint8Array, at: number): IpResult {
  if (at + 40 > b.length) return { skip: 'IPv6 header cut short' };
  if (b[at] >> 4 !== 6) return { skip: 'not IPv6 after all' };
  const payloadLength = u16(b, at + 4);
  const src = ipv6Text(b.subarray(at + 8, at + 24));
  const dst = ipv6Text(b.subarray(at + 24, at + 40));
  const wireEnd = payloadLength === 0 ? b.length : at + 40 + payloadLength; // 0: a jumbogram, or "the rest"
  const end = Math.min(wireEnd, b.length);
  let next = b[at + 6];
  let pos = at + 40;
  for (;;) {
    if (next === TCP) return { src, dst, start: pos, end, truncated: wireEnd > b.length };
    if (next === ESP) return { skip: 'encrypted IPv6 (ESP), which the lab cannot read', warn: true };
    if (pos + 8 > end) return { skip: 'not TCP' };
    if (next === FRAGMENT) {
      const offsetAndMore = u16(b, pos + 2);
      // An atomic fragment (offset 0, M 0) is a whole datagram; any other is a piece.
      if ((offsetAndMore & 0xfff9) !== 0) return { skip: 'an IPv6 fragment, which the lab does not reassemble', warn: true };
      next = b[pos];
      pos += 8;
    } else if (next === AH) {
      next = b[pos];
      pos += (b[pos + 1] + 2) * 4;
    } else if (EXTENSIONS.has(next)) {
      next = b[pos];
      pos += (b[pos + 1] + 1) * 8;
    } else {
      return { skip: 'not TCP' };
    }
  }
}

/** RFC 5952 text: lower-case hex groups, the longest run of two or more zero groups as '::'. */
export function ipv6Text(a: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => (a[2 * i] << 8) | a[2 * i + 1]);
  let best = -1, bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { best = i; bestLength = j - i; }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at] << 8) | b[at + 1];
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}
