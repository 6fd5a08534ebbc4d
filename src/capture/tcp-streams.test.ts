import { describe, expect, it } from 'vitest';
import { tcpSegmentOf, type CapturedSegment } from './ip-tcp';
import { tcpStreams, type TcpDirection } from './tcp-streams';
import { Conversation, concat } from './synthetic-capture.test-support';

/** Raw IP packets as segments: frame i + 1 at i ms. */
function segments(packets: Uint8Array[], cut?: { frame: number; keep: number }): CapturedSegment[] {
  return packets.map((bytes, i) => {
    const kept = cut?.frame === i + 1 ? bytes.subarray(0, cut.keep) : bytes;
    const r = tcpSegmentOf({ number: i + 1, timeNs: BigInt(i) * 1_000_000n, linkType: 101, bytes: kept, originalLength: bytes.length });
    if ('skip' in r) throw new Error(r.skip);
    return r.segment;
  });
}

const text = (d: TcpDirection) => new TextDecoder().decode(concat(...d.chunks.map((c) => c.bytes)));
const bytes = (s: string) => new TextEncoder().encode(s);
const HELLO = bytes('hello, broker');
const c = new Conversation();

describe('tcpStreams: reassembly', () => {
  it('delivers both directions in order, from the SYN', () => {
    const [conn] = tcpStreams(segments([...c.handshake(), c.data(true, 0, HELLO), c.data(false, 0, bytes('hi'))]));
    const [up, down] = conn.directions;
    expect(conn.number).toBe(1);
    expect(up).toMatchObject({ from: { ip: '10.0.0.2', port: 50000 }, to: { ip: '10.0.0.1', port: 1883 }, fromStart: true, length: 13 });
    expect(text(up)).toBe('hello, broker');
    expect(text(down)).toBe('hi');
  });

  it('joins bytes split over segments, each chunk with its frame and time', () => {
    const [conn] = tcpStreams(segments([...c.handshake(), ...c.stream(true, HELLO, [1, 4])]));
    const up = conn.directions[0];
    expect(up.chunks.map((ch) => [ch.offset, ch.bytes.length, ch.frame, ch.timeNs])).toEqual([
      [0, 1, 4, 3_000_000n], [1, 4, 5, 4_000_000n], [5, 8, 6, 5_000_000n],
    ]);
    expect(text(up)).toBe('hello, broker');
  });

  it('ignores retransmitted segments and takes only the new bytes of overlapping ones', () => {
    const [conn] = tcpStreams(segments([
      ...c.handshake(), c.data(true, 0, HELLO.subarray(0, 5)), c.data(true, 0, HELLO.subarray(0, 5)),
      c.data(true, 3, HELLO.subarray(3, 9)), c.data(true, 0, HELLO), c.data(true, 9, HELLO.subarray(9)),
    ]));
    const up = conn.directions[0];
    expect(text(up)).toBe('hello, broker');
    expect(up.retransmitted).toBe(2);
  });

  it('holds out-of-order segments until the gap before them fills, then gives them its time', () => {
    const [conn] = tcpStreams(segments([
      ...c.handshake(), c.data(true, 9, HELLO.subarray(9)), c.data(true, 5, HELLO.subarray(5, 9)), c.data(true, 0, HELLO.subarray(0, 5)),
    ]));
    const up = conn.directions[0];
    expect(text(up)).toBe('hello, broker');
    expect(up.outOfOrder).toBe(2);
    expect(up.gap).toBeUndefined();
    expect(up.chunks.map((ch) => [ch.offset, ch.frame, ch.timeNs])).toEqual([[0, 6, 5_000_000n], [5, 5, 5_000_000n], [9, 4, 5_000_000n]]);
  });

  it('counts from the first segment seen when the capture began mid-stream', () => {
    const [conn] = tcpStreams(segments([c.data(true, 100, HELLO.subarray(0, 5)), c.data(true, 105, HELLO.subarray(5))]));
    expect(conn.directions[0].fromStart).toBe(false);
    expect(text(conn.directions[0])).toBe('hello, broker');
  });

  it('keeps counting across the wrap of sequence numbers at 2^32', () => {
    const wrap = new Conversation({ clientIsn: 0xfffffffa });
    const [conn] = tcpStreams(segments([...wrap.handshake(), ...wrap.stream(true, HELLO, [3, 3])]));
    expect(text(conn.directions[0])).toBe('hello, broker');
  });

  it('stops at bytes the capture never saw, and says where', () => {
    const [conn] = tcpStreams(segments([...c.handshake(), c.data(true, 0, HELLO.subarray(0, 5)), c.data(true, 9, HELLO.subarray(9))]));
    const up = conn.directions[0];
    expect(text(up)).toBe('hello');
    expect(up.gap).toEqual({ offset: 5, frame: 5, why: 'missing' });
  });

  it('stops at the end of what the snaplen kept of a segment', () => {
    const [conn] = tcpStreams(segments([...c.handshake(), c.data(true, 0, HELLO.subarray(0, 5)), c.data(true, 5, HELLO.subarray(5))],
      { frame: 5, keep: 20 + 20 + 2 }));
    const up = conn.directions[0];
    expect(text(up)).toBe('hello, ');
    expect(up.gap).toEqual({ offset: 7, frame: 5, why: 'snaplen' });
  });

  it('notes FIN and RST with their time', () => {
    const [conn] = tcpStreams(segments([...c.handshake(), c.data(true, 0, HELLO), c.fin(true, 13), c.rst(false, 0)]));
    expect(conn.directions[0].end).toEqual({ kind: 'fin', timeNs: 4_000_000n, frame: 5 });
    expect(conn.directions[1].end).toEqual({ kind: 'rst', timeNs: 5_000_000n, frame: 6 });
  });
});

describe('tcpStreams: connections', () => {
  it('tells connections apart by their 4-tuple, numbered in order of first segment', () => {
    const other = new Conversation({ clientPort: 50001, clientIsn: 7 });
    const conns = tcpStreams(segments([...other.handshake(), ...c.handshake(), c.data(true, 0, HELLO), other.data(true, 0, bytes('x'))]));
    expect(conns.map((k) => [k.number, k.directions[0].from.port, text(k.directions[0])])).toEqual([[1, 50001, 'x'], [2, 50000, 'hello, broker']]);
  });

  it('starts a new connection when a SYN with a new ISN reuses a 4-tuple, and not for a repeated SYN', () => {
    const again = new Conversation({ clientIsn: 555555 });
    const [syn] = c.handshake();
    const conns = tcpStreams(segments([syn, ...c.handshake(), c.data(true, 0, HELLO), c.fin(true, 13), ...again.handshake(), again.data(true, 0, bytes('again'))]));
    expect(conns.map((k) => text(k.directions[0]))).toEqual(['hello, broker', 'again']);
  });

  it('names the direction of the first segment first, even when it is the server', () => {
    const [conn] = tcpStreams(segments([c.data(false, 0, bytes('from the server')), c.data(true, 0, HELLO)]));
    expect(conn.directions[0].from.port).toBe(1883);
  });
});
