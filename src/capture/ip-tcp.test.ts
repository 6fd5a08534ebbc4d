import { describe, expect, it } from 'vitest';
import { ipv6Text, tcpSegmentOf, type SegmentOrSkip } from './ip-tcp';
import type { CaptureFrame } from './read-capture';
import {
  ACK, PSH, addressBytes, concat, ethernet, ipv4, ipv6, linuxCooked1, linuxCooked2, loopback, tcp,
} from './synthetic-capture.test-support';

const PAYLOAD = Uint8Array.of(0x10, 0x02, 0xaa, 0xbb);
const TCP = tcp({ srcPort: 50000, dstPort: 1883, seq: 0xfffffff0, ack: 7, flags: PSH | ACK, payload: PAYLOAD });
const V4 = ipv4('192.168.1.2', '192.168.1.1', TCP);
const V6 = ipv6('2001:db8::2', '2001:db8::1', TCP);

const frame = (linkType: number, bytes: Uint8Array): CaptureFrame => ({ number: 7, timeNs: 42n, linkType, bytes, originalLength: bytes.length });

function segment(r: SegmentOrSkip) {
  if ('skip' in r) throw new Error(r.skip);
  return r.segment;
}

describe('tcpSegmentOf: link layers', () => {
  it.each([
    ['Ethernet', 1, ethernet(V4)],
    ['Ethernet with an 802.1Q tag', 1, ethernet(V4, [10])],
    ['Ethernet with two tags (802.1ad)', 1, ethernet(V4, [10, 20])],
    ['Linux cooked v1', 113, linuxCooked1(V4)],
    ['Linux cooked v2', 276, linuxCooked2(V4)],
    ['BSD loopback, little-endian family', 0, loopback(V4, true)],
    ['BSD loopback, big-endian family', 0, loopback(V4, false)],
    ['OpenBSD loopback', 108, loopback(V4, false)],
    ['raw IP', 101, V4],
    ['raw IPv4', 228, V4],
  ])('%s', (_, linkType, bytes) => {
    const s = segment(tcpSegmentOf(frame(linkType, bytes)));
    expect(s).toMatchObject({ frame: 7, timeNs: 42n, src: '192.168.1.2', dst: '192.168.1.1', srcPort: 50000, dstPort: 1883,
      seq: 0xfffffff0, ack: 7, flags: PSH | ACK, truncated: false });
    expect([...s.payload]).toEqual([...PAYLOAD]);
  });

  it.each([
    ['Ethernet', 1, ethernet(V6)], ['Linux cooked v2', 276, linuxCooked2(V6)], ['BSD loopback', 0, loopback(V6, true)], ['raw IPv6', 229, V6],
  ])('IPv6 over %s', (_, linkType, bytes) => {
    expect(segment(tcpSegmentOf(frame(linkType, bytes)))).toMatchObject({ src: '2001:db8::2', dst: '2001:db8::1', srcPort: 50000 });
  });

  it('says why a frame has no TCP segment', () => {
    const arp = concat(new Uint8Array(12), Uint8Array.of(0x08, 0x06), new Uint8Array(28));
    expect(tcpSegmentOf(frame(1, arp))).toEqual({ skip: 'not IP' });
    expect(tcpSegmentOf(frame(1, new Uint8Array(10)))).toEqual({ skip: 'link header cut short' });
    expect(tcpSegmentOf(frame(101, ipv4('1.1.1.1', '2.2.2.2', new Uint8Array(8), { protocol: 17 })))).toEqual({ skip: 'not TCP' });
    expect(tcpSegmentOf(frame(147, V4))).toEqual({ skip: 'link type 147' });
  });
});

describe('tcpSegmentOf: IPv4', () => {
  it('skips IP options', () => {
    const s = segment(tcpSegmentOf(frame(101, ipv4('10.0.0.2', '10.0.0.1', TCP, { options: Uint8Array.of(0x94, 4, 0, 0) }))));
    expect([...s.payload]).toEqual([...PAYLOAD]);
  });

  it("ends the segment where the IP header says, not at Ethernet's padding", () => {
    const small = tcp({ srcPort: 1, dstPort: 2, seq: 0, flags: ACK, payload: Uint8Array.of(0xe0, 0) });
    const bytes = ethernet(ipv4('10.0.0.2', '10.0.0.1', small));
    expect(bytes.length).toBe(60);
    expect([...segment(tcpSegmentOf(frame(1, bytes))).payload]).toEqual([0xe0, 0]);
  });

  it('reads a total length of 0 (a capture before segmentation offload) as "the rest"', () => {
    expect(segment(tcpSegmentOf(frame(101, ipv4('10.0.0.2', '10.0.0.1', TCP, { totalLength: 0 })))).payload.length).toBe(4);
  });

  it('marks a segment the snaplen cut', () => {
    const cut = ethernet(V4).subarray(0, 14 + 20 + 20 + 2);
    const s = segment(tcpSegmentOf(frame(1, cut)));
    expect(s.truncated).toBe(true);
    expect([...s.payload]).toEqual([0x10, 0x02]);
  });

  it('skips fragments, with a warning', () => {
    for (const fragment of [0x2000, 0x0010]) {
      expect(tcpSegmentOf(frame(101, ipv4('10.0.0.2', '10.0.0.1', TCP, { fragment })))).toEqual({ skip: 'an IPv4 fragment, which the lab does not reassemble', warn: true });
    }
  });
});

describe('tcpSegmentOf: IPv6', () => {
  it('walks the extension headers: hop-by-hop, destination options, routing, an atomic fragment', () => {
    const bytes = ipv6('fe80::1', 'fe80::2', TCP, [
      [0, new Uint8Array(6)], [60, new Uint8Array(14)], [43, new Uint8Array(6)], [44, Uint8Array.of(0, 0, 0, 0, 0, 1)],
    ]);
    expect(segment(tcpSegmentOf(frame(229, bytes)))).toMatchObject({ src: 'fe80::1', dst: 'fe80::2', seq: 0xfffffff0 });
  });

  it('skips a real fragment, with a warning, and ESP', () => {
    const fragment = ipv6('fe80::1', 'fe80::2', TCP, [[44, Uint8Array.of(0, 1, 0, 0, 0, 1)]]);
    expect(tcpSegmentOf(frame(229, fragment))).toEqual({ skip: 'an IPv6 fragment, which the lab does not reassemble', warn: true });
    expect(tcpSegmentOf(frame(229, ipv6('fe80::1', 'fe80::2', new Uint8Array(16), [], 50)))).toEqual({ skip: 'encrypted IPv6 (ESP), which the lab cannot read', warn: true });
  });

  it('writes addresses as RFC 5952 says', () => {
    expect(ipv6Text(addressBytes('::1'))).toBe('::1');
    expect(ipv6Text(addressBytes('::'))).toBe('::');
    expect(ipv6Text(addressBytes('2001:db8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(ipv6Text(addressBytes('2001:db8:0:1:1:1:1:1'))).toBe('2001:db8:0:1:1:1:1:1');
    expect(ipv6Text(addressBytes('fe80::abcd:ef01'))).toBe('fe80::abcd:ef01');
  });
});
