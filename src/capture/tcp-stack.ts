/**
 * The two TCP stacks of one connection between a client and the broker, as the segments they
 * send: the three-way handshake, data split at the MSS, cumulative acknowledgements, FIN and
 * RST. It keeps each end's sequence state, so the numbers in every segment add up. (The other
 * way, segments read from a capture back into streams, is tcp-streams.ts.)
 *
 * Rules this file keeps:
 * - Sequence arithmetic is modulo 2^32 (`>>> 0`); SYN and FIN each take one sequence number.
 * - Each end's next sequence number (`sndNxt`) counts every byte it sent, arrived or not;
 *   its acknowledgement (`rcvNxt`) counts only what reached it (`received`), so a segment
 *   that never arrived is never acknowledged.
 * - Data goes out as the application wrote it: one write per MQTT packet, cut into segments of
 *   at most MSS bytes, PSH on the last. Every segment after the SYN carries ACK with the
 *   sender's `rcvNxt` (the acknowledgement rides on data); a pure ACK goes out only when one is
 *   owed (`ackIfOwed`), never twice for the same number, so Wireshark sees no duplicate ACK.
 * - After a RST the connection acknowledges nothing more; data still written to it is shown
 *   (the writer did not know), as a capture at the sender would show it.
 * - Both ends offer MSS 1460 and window scale 7 in the handshake; the window is constant.
 */
import { ACK, FIN, PSH, RST, SYN, type Ipv4, type TcpFrameFields } from './tcp-frame';

export const MSS = 1460;
const WINDOW_SCALE = 7;
/** The window in the SYN (never scaled), Linux's first offer for MSS 1460. */
const SYN_WINDOW = 64240;
/** The window afterwards, scaled by 2^7: 0x7fff << 7 bytes = 4 MiB, a receive buffer that has grown. */
const WINDOW = 0x7fff;
/** MSS 1460 (kind 2, length 4), NOP, window scale 7 (kind 3, length 3): 8 bytes. */
const SYN_OPTIONS = Uint8Array.of(2, 4, MSS >> 8, MSS & 0xff, 1, 3, 3, WINDOW_SCALE);

export type Side = 'client' | 'server';

export interface Endpoint {
  ip: Ipv4;
  port: number;
}

/** A segment with the virtual time it was sent and, maybe, a note for the reader. */
export interface TimedSegment {
  tMs: number;
  segment: TcpFrameFields;
  /** a frame comment; a function is called once every frame has its number */
  comment?: string | ((frameNo: (s: TimedSegment) => number) => string);
}

interface End {
  endpoint: Endpoint;
  sndNxt: number;
  rcvNxt: number;
  /** the acknowledgement number this end last sent */
  ackSent: number;
  /** the sequence number of the FIN this end sent, if it did */
  finSeq?: number;
  ipId: number;
}

const seqAdd = (a: number, n: number) => (a + n) >>> 0;
/** a is after b in sequence space (RFC 1982 serial arithmetic) */
const seqAfter = (a: number, b: number) => ((a - b) | 0) > 0;

/** One connection's two ends, writing segments into `out` as they send them. */
export class TcpStackPair {
  private readonly ends: Record<Side, End>;
  private resetAt?: number;

  constructor(client: Endpoint, server: Endpoint, isn: Record<Side, number>, private readonly out: TimedSegment[]) {
    const end = (endpoint: Endpoint, seq: number): End => ({ endpoint, sndNxt: seq >>> 0, rcvNxt: 0, ackSent: 0, ipId: seq & 0xffff });
    this.ends = { client: end(client, isn.client), server: end(server, isn.server) };
  }

  get isReset(): boolean {
    return this.resetAt !== undefined;
  }

  /** This end's next sequence number: where its next byte goes. */
  nextSeq(side: Side): number {
    return this.ends[side].sndNxt;
  }

  /** SYN, SYN/ACK, ACK: the handshake, all at `tMs` (the lab opens a connection at once). */
  open(tMs: number, comment?: TimedSegment['comment']): void {
    const { client, server } = this.ends;
    this.emit(tMs, 'client', SYN, { options: SYN_OPTIONS, window: SYN_WINDOW, comment });
    client.sndNxt = seqAdd(client.sndNxt, 1);
    server.rcvNxt = client.sndNxt;
    this.emit(tMs, 'server', SYN | ACK, { options: SYN_OPTIONS, window: SYN_WINDOW });
    server.sndNxt = seqAdd(server.sndNxt, 1);
    client.rcvNxt = server.sndNxt;
    this.emit(tMs, 'client', ACK);
  }

  /** One application write: segments of at most MSS bytes. Returns them and the sequence number after the last byte. */
  send(side: Side, tMs: number, bytes: Uint8Array): { segments: TimedSegment[]; endSeq: number } {
    const segments: TimedSegment[] = [];
    for (let at = 0; at < bytes.length; at += MSS) {
      const payload = bytes.subarray(at, Math.min(bytes.length, at + MSS));
      const last = at + MSS >= bytes.length;
      segments.push(this.emit(tMs, side, ACK | (last ? PSH : 0), { payload }));
      this.ends[side].sndNxt = seqAdd(this.ends[side].sndNxt, payload.length);
    }
    return { segments, endSeq: this.ends[side].sndNxt };
  }

  /** Bytes up to (not including) `endSeq` reached `side`; they are acknowledged from now on. */
  received(side: Side, endSeq: number): void {
    const end = this.ends[side];
    if (seqAfter(endSeq, end.rcvNxt)) end.rcvNxt = endSeq >>> 0;
  }

  /** A pure ACK from `side`, if it received something it has not acknowledged yet. */
  ackIfOwed(side: Side, tMs: number): void {
    const end = this.ends[side];
    if (this.isReset || end.ackSent === end.rcvNxt) return;
    this.emit(tMs, side, ACK);
  }

  /** `side` closes its end: FIN/ACK after everything it wrote. Returns the FIN's sequence number. */
  fin(side: Side, tMs: number): number {
    const end = this.ends[side];
    if (end.finSeq !== undefined || this.isReset) return end.finSeq ?? end.sndNxt;
    end.finSeq = end.sndNxt;
    this.emit(tMs, side, FIN | ACK);
    end.sndNxt = seqAdd(end.sndNxt, 1);
    return end.finSeq;
  }

  /** The peer's FIN reached `side`, after all the peer's data: `side` acknowledges it with a pure ACK at `tMs`. */
  finReceived(side: Side, tMs: number): void {
    const peer = this.ends[side === 'client' ? 'server' : 'client'];
    if (peer.finSeq === undefined || this.ends[side].rcvNxt !== peer.finSeq) return;
    this.received(side, seqAdd(peer.finSeq, 1));
    this.ackIfOwed(side, tMs);
  }

  /** `side` resets the connection: RST/ACK at its next sequence number. Nothing is acknowledged after it. */
  reset(side: Side, tMs: number, comment?: TimedSegment['comment']): void {
    if (this.isReset) return;
    this.emit(tMs, side, RST | ACK, { comment });
    this.resetAt = tMs;
  }

  private emit(tMs: number, side: Side, flags: number,
    extra: { payload?: Uint8Array; options?: Uint8Array; window?: number; comment?: TimedSegment['comment'] } = {}): TimedSegment {
    const from = this.ends[side];
    const to = this.ends[side === 'client' ? 'server' : 'client'];
    const ack = flags & ACK ? from.rcvNxt : 0;
    if (flags & ACK) from.ackSent = from.rcvNxt;
    const segment: TcpFrameFields = {
      src: from.endpoint.ip, dst: to.endpoint.ip, srcPort: from.endpoint.port, dstPort: to.endpoint.port,
      seq: from.sndNxt, ack, flags, window: extra.window ?? WINDOW, ipId: from.ipId, options: extra.options, payload: extra.payload,
    };
    from.ipId = (from.ipId + 1) & 0xffff;
    const timed: TimedSegment = { tMs, segment, ...(extra.comment !== undefined && { comment: extra.comment }) };
    this.out.push(timed);
    return timed;
  }
}
