/**
 * A trace -> the TCP/IP frames real stacks would have sent for that run, in time order, each
 * with the virtual time of its sending and, where the lab did something TCP cannot, a comment.
 *
 * Rules this file keeps:
 * - Only the trace decides: its sent, delivered and dropped packets (by `wireId`) and its
 *   connection losses. The MQTT bytes are the trace's (`packetSent.bytes`), never re-encoded.
 * - One address per participant: the broker 10.0.0.1, the clients 10.0.0.2, .3, ... in the
 *   trace's participant order. The broker listens on 1883; a client's n-th connection comes
 *   from port 49152 + n - 1 (after 16,384 connections the ports come round again, as a real
 *   stack's do): a reconnect is a new TCP stream on a new port.
 * - A connection begins with the client's CONNECT (handshake first). The client writes on its
 *   newest connection; the broker on the newest one whose CONNECT it received.
 * - As if captured at each sender: a segment appears when it was sent, arrived or not.
 *   What reached its receiver is acknowledged at once, on the receiver's next segment at that
 *   same instant or else by a pure ACK; what never arrived is never acknowledged.
 * - A drop (DESIGN.md "Loss, honestly modelled") breaks the connection with the packet in flight:
 *   its segment is marked "dropped by the lab", packets lost with it "lost with its connection",
 *   and the connection ends with a RST where its client learned that it broke (its
 *   `connectionLost`): from the client when its own keep-alive or a protocol error closed it,
 *   else from the broker's end. In the MQTT 3.1 "retry on timeout" mode a drop does not break the
 *   connection, which TCP cannot do: the bytes are acknowledged, and the comment says they vanished.
 * - A DISCONNECT is followed by its sender's FIN; the peer answers FIN/ACK when it arrives, and
 *   the closer's last ACK follows one latency (that DISCONNECT's) later. Connections open when the
 *   run ended stay open: the capture ends there.
 */
import type { ConnectionLostEvent, PacketDeliveredEvent, PacketDroppedEvent, PacketSentEvent, ParticipantId, Trace } from '../sim/trace';
import type { Ipv4 } from './tcp-frame';
import { TcpStackPair, type Side, type TimedSegment } from './tcp-stack';
import { breakNote, connectNote, dropNote, segmentNote } from './frame-notes';

export const BROKER_IP: Ipv4 = [10, 0, 0, 1];
export const MQTT_PORT = 1883;
/** The first ephemeral port (IANA); a client's n-th connection uses port 49152 + n - 1. */
export const FIRST_CLIENT_PORT = 49152;
/** Ports 49152..65535 */
const CLIENT_PORTS = 16384;

interface Connection {
  client: ParticipantId;
  /** 1 for the client's first connection */
  n: number;
  stacks: TcpStackPair;
  /** the drop that broke it: the first segment of the packet, its type and cause */
  brokenBy?: { segment: TimedSegment; type: string; cause: PacketDroppedEvent['cause'] };
  /** the client wrote a DISCONNECT and closed its end: no connectionLost will come */
  clientClosed: boolean;
}

/** A packet on its way: where its bytes went, to find them when it is delivered or dropped. */
interface Wire {
  conn: Connection;
  side: Side;
  tMs: number;
  segments: TimedSegment[];
  endSeq: number;
  /** a FIN followed these bytes (a DISCONNECT) */
  fin: boolean;
}

const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/** FNV-1a: a fixed, well-spread 32-bit initial sequence number per connection end (same run, same bytes). */
function isnOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The clients' addresses, in participant order: 10.0.0.2, 10.0.0.3, ... */
export function clientAddresses(trace: Trace): Map<ParticipantId, Ipv4> {
  const clients = trace.participants.filter((p) => p.role !== 'broker');
  return new Map(clients.map((p, i) => [p.id, [10, 0, (i + 2) >> 8, (i + 2) & 0xff] as Ipv4]));
}

/** The segments a run's trace stands for, in the order of their timestamps. */
export function segmentsFromTrace(trace: Trace): TimedSegment[] {
  const capture = new RunCapture(clientAddresses(trace));
  for (const e of trace.events) {
    capture.at(e.tMs);
    switch (e.kind) {
      case 'packetSent': capture.sent(e); break;
      case 'packetDelivered': capture.delivered(e); break;
      case 'packetDropped': capture.dropped(e); break;
      case 'connectionLost': capture.lost(e); break;
      default: break;
    }
  }
  return capture.finish();
}

class RunCapture {
  private readonly out: TimedSegment[] = [];
  /** each client's newest connection: where it writes */
  private readonly clientConn = new Map<ParticipantId, Connection>();
  /** per client, the newest connection whose CONNECT the broker received: where the broker writes */
  private readonly brokerConn = new Map<ParticipantId, Connection>();
  private readonly connections = new Map<ParticipantId, number>();
  private readonly wires = new Map<number, Wire>();
  /** connections that received data at `nowMs`: each end acknowledges it before time moves on */
  private readonly owing = new Set<Connection>();
  private nowMs = -Infinity;

  constructor(private readonly addresses: Map<ParticipantId, Ipv4>) {}

  /** Time moves to `tMs`: what arrived before is acknowledged now, unless a reply carried the ACK. */
  at(tMs: number): void {
    if (tMs === this.nowMs) return;
    this.flushAcks();
    this.nowMs = tMs;
  }

  sent(e: PacketSentEvent): void {
    const side: Side = e.from === 'broker' ? 'server' : 'client';
    const client = side === 'client' ? e.from : e.to;
    const known = side === 'client' ? this.clientConn.get(client) : this.brokerConn.get(client);
    // A client's CONNECT opens a connection. Should a trace have a packet on none, it still gets
    // a stream of its own rather than vanish.
    const conn = e.packet.type === 'CONNECT' && side === 'client' ? this.open(client) : known ?? this.open(client);
    const { segments, endSeq } = conn.stacks.send(side, e.tMs, e.bytes);
    const fin = e.packet.type === 'DISCONNECT';
    if (fin) {
      // MQTT-3.14.4-1: the sender of DISCONNECT closes the connection after it.
      conn.stacks.fin(side, e.tMs);
      if (side === 'client') conn.clientClosed = true;
    }
    this.wires.set(e.wireId, { conn, side, tMs: e.tMs, segments, endSeq, fin });
  }

  delivered(e: PacketDeliveredEvent): void {
    const wire = this.wires.get(e.wireId);
    if (!wire) return;
    const { conn, side } = wire;
    conn.stacks.received(other(side), wire.endSeq);
    this.owing.add(conn);
    if (e.type === 'CONNECT') this.brokerConn.set(conn.client, conn);
    if (wire.fin) {
      // The DISCONNECT and the FIN behind it arrived: FIN/ACK back; the closer's last ACK one latency later.
      conn.stacks.received(other(side), (wire.endSeq + 1) >>> 0);
      conn.stacks.fin(other(side), e.tMs);
      conn.stacks.finReceived(side, e.tMs + Math.max(0, e.tMs - wire.tMs));
    }
  }

  dropped(e: PacketDroppedEvent): void {
    const wire = this.wires.get(e.wireId);
    if (!wire) return;
    const { conn, side, segments } = wire;
    const lostWithConnection = e.cause === 'connectionBroken';
    const breaks = !lostWithConnection && e.params.breaks !== false;
    const note = dropNote(e.type, e.cause, breaks);
    segments.forEach((s, i) => { s.comment = segmentNote(note, i, segments.length); });
    if (!lostWithConnection && !breaks) {
      // Retry on timeout: the connection lives on, so TCP delivered the bytes (see the note).
      conn.stacks.received(other(side), wire.endSeq);
      this.owing.add(conn);
    } else if (breaks) {
      conn.brokenBy ??= { segment: segments[0], type: e.type, cause: e.cause };
      // A client that closed with DISCONNECT hears of no break: the RST is where it happened.
      if (conn.clientClosed) this.reset(conn, 'server');
    }
  }

  lost(e: ConnectionLostEvent): void {
    const conn = this.clientConn.get(e.client);
    if (!conn || conn.stacks.isReset) return;
    this.reset(conn, e.cause === 'keepAlive' || e.cause === 'protocolError' ? 'client' : 'server', e.cause);
  }

  finish(): TimedSegment[] {
    this.flushAcks();
    // Stable: frames of the same instant keep the order they were sent in.
    return this.out.map((s, i) => [s, i] as const).sort((a, b) => a[0].tMs - b[0].tMs || a[1] - b[1]).map(([s]) => s);
  }

  private open(client: ParticipantId): Connection {
    const n = (this.connections.get(client) ?? 0) + 1;
    this.connections.set(client, n);
    const ip = this.addresses.get(client) ?? [10, 0, 0, 254];
    const stacks = new TcpStackPair({ ip, port: FIRST_CLIENT_PORT + ((n - 1) % CLIENT_PORTS) }, { ip: BROKER_IP, port: MQTT_PORT },
      { client: isnOf(`${client}#${n}`), server: isnOf(`broker/${client}#${n}`) }, this.out);
    stacks.open(this.nowMs, connectNote(client, n));
    const conn: Connection = { client, n, stacks, clientClosed: false };
    this.clientConn.set(client, conn);
    return conn;
  }

  private reset(conn: Connection, closer: Side, cause?: ConnectionLostEvent['cause']): void {
    // Written once frames have numbers and the run is over (does the client come back?).
    conn.stacks.reset(closer, this.nowMs, (frameNo) => breakNote({
      client: conn.client, n: conn.n, cause, byClient: closer === 'client', reconnects: (this.connections.get(conn.client) ?? 0) > conn.n,
      ...(conn.brokenBy && { drop: { type: conn.brokenBy.type, cause: conn.brokenBy.cause, frame: frameNo(conn.brokenBy.segment) } }),
    }));
  }

  private flushAcks(): void {
    for (const conn of this.owing) for (const side of ['client', 'server'] as const) conn.stacks.ackIfOwed(side, this.nowMs);
    this.owing.clear();
  }
}
