/**
 * One TCP segment as an Ethernet frame: Ethernet II header, IPv4 header, TCP header, payload,
 * with the checksums a real stack computes, so that Wireshark validates them and finds none bad.
 *
 * Rules this file keeps:
 * - Network byte order (big-endian) for every header field.
 * - IPv4: no options (IHL 5), DF set, TTL 64, protocol 6; the header checksum is the ones'
 *   complement of the ones' complement sum of the header's 16-bit words (RFC 791, RFC 1071).
 * - TCP: the checksum covers a pseudo-header (source and destination address, zero, protocol,
 *   TCP length), the TCP header and the payload, padded with a zero byte to an even length
 *   (RFC 793 section 3.1). Options are given whole, already padded to 4 bytes.
 * - MAC addresses are made up and locally administered (02:00:...): one per address.
 *
 *   Ethernet  0 destination MAC (6) | 6 source MAC (6) | 12 EtherType 0x0800
 *   IPv4      0 version 4, IHL 5 | 1 DSCP/ECN | 2 total length | 4 identification | 6 flags DF, fragment 0
 *             8 TTL | 9 protocol 6 | 10 header checksum | 12 source | 16 destination
 *   TCP       0 source port | 2 destination port | 4 sequence | 8 acknowledgement
 *             12 data offset (words) << 4 | 13 flags CWR ECE URG ACK PSH RST SYN FIN
 *             14 window | 16 checksum | 18 urgent pointer | 20 options
 */

export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;

export const ETHERNET_HEADER = 14;
export const IPV4_HEADER = 20;
export const TCP_HEADER = 20;

/** An IPv4 address as four bytes, e.g. [10, 0, 0, 1]. */
export type Ipv4 = readonly [number, number, number, number];

export interface TcpFrameFields {
  src: Ipv4;
  dst: Ipv4;
  srcPort: number;
  dstPort: number;
  /** sequence and acknowledgement numbers, unsigned 32-bit */
  seq: number;
  ack: number;
  flags: number;
  /** the window field as sent (after any window scaling) */
  window: number;
  /** IPv4 identification: each sender counts its own datagrams */
  ipId: number;
  /** TCP options, a multiple of 4 bytes */
  options?: Uint8Array;
  payload?: Uint8Array;
}

/** A made-up, locally administered MAC for an address: 02:00:a.b.c.d. */
export function macOf(ip: Ipv4): Uint8Array {
  return Uint8Array.of(0x02, 0x00, ...ip);
}

/** RFC 1071: the 16-bit ones' complement of the ones' complement sum, over `parts` taken as one byte string. */
export function internetChecksum(...parts: Uint8Array[]): number {
  let sum = 0;
  let odd: number | undefined; // a byte left over from the previous part
  for (const part of parts) {
    for (const byte of part) {
      if (odd === undefined) {
        odd = byte;
      } else {
        sum += (odd << 8) | byte;
        odd = undefined;
      }
    }
  }
  if (odd !== undefined) sum += odd << 8; // padded with a zero byte
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function encodeTcpFrame(s: TcpFrameFields): Uint8Array {
  const options = s.options ?? new Uint8Array(0);
  const payload = s.payload ?? new Uint8Array(0);
  if (options.length % 4 !== 0) throw new Error('invariant: TCP options must be padded to 4 bytes');
  const tcpLength = TCP_HEADER + options.length + payload.length;
  const frame = new Uint8Array(ETHERNET_HEADER + IPV4_HEADER + tcpLength);
  const view = new DataView(frame.buffer);

  frame.set(macOf(s.dst), 0);
  frame.set(macOf(s.src), 6);
  view.setUint16(12, 0x0800); // IPv4

  const ip = ETHERNET_HEADER;
  frame[ip] = 0x45; // version 4, header 5 words
  view.setUint16(ip + 2, IPV4_HEADER + tcpLength);
  view.setUint16(ip + 4, s.ipId & 0xffff);
  view.setUint16(ip + 6, 0x4000); // DF: the stack finds the path MTU, never fragments
  frame[ip + 8] = 64;
  frame[ip + 9] = 6; // TCP
  frame.set(s.src, ip + 12);
  frame.set(s.dst, ip + 16);
  view.setUint16(ip + 10, internetChecksum(frame.subarray(ip, ip + IPV4_HEADER)));

  const tcp = ip + IPV4_HEADER;
  view.setUint16(tcp, s.srcPort);
  view.setUint16(tcp + 2, s.dstPort);
  view.setUint32(tcp + 4, s.seq >>> 0);
  view.setUint32(tcp + 8, s.ack >>> 0);
  frame[tcp + 12] = ((TCP_HEADER + options.length) / 4) << 4;
  frame[tcp + 13] = s.flags;
  view.setUint16(tcp + 14, s.window);
  frame.set(options, tcp + TCP_HEADER);
  frame.set(payload, tcp + TCP_HEADER + options.length);
  const pseudo = new Uint8Array(12);
  pseudo.set(s.src, 0);
  pseudo.set(s.dst, 4);
  pseudo[9] = 6;
  new DataView(pseudo.buffer).setUint16(10, tcpLength);
  view.setUint16(tcp + 16, internetChecksum(pseudo, frame.subarray(tcp)));
  return frame;
}
