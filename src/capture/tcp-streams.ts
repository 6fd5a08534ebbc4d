/**
 * TCP segments -> connections, and each direction of a connection -> its bytes in order, as the
 * receiving application read them: TCP reassembly.
 *
 * Rules this file keeps:
 * - A connection is its 4-tuple; a SYN (without ACK) with a new initial sequence number on a
 *   4-tuple already seen starts a new connection (the port was reused). Connections are
 *   numbered 1, 2, ... in the order of their first segment.
 * - Sequence numbers count from the SYN's ISN (the SYN takes one number); a direction whose SYN
 *   the capture missed (it started mid-stream) counts from its first segment. Arithmetic is
 *   modulo 2^32: offsets are signed 32-bit differences, so a stream may wrap, and may be up to
 *   2 GiB long.
 * - Bytes are delivered in order, once: a segment wholly before the next expected byte is a
 *   retransmission and is ignored; one overlapping it gives only its new bytes; one after it
 *   waits (out of order) until the bytes before it arrive. A delivered chunk's time is when it
 *   became readable: its own frame's time, or for buffered bytes the time of the segment that
 *   filled the gap before them.
 * - Known gaps are kept, never papered over: a direction stops at bytes the capture never saw
 *   (`gap`), or at the end of a segment the snaplen cut.
 * - FIN and RST are noted with their time and frame on the direction that sent them (the first
 *   of either); what the ends make of them is the MQTT layer's business.
 * - Never throws: segments are data, whatever their numbers.
 */
import { ACK, FIN, RST, SYN, type CapturedSegment } from './ip-tcp';

export interface TcpEndpoint {
  ip: string;
  port: number;
}

/** Bytes of a direction, from `offset`, readable from `timeNs` on. */
export interface StreamChunk {
  offset: number;
  bytes: Uint8Array;
  timeNs: bigint;
  /** the frame the bytes came in */
  frame: number;
}

export interface StreamEnd {
  kind: 'fin' | 'rst';
  timeNs: bigint;
  frame: number;
}

export interface TcpDirection {
  from: TcpEndpoint;
  to: TcpEndpoint;
  /** the bytes in order, without gaps or repeats, as chunks */
  chunks: StreamChunk[];
  /** bytes delivered in order (the sum of the chunks' lengths) */
  length: number;
  /** the capture saw this direction's SYN: its bytes are read from the first */
  fromStart: boolean;
  end?: StreamEnd;
  /** where the bytes stop being known, if they do before the direction ends */
  gap?: { offset: number; frame: number; why: 'missing' | 'snaplen' };
  segments: number;
  /** segments that brought nothing new (retransmissions) */
  retransmitted: number;
  /** segments that came before bytes that precede them */
  outOfOrder: number;
}

export interface TcpConnection {
  /** 1, 2, ... in the order of first segments */
  number: number;
  firstTimeNs: bigint;
  /** the direction of the first segment seen (of the SYN, when seen), then the other */
  directions: [TcpDirection, TcpDirection];
}

interface Pending {
  offset: number;
  bytes: Uint8Array;
  timeNs: bigint;
  frame: number;
}

/** A direction being reassembled. */
class Reassembly {
  readonly out: TcpDirection;
  /** absolute sequence number of offset 0; undefined until the first segment */
  private base?: number;
  /** the ISN when the SYN was seen */
  synSeq?: number;
  /** out-of-order bytes, sorted by offset */
  private readonly pending: Pending[] = [];
  private cutAt?: { offset: number; frame: number };

  constructor(from: TcpEndpoint, to: TcpEndpoint) {
    this.out = { from, to, chunks: [], length: 0, fromStart: false, segments: 0, retransmitted: 0, outOfOrder: 0 };
  }

  add(s: CapturedSegment): void {
    const out = this.out;
    out.segments++;
    const syn = (s.flags & SYN) !== 0;
    if (syn && this.base === undefined) {
      this.base = (s.seq + 1) >>> 0;
      this.synSeq = s.seq;
      out.fromStart = true;
    }
    if (this.base === undefined) this.base = s.seq;
    // Data of a SYN (TCP Fast Open) starts after the SYN's own sequence number.
    const dataSeq = syn ? (s.seq + 1) >>> 0 : s.seq;
    let rel = (dataSeq - this.base) | 0;
    let bytes = s.payload;
    if (rel < 0) { // begins before the first byte this capture knows: keep what follows it
      bytes = bytes.subarray(Math.min(bytes.length, -rel));
      rel = 0;
    }
    if (s.truncated && (this.cutAt === undefined || rel + bytes.length < this.cutAt.offset)) {
      this.cutAt = { offset: rel + bytes.length, frame: s.frame };
    }
    if (s.payload.length > 0) this.deliver(rel, bytes, s.timeNs, s.frame);
    if (s.flags & RST) out.end ??= { kind: 'rst', timeNs: s.timeNs, frame: s.frame };
    else if (s.flags & FIN) out.end ??= { kind: 'fin', timeNs: s.timeNs, frame: s.frame };
  }

  private deliver(rel: number, bytes: Uint8Array, timeNs: bigint, frame: number): void {
    const out = this.out;
    if (rel + bytes.length <= out.length) { out.retransmitted++; return; }
    if (rel > out.length) { out.outOfOrder++; this.hold({ offset: rel, bytes, timeNs, frame }); return; }
    this.push(bytes.subarray(out.length - rel), timeNs, frame);
    // Bytes that waited for these are readable now.
    let taken = 0;
    for (const p of this.pending) {
      if (p.offset > out.length) break;
      taken++;
      if (p.offset + p.bytes.length > out.length) this.push(p.bytes.subarray(out.length - p.offset), timeNs, p.frame);
    }
    this.pending.splice(0, taken);
  }

  private push(bytes: Uint8Array, timeNs: bigint, frame: number): void {
    this.out.chunks.push({ offset: this.out.length, bytes, timeNs, frame });
    this.out.length += bytes.length;
  }

  private hold(p: Pending): void {
    let lo = 0, hi = this.pending.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pending[mid].offset <= p.offset) lo = mid + 1;
      else hi = mid;
    }
    this.pending.splice(lo, 0, p);
  }

  /** The direction as read: cut where the snaplen cut it, a gap where bytes never came. */
  finish(): TcpDirection {
    const out = this.out;
    const cut = this.cutAt;
    if (cut !== undefined && cut.offset < out.length) {
      const keep = out.chunks.filter((c) => c.offset < cut.offset);
      const last = keep[keep.length - 1];
      if (last !== undefined && last.offset + last.bytes.length > cut.offset) {
        keep[keep.length - 1] = { ...last, bytes: last.bytes.subarray(0, cut.offset - last.offset) };
      }
      out.chunks = keep;
      out.length = cut.offset;
    }
    if (cut !== undefined && cut.offset <= out.length) out.gap = { offset: cut.offset, frame: cut.frame, why: 'snaplen' };
    else if (this.pending.length > 0) out.gap = { offset: out.length, frame: this.pending[0].frame, why: 'missing' };
    return out;
  }
}

interface Building {
  number: number;
  firstTimeNs: bigint;
  keys: [string, string];
  halves: [Reassembly, Reassembly];
}

const endpointKey = (ip: string, port: number) => `${ip}|${port}`;

/** The connections of a capture's segments (in capture order), each direction reassembled. */
export function tcpStreams(segments: readonly CapturedSegment[]): TcpConnection[] {
  const all: Building[] = [];
  const current = new Map<string, Building>();
  for (const s of segments) {
    const from = endpointKey(s.src, s.srcPort);
    const to = endpointKey(s.dst, s.dstPort);
    const key = from < to ? `${from}>${to}` : `${to}>${from}`;
    let c = current.get(key);
    const opening = (s.flags & (SYN | ACK)) === SYN;
    if (c !== undefined && opening) {
      const half = c.halves[c.keys[0] === from ? 0 : 1];
      if (half.synSeq !== s.seq) c = undefined; // a new connection on a reused 4-tuple (a repeated SYN keeps its ISN)
    }
    if (c === undefined) {
      const a = { ip: s.src, port: s.srcPort }, b = { ip: s.dst, port: s.dstPort };
      c = { number: all.length + 1, firstTimeNs: s.timeNs, keys: [from, to], halves: [new Reassembly(a, b), new Reassembly(b, a)] };
      all.push(c);
      current.set(key, c);
    }
    c.halves[c.keys[0] === from ? 0 : 1].add(s);
  }
  return all.map((c) => ({ number: c.number, firstTimeNs: c.firstTimeNs, directions: [c.halves[0].finish(), c.halves[1].finish()] }));
}
