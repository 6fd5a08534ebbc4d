import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture, type CaptureFile } from './read-capture';
import { concat, ethernet, pcapFile, pcapngFile } from './synthetic-capture.test-support';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));

function frames(file: CaptureFile) {
  if (!file.ok) throw new Error(file.error);
  return file.frames;
}

const A = Uint8Array.of(1, 2, 3, 4, 5);
const B = Uint8Array.of(6, 7, 8);

describe('readCapture: the fixtures made with tcpdump and dumpcap', () => {
  // Frame counts and link types as capinfos reports them.
  it.each([
    ['qos0-v311.pcap', 'pcap', 30, 1], ['qos1-v311.pcapng', 'pcapng', 34, 1], ['qos2-v311.pcap', 'pcap', 42, 1],
    ['qos0-v5.pcapng', 'pcapng', 30, 1], ['qos1-v5.pcap', 'pcap', 34, 1], ['qos2-v5.pcapng', 'pcapng', 43, 1],
    ['retained-v311.pcapng', 'pcapng', 30, 1], ['reconnect-v311-sll.pcap', 'pcap', 39, 113], ['qos1-v5-sll2.pcap', 'pcap', 35, 276],
  ])('%s is %s with %i frames of link type %i', (name, format, count, linkType) => {
    const file = readCapture(fixture(name));
    expect(file.ok && file.format).toBe(format);
    const all = frames(file);
    expect(all).toHaveLength(count);
    expect(all.map((f) => f.number)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(new Set(all.map((f) => f.linkType))).toEqual(new Set([linkType]));
    expect(file.ok && file.warnings).toEqual([]);
    // Times only go forward, and are in this decade.
    for (let i = 1; i < all.length; i++) expect(all[i].timeNs >= all[i - 1].timeNs).toBe(true);
    expect(all[0].timeNs > 1_600_000_000n * 1_000_000_000n).toBe(true);
  });
});

describe('readCapture: pcap', () => {
  it('reads both byte orders and microsecond and nanosecond times', () => {
    for (const bigEndian of [false, true]) {
      const micro = frames(readCapture(pcapFile([{ bytes: A, timeUs: 1_000_000_123_456 }, B], { bigEndian })));
      expect(micro.map((f) => [...f.bytes])).toEqual([[...A], [...B]]);
      expect(micro[0].timeNs).toBe(1_000_000_123_456_000n);
      const nano = frames(readCapture(pcapFile([{ bytes: A, timeUs: 1_000_000_123_456 }], { bigEndian, nano: true })));
      expect(nano[0].timeNs).toBe(1_000_000_123_456_000n);
      expect(nano[0].linkType).toBe(1);
    }
  });

  it('keeps the snaplen-cut bytes and the length on the wire', () => {
    const [f] = frames(readCapture(pcapFile([A], { snaplen: 3 })));
    expect([...f.bytes]).toEqual([1, 2, 3]);
    expect(f.originalLength).toBe(5);
  });

  it('keeps the frames before a cut, with a warning', () => {
    const whole = pcapFile([A, B, A]);
    const file = readCapture(whole.subarray(0, whole.length - 2));
    expect(frames(file)).toHaveLength(2);
    expect(file.ok && file.warnings).toEqual(['The capture is cut short (the file is truncated) after frame 2: the frames before are read, the rest of the file is not.']);
  });

  it('is an error when cut before its first frame, or when it has none', () => {
    const whole = pcapFile([A]);
    expect(readCapture(whole.subarray(0, 30))).toEqual({ ok: false, error: 'The capture is cut short (the file is truncated) before its first packet.' });
    expect(readCapture(whole.subarray(0, 20))).toEqual({ ok: false, error: 'The capture is cut short (the file is truncated) before its first packet.' });
    expect(readCapture(pcapFile([]))).toEqual({ ok: false, error: 'The capture holds no packets.' });
  });

  it('refuses a link type it does not read, and skips such frames among others', () => {
    expect(readCapture(pcapFile([A], { linkType: 105 }))).toEqual({ ok: false,
      error: "The capture's packets (1 on link type 105) are of a kind the lab does not read: it reads Ethernet, Linux cooked, loopback and raw IP captures." });
    const file = readCapture(pcapngFile([{ interfaces: [{ linkType: 105 }, { linkType: 1 }],
      blocks: [{ type: 'epb', iface: 0, units: 1n, bytes: A }, { type: 'epb', iface: 1, units: 2n, bytes: B }] }]));
    expect(frames(file).map((f) => f.number)).toEqual([2]);
    expect(file.ok && file.count).toBe(2);
    expect(file.ok && file.warnings).toEqual(['Frames the lab does not read were skipped (1 on link type 105).']);
  });
});

describe('readCapture: pcapng', () => {
  it('reads EPB, SPB and OPB in either byte order, skipping unknown blocks', () => {
    for (const bigEndian of [false, true]) {
      const file = readCapture(pcapngFile([{ bigEndian, interfaces: [{ linkType: 1 }],
        blocks: [
          { type: 'epb', iface: 0, units: 1_700_000_000_000_001n, bytes: A },
          { type: 'other', code: 0x0bad, body: Uint8Array.of(9, 9, 9, 9) },
          { type: 'spb', bytes: B },
          { type: 'opb', iface: 0, units: 1_700_000_000_000_002n, bytes: A },
        ] }]));
      const all = frames(file);
      expect(all.map((f) => [f.number, [...f.bytes], f.timeNs])).toEqual([
        [1, [...A], 1_700_000_000_000_001_000n], [2, [...B], 1_700_000_000_000_001_000n], [3, [...A], 1_700_000_000_000_002_000n],
      ]);
      expect(file.ok && file.warnings).toEqual(['Simple packet blocks carry no time: each is given the time of the frame before it.']);
    }
  });

  it('reads each interface with its link type, if_tsresol (10^-n and 2^-n) and if_tsoffset', () => {
    const all = frames(readCapture(pcapngFile([{ interfaces: [
      { linkType: 1, tsresol: 9 }, { linkType: 113, tsresol: 0x80 | 10 }, { linkType: 101, tsresol: 3, tsoffset: 100n },
    ], blocks: [
      { type: 'epb', iface: 0, units: 5_000_000_001n, bytes: A },
      { type: 'epb', iface: 1, units: 3n * 1024n + 512n, bytes: A },
      { type: 'epb', iface: 2, units: 1500n, bytes: A },
    ] }])));
    expect(all.map((f) => [f.linkType, f.timeNs])).toEqual([[1, 5_000_000_001n], [113, 3_500_000_000n], [101, 101_500_000_000n]]);
  });

  it('starts afresh at each section: its byte order and its interfaces', () => {
    const all = frames(readCapture(pcapngFile([
      { interfaces: [{ linkType: 1 }], blocks: [{ type: 'epb', iface: 0, units: 1n, bytes: A }] },
      { bigEndian: true, interfaces: [{ linkType: 276 }], blocks: [{ type: 'epb', iface: 0, units: 2n, bytes: B }] },
    ])));
    expect(all.map((f) => [f.number, f.linkType, f.bytes.length])).toEqual([[1, 1, 5], [2, 276, 3]]);
  });

  it('keeps the frames before a truncated or damaged block, with a warning', () => {
    const whole = pcapngFile([{ interfaces: [{ linkType: 1 }], blocks: [
      { type: 'epb', iface: 0, units: 1n, bytes: A }, { type: 'epb', iface: 0, units: 2n, bytes: B }] }]);
    const cut = readCapture(whole.subarray(0, whole.length - 5));
    expect(frames(cut)).toHaveLength(1);
    expect(cut.ok && cut.warnings[0]).toMatch(/^The capture is cut short \(the file is truncated\) after frame 1/);
    const damaged = whole.slice();
    damaged[damaged.length - 4] ^= 0xff; // the trailing length no longer matches
    expect(readCapture(damaged).ok && (readCapture(damaged) as { warnings: string[] }).warnings[0]).toMatch(/damaged \(a block whose two lengths differ\) after frame 1/);
    expect(readCapture(whole.subarray(0, 40))).toEqual({ ok: false, error: 'The capture is cut short (the file is truncated) before its first packet.' });
  });

  it('is damaged when a packet names an interface never described', () => {
    const file = readCapture(pcapngFile([{ interfaces: [], blocks: [{ type: 'epb', iface: 0, units: 1n, bytes: A }] }]));
    expect(file).toEqual({ ok: false, error: 'The capture is damaged (a packet block of an interface it never described) before its first packet.' });
  });
});

describe('readCapture: not a capture', () => {
  it.each([
    ['text', new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'This file is not a packet capture: it does not begin as a pcap or pcapng file does.'],
    ['gzip', Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0), 'This capture is compressed (gzip): uncompress it first, then import it.'],
    ['empty', new Uint8Array(0), 'The file is empty.'],
    ['three bytes', Uint8Array.of(0xd4, 0xc3, 0xb2), 'This file is not a packet capture: it does not begin as a pcap or pcapng file does.'],
    ['a pcapng SHB without its magic', concat(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0), new Uint8Array(20)), 'This file is not a packet capture: it does not begin as a pcap or pcapng file does.'],
  ])('%s: one sentence', (_, bytes, error) => {
    expect(readCapture(bytes)).toEqual({ ok: false, error });
  });

  it('reads the frames of an Ethernet capture as views, not copies', () => {
    const file = pcapFile([ethernet(A)]);
    const [f] = frames(readCapture(file));
    expect(f.bytes.buffer).toBe(file.buffer);
  });
});
