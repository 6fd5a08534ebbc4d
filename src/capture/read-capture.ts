/**
 * A capture file -> its frames: pcap (tcpdump) and pcapng (dumpcap, Wireshark), each frame with
 * its time, its link type and the bytes the file holds of it.
 *
 * Rules this file keeps:
 * - Never throws, whatever the bytes: a file that is not a capture, or is cut short before its
 *   first frame, is one readable sentence (`error`); a file cut short or damaged later keeps the
 *   frames read so far and says so in a warning.
 * - pcap: both byte orders, microsecond (0xA1B2C3D4) and nanosecond (0xA1B23C4D) magic; a frame
 *   may hold fewer bytes than were on the wire (snaplen): `bytes` is what the file has,
 *   `originalLength` what the wire had.
 * - pcapng: each section has its own byte order (the SHB's magic says it) and its own
 *   interfaces (IDB: link type, if_tsresol, if_tsoffset); frames are EPB, SPB and the obsolete
 *   OPB; every other block is skipped by its length. Frames are numbered 1, 2, ... over every
 *   packet block, as Wireshark numbers them.
 * - Only the link types ip-tcp.ts reads are kept (LINK_TYPES); frames of others are counted in
 *   a warning, and a capture with nothing else is an error.
 * - Pure (no Node APIs: the page's worker runs it too). `bytes` are views of the file's bytes.
 *
 *   pcap   file header (24)  0 magic | 4 major 2 | 6 minor 4 | 8 thiszone | 12 sigfigs | 16 snaplen | 20 link type
 *          record (16 + n)   0 seconds | 4 micro- or nanoseconds | 8 captured length n | 12 original length | 16 data
 *   pcapng block             0 type | 4 total length | 8 body ... | total length again (a multiple of 4)
 *          SHB 0x0A0D0D0A    8 byte-order magic 0x1A2B3C4D | 12 major 1 | 14 minor | 16 section length (i64) | 24 options
 *          IDB 1             8 link type u16 | 10 reserved | 12 snaplen | 16 options (9 if_tsresol, 14 if_tsoffset)
 *          EPB 6             8 interface | 12 time high | 16 time low | 20 captured length | 24 original length | 28 data
 *          SPB 3             8 original length | 12 data (interface 0, no time)
 *          OPB 2             8 interface u16 | 10 drops u16 | 12 time high | 16 time low | 20 captured | 24 original | 28 data
 */

export interface CaptureFrame {
  /** 1, 2, ... as Wireshark numbers the frames of the file */
  number: number;
  /** nanoseconds since 1970-01-01 UTC, as the file says */
  timeNs: bigint;
  linkType: number;
  /** the bytes the file holds of the frame (a view of the file) */
  bytes: Uint8Array;
  /** the frame's length on the wire; more than `bytes.length` when the snaplen cut it */
  originalLength: number;
}

export type CaptureFormat = 'pcap' | 'pcapng';

export type CaptureFile =
  | { ok: true; format: CaptureFormat; frames: CaptureFrame[]; warnings: string[]; /** frames in the file, read or skipped */ count: number }
  | { ok: false; error: string };

/** The link types the lab reads (ip-tcp.ts unwraps each), by their LINKTYPE_ number. */
export const LINK_TYPES: Readonly<Record<number, string>> = {
  0: 'BSD loopback', 1: 'Ethernet', 101: 'raw IP', 108: 'OpenBSD loopback',
  113: 'Linux cooked v1', 228: 'raw IPv4', 229: 'raw IPv6', 276: 'Linux cooked v2',
};

const PCAP_MICRO = 0xa1b2c3d4;
const PCAP_NANO = 0xa1b23c4d;
const SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1, OPB = 2, SPB = 3, EPB = 6;
const IF_TSRESOL = 9, IF_TSOFFSET = 14;
/** A frame bigger than this is a damaged length, not a frame (libpcap's own limit is 256 KiB). */
const MAX_FRAME = 1 << 20;
/** libpcap's LT_LINKTYPE: the low bits of pcap's link type field; the high ones say FCS. */
const LINKTYPE_MASK = 0x03ffffff;

const NOT_A_CAPTURE = 'This file is not a packet capture: it does not begin as a pcap or pcapng file does.';
const GZIP = 'This capture is compressed (gzip): uncompress it first, then import it.';
const CUT_SHORT = 'is cut short (the file is truncated)';
const CUT_BEFORE_FIRST = `The capture ${CUT_SHORT} before its first packet.`;
const NO_PACKETS = 'The capture holds no packets.';

/** A little reader of one byte order over the file. */
class Bytes {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array, public littleEndian: boolean) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number { return this.bytes.length; }
  u16(at: number): number { return this.view.getUint16(at, this.littleEndian); }
  u32(at: number): number { return this.view.getUint32(at, this.littleEndian); }
  i64(at: number): bigint { return this.view.getBigInt64(at, this.littleEndian); }
}

/** What the readers of both formats collect. */
class Frames {
  readonly frames: CaptureFrame[] = [];
  readonly warnings: string[] = [];
  /** packet records met, kept or not: the next frame's number is count + 1 */
  count = 0;
  private readonly skippedLinkTypes = new Map<number, number>();
  /** why the file could not be read to its end, if it could not */
  private cutWhy?: string;

  add(timeNs: bigint, linkType: number, bytes: Uint8Array, originalLength: number): void {
    const number = ++this.count;
    if (LINK_TYPES[linkType] === undefined) {
      this.skippedLinkTypes.set(linkType, (this.skippedLinkTypes.get(linkType) ?? 0) + 1);
      return;
    }
    this.frames.push({ number, timeNs, linkType, bytes, originalLength });
  }

  /** The file ended or broke after `count` frames: what was read stays, with a warning. */
  cut(why: string): void {
    this.cutWhy = why;
    if (this.count > 0) this.warnings.push(`The capture ${why} after frame ${this.count}: the frames before are read, the rest of the file is not.`);
  }

  result(format: CaptureFormat): CaptureFile {
    const skipped = [...this.skippedLinkTypes].map(([type, n]) => `${n} on link type ${type}`).join(', ');
    if (this.frames.length === 0) {
      if (skipped) {
        return { ok: false, error: `The capture's packets (${skipped}) are of a kind the lab does not read: it reads Ethernet, Linux cooked, loopback and raw IP captures.` };
      }
      if (this.cutWhy !== undefined) return { ok: false, error: `The capture ${this.cutWhy} before its first packet.` };
      return { ok: false, error: NO_PACKETS };
    }
    if (skipped) this.warnings.push(`Frames the lab does not read were skipped (${skipped}).`);
    return { ok: true, format, frames: this.frames, warnings: this.warnings, count: this.count };
  }
}

/** Reads a pcap or pcapng file. Never throws. */
export function readCapture(bytes: Uint8Array): CaptureFile {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return { ok: false, error: GZIP };
  if (bytes.length < 4) return { ok: false, error: bytes.length === 0 ? 'The file is empty.' : NOT_A_CAPTURE };
  const file = new Bytes(bytes, false);
  const magic = file.u32(0);
  if (magic === SHB) return readPcapng(file);
  for (const littleEndian of [false, true]) {
    file.littleEndian = littleEndian;
    const m = file.u32(0);
    if (m === PCAP_MICRO || m === PCAP_NANO) return readPcap(file, m === PCAP_NANO);
  }
  return { ok: false, error: NOT_A_CAPTURE };
}

function readPcap(file: Bytes, nano: boolean): CaptureFile {
  if (file.length < 24) return { ok: false, error: CUT_BEFORE_FIRST };
  const linkType = file.u32(20) & LINKTYPE_MASK;
  const out = new Frames();
  const unit = nano ? 1n : 1000n;
  let at = 24;
  while (at < file.length) {
    if (at + 16 > file.length) { out.cut(CUT_SHORT); break; }
    const captured = file.u32(at + 8);
    if (captured > MAX_FRAME) { out.cut(`is damaged (a frame of ${captured} bytes)`); break; }
    if (at + 16 + captured > file.length) { out.cut(CUT_SHORT); break; }
    const timeNs = BigInt(file.u32(at)) * 1_000_000_000n + BigInt(file.u32(at + 4)) * unit;
    out.add(timeNs, linkType, file.bytes.subarray(at + 16, at + 16 + captured), file.u32(at + 12));
    at += 16 + captured;
  }
  return out.result('pcap');
}

interface Interface {
  linkType: number;
  snaplen: number;
  /** timestamp units per second (if_tsresol; 10^6 when absent) */
  unitsPerSecond: bigint;
  /** if_tsoffset: seconds added to every timestamp */
  offsetSeconds: bigint;
}

function readPcapng(file: Bytes): CaptureFile {
  const out = new Frames();
  let interfaces: Interface[] = [];
  let lastTimeNs = 0n;
  let spbWarned = false;
  let at = 0;
  while (at < file.length) {
    if (at + 12 > file.length) { out.cut(CUT_SHORT); break; }
    const type = file.u32(at);
    if (type === SHB) {
      // The section's byte order: the magic read either way round.
      const magic = new Bytes(file.bytes, true).u32(at + 8);
      if (magic !== BYTE_ORDER_MAGIC && magic !== 0x4d3c2b1a) {
        if (at === 0) return { ok: false, error: NOT_A_CAPTURE };
        out.cut('is damaged (a section header without its byte-order magic)');
        break;
      }
      file.littleEndian = magic === BYTE_ORDER_MAGIC;
      interfaces = [];
    }
    const total = file.u32(at + 4);
    if (total < 12 || total % 4 !== 0) { out.cut(`is damaged (a block of ${total} bytes)`); break; }
    if (at + total > file.length) { out.cut(CUT_SHORT); break; }
    if (file.u32(at + total - 4) !== total) { out.cut('is damaged (a block whose two lengths differ)'); break; }
    const body = { start: at + 8, end: at + total - 4 };
    if (type === SHB) {
      if (total < 28 || file.u16(at + 12) !== 1) { out.cut('has a section of a pcapng version the lab does not read'); break; }
    } else if (type === IDB) {
      if (total < 20) { out.cut('is damaged (a short interface block)'); break; }
      interfaces.push(readInterface(file, body.start, body.end));
    } else if (type === EPB || type === OPB || type === SPB) {
      const frame = packetBlock(file, type, body.start, body.end, interfaces);
      if (typeof frame === 'string') { out.cut(frame); break; }
      if (type === SPB) {
        if (!spbWarned) out.warnings.push('Simple packet blocks carry no time: each is given the time of the frame before it.');
        spbWarned = true;
      }
      const timeNs = frame.timeNs ?? lastTimeNs;
      lastTimeNs = timeNs;
      out.add(timeNs, frame.linkType, frame.bytes, frame.originalLength);
    }
    at += total; // any other block: skipped whole
  }
  return out.result('pcapng');
}

function readInterface(file: Bytes, start: number, end: number): Interface {
  const iface: Interface = { linkType: file.u16(start), snaplen: file.u32(start + 4), unitsPerSecond: 1_000_000n, offsetSeconds: 0n };
  for (let at = start + 8; at + 4 <= end;) {
    const code = file.u16(at);
    const length = file.u16(at + 2);
    if (code === 0 || at + 4 + length > end) break; // opt_endofopt, or an option that does not fit
    if (code === IF_TSRESOL && length >= 1) {
      const r = file.bytes[at + 4];
      // MSB 0: 10^-r seconds; MSB 1: 2^-r seconds.
      iface.unitsPerSecond = r & 0x80 ? 1n << BigInt(r & 0x7f) : 10n ** BigInt(r);
    } else if (code === IF_TSOFFSET && length >= 8) {
      iface.offsetSeconds = file.i64(at + 4);
    }
    at += 4 + ((length + 3) & ~3);
  }
  return iface;
}

/** A packet block's frame, or why the file cannot be read past it. */
function packetBlock(file: Bytes, type: number, start: number, end: number, interfaces: Interface[]):
  { timeNs?: bigint; linkType: number; bytes: Uint8Array; originalLength: number } | string {
  if (type === SPB) {
    const iface = interfaces[0];
    if (iface === undefined || end - start < 4) return 'is damaged (a packet block without its interface)';
    const originalLength = file.u32(start);
    let captured = Math.min(originalLength, end - start - 4);
    if (iface.snaplen > 0) captured = Math.min(captured, iface.snaplen);
    return { linkType: iface.linkType, bytes: file.bytes.subarray(start + 4, start + 4 + captured), originalLength };
  }
  if (end - start < 20) return 'is damaged (a short packet block)';
  const iface = interfaces[type === EPB ? file.u32(start) : file.u16(start)];
  if (iface === undefined) return 'is damaged (a packet block of an interface it never described)';
  const captured = file.u32(start + 12);
  if (captured > end - start - 20) return 'is damaged (a packet block longer than its block)';
  const units = (BigInt(file.u32(start + 4)) << 32n) | BigInt(file.u32(start + 8));
  const timeNs = (units * 1_000_000_000n) / iface.unitsPerSecond + iface.offsetSeconds * 1_000_000_000n;
  return { timeNs, linkType: iface.linkType, bytes: file.bytes.subarray(start + 20, start + 20 + captured), originalLength: file.u32(start + 16) };
}
