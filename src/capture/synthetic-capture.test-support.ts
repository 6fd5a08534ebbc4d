/**
 * A tiny capture writer for tests: pcap and pcapng files, link-layer headers, IPv4, IPv6 and TCP
 * headers, and TCP conversations whose segments can be split, repeated and reordered at will.
 * It writes what the readers read and no more: no checksums (the lab does not check them).
 */
import { concatBytes, encode } from '../mqtt/codec';
import { asPacketId, type ConnectPacket, type Packet, type ProtocolVersion, type PublishAckType, type PublishPacket, type QoS } from '../mqtt/types';
import { tcpSegmentOf } from './ip-tcp';
import { mqttFromStreams, type MqttStreams } from './mqtt-from-capture';
import { readCapture } from './read-capture';
import { tcpStreams } from './tcp-streams';

export const FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

export const concat = concatBytes;

const u16 = (n: number) => Uint8Array.of(n >> 8, n & 0xff);
const u32 = (n: number) => Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);

/** MQTT packets as bytes, in one version. */
export function mqtt(packets: Packet[], version: ProtocolVersion = 4): Uint8Array {
  return concat(...packets.map((p) => encode(p, { version })));
}

// ---- addresses and headers -------------------------------------------------------------------

export function addressBytes(text: string): Uint8Array {
  if (!text.includes(':')) return Uint8Array.from(text.split('.').map(Number));
  const [head, tail] = text.split('::');
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = groups(head), t = groups(tail);
  const all = tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  return concat(...all.map(u16));
}

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack?: number;
  flags: number;
  payload?: Uint8Array;
  options?: Uint8Array;
}

export function tcp(h: TcpHeader): Uint8Array {
  const options = h.options ?? new Uint8Array(0);
  const dataOffset = (20 + options.length) / 4;
  return concat(u16(h.srcPort), u16(h.dstPort), u32(h.seq >>> 0), u32((h.ack ?? 0) >>> 0),
    Uint8Array.of(dataOffset << 4, h.flags), u16(65535), u16(0), u16(0), options, h.payload ?? new Uint8Array(0));
}

export interface Ipv4Options {
  /** IP options, a multiple of 4 bytes */
  options?: Uint8Array;
  /** flags and fragment offset field (MF = 0x2000) */
  fragment?: number;
  protocol?: number;
  /** the total length to write (default: the real one) */
  totalLength?: number;
}

export function ipv4(src: string, dst: string, payload: Uint8Array, o: Ipv4Options = {}): Uint8Array {
  const options = o.options ?? new Uint8Array(0);
  const ihl = (20 + options.length) / 4;
  const total = o.totalLength ?? 20 + options.length + payload.length;
  return concat(Uint8Array.of(0x40 | ihl, 0), u16(total), u16(1), u16(o.fragment ?? 0x4000), Uint8Array.of(64, o.protocol ?? 6), u16(0),
    addressBytes(src), addressBytes(dst), options, payload);
}

/** IPv6 with extension headers, each given as [its type, its body after next-header and length] (body + 2 a multiple of 8). */
export function ipv6(src: string, dst: string, payload: Uint8Array, extensions: [number, Uint8Array][] = [], protocol = 6): Uint8Array {
  const types = [...extensions.map(([t]) => t), protocol];
  const ext = extensions.map(([t, body], i) => {
    // The fragment header's second byte is reserved, not a length.
    const length = t === 44 ? 0 : (body.length + 2) / 8 - 1;
    return concat(Uint8Array.of(types[i + 1], length), body);
  });
  const rest = concat(...ext, payload);
  return concat(Uint8Array.of(0x60, 0, 0, 0), u16(rest.length), Uint8Array.of(types[0], 64), addressBytes(src), addressBytes(dst), rest);
}

export const ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd;

const etherTypeOf = (ip: Uint8Array) => (ip[0] >> 4 === 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);

/** An Ethernet frame, with 802.1Q tags (VLAN ids) if given, padded to 60 bytes as a NIC would. */
export function ethernet(ip: Uint8Array, vlans: number[] = []): Uint8Array {
  const tags = vlans.map((id, i) => concat(u16(i === 0 && vlans.length > 1 ? 0x88a8 : 0x8100), u16(id)));
  const frame = concat(Uint8Array.of(2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2), ...tags, u16(etherTypeOf(ip)), ip);
  return frame.length >= 60 ? frame : concat(frame, new Uint8Array(60 - frame.length));
}

export function linuxCooked1(ip: Uint8Array): Uint8Array {
  return concat(u16(0), u16(772), u16(6), new Uint8Array(8), u16(etherTypeOf(ip)), ip);
}

export function linuxCooked2(ip: Uint8Array): Uint8Array {
  return concat(u16(etherTypeOf(ip)), u16(0), u32(1), u16(772), Uint8Array.of(0, 6), new Uint8Array(8), ip);
}

/** BSD loopback (link type 0): the address family in the capturing machine's byte order; LOOP (108): network order. */
export function loopback(ip: Uint8Array, littleEndian: boolean): Uint8Array {
  const family = ip[0] >> 4 === 6 ? 30 : 2; // AF_INET6 on macOS, AF_INET
  const header = littleEndian ? Uint8Array.of(family, 0, 0, 0) : u32(family);
  return concat(header, ip);
}

// ---- files --------------------------------------------------------------------------------

export interface FrameSpec {
  bytes: Uint8Array;
  /** microseconds since 1970 (default: frame i at 1,700,000,000 s + i ms) */
  timeUs?: number;
  /** the frame's length on the wire (default: bytes.length) */
  originalLength?: number;
}

const asSpec = (f: Uint8Array | FrameSpec, i: number): Required<FrameSpec> => {
  const spec = f instanceof Uint8Array ? { bytes: f } : f;
  return { timeUs: 1_700_000_000_000_000 + i * 1000, originalLength: spec.bytes.length, ...spec };
};

class Writer {
  private readonly parts: Uint8Array[] = [];
  constructor(private readonly littleEndian: boolean) {}
  u8(n: number) { this.parts.push(Uint8Array.of(n)); return this; }
  u16(n: number) { const b = new Uint8Array(2); new DataView(b.buffer).setUint16(0, n, this.littleEndian); this.parts.push(b); return this; }
  u32(n: number) { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n >>> 0, this.littleEndian); this.parts.push(b); return this; }
  u64(n: bigint) { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, n), this.littleEndian); this.parts.push(b); return this; }
  bytes(b: Uint8Array) { this.parts.push(b); return this; }
  done(): Uint8Array { return concat(...this.parts); }
}

export interface PcapOptions {
  linkType?: number;
  bigEndian?: boolean;
  /** nanosecond timestamps (magic 0xA1B23C4D) */
  nano?: boolean;
  snaplen?: number;
}

export function pcapFile(frames: (Uint8Array | FrameSpec)[], o: PcapOptions = {}): Uint8Array {
  const w = new Writer(!o.bigEndian);
  w.u32(o.nano ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(o.snaplen ?? 262144).u32(o.linkType ?? 1);
  frames.map(asSpec).forEach((f) => {
    const seconds = Math.floor(f.timeUs / 1e6);
    const fraction = f.timeUs - seconds * 1e6;
    const bytes = o.snaplen !== undefined ? f.bytes.subarray(0, o.snaplen) : f.bytes;
    w.u32(seconds).u32(o.nano ? fraction * 1000 : fraction).u32(bytes.length).u32(f.originalLength).bytes(bytes);
  });
  return w.done();
}

export interface PcapngInterface {
  linkType: number;
  snaplen?: number;
  /** if_tsresol byte (default absent: microseconds) */
  tsresol?: number;
  /** if_tsoffset, seconds */
  tsoffset?: bigint;
}

export type PcapngBlock =
  | { type: 'epb'; iface: number; units: bigint; bytes: Uint8Array; originalLength?: number }
  | { type: 'opb'; iface: number; units: bigint; bytes: Uint8Array }
  | { type: 'spb'; bytes: Uint8Array; originalLength?: number }
  | { type: 'other'; code: number; body: Uint8Array };

export interface PcapngSection {
  bigEndian?: boolean;
  interfaces: PcapngInterface[];
  blocks: PcapngBlock[];
}

const pad4 = (b: Uint8Array) => (b.length % 4 === 0 ? b : concat(b, new Uint8Array(4 - (b.length % 4))));

function block(le: boolean, type: number, body: Uint8Array): Uint8Array {
  const total = 12 + body.length;
  return new Writer(le).u32(type).u32(total).bytes(body).u32(total).done();
}

export function pcapngFile(sections: PcapngSection[]): Uint8Array {
  return concat(...sections.map((s) => {
    const le = !s.bigEndian;
    const w = () => new Writer(le);
    const out = [block(le, 0x0a0d0d0a, w().u32(0x1a2b3c4d).u16(1).u16(0).u64(-1n).done())];
    for (const i of s.interfaces) {
      const options = w();
      if (i.tsresol !== undefined) options.u16(9).u16(1).bytes(pad4(Uint8Array.of(i.tsresol)));
      if (i.tsoffset !== undefined) options.u16(14).u16(8).u64(i.tsoffset);
      if (i.tsresol !== undefined || i.tsoffset !== undefined) options.u32(0);
      out.push(block(le, 1, w().u16(i.linkType).u16(0).u32(i.snaplen ?? 0).bytes(options.done()).done()));
    }
    for (const b of s.blocks) {
      if (b.type === 'epb') {
        out.push(block(le, 6, w().u32(b.iface).u32(Number(b.units >> 32n)).u32(Number(b.units & 0xffffffffn))
          .u32(b.bytes.length).u32(b.originalLength ?? b.bytes.length).bytes(pad4(b.bytes)).done()));
      } else if (b.type === 'opb') {
        out.push(block(le, 2, w().u16(b.iface).u16(0).u32(Number(b.units >> 32n)).u32(Number(b.units & 0xffffffffn))
          .u32(b.bytes.length).u32(b.bytes.length).bytes(pad4(b.bytes)).done()));
      } else if (b.type === 'spb') {
        out.push(block(le, 3, w().u32(b.originalLength ?? b.bytes.length).bytes(pad4(b.bytes)).done()));
      } else {
        out.push(block(le, b.code, pad4(b.body)));
      }
    }
    return concat(...out);
  }));
}

// ---- TCP conversations --------------------------------------------------------------------

export interface ConversationOptions {
  client?: string;
  server?: string;
  clientPort?: number;
  serverPort?: number;
  clientIsn?: number;
  serverIsn?: number;
}

/**
 * One TCP connection's segments as IP packets. `data(fromClient, offset, bytes)` places bytes at
 * an offset of that direction's stream, so a test can split, repeat and reorder at will.
 */
export class Conversation {
  readonly client: string;
  readonly server: string;
  readonly clientPort: number;
  readonly serverPort: number;
  readonly clientIsn: number;
  readonly serverIsn: number;

  constructor(o: ConversationOptions = {}) {
    this.client = o.client ?? '10.0.0.2';
    this.server = o.server ?? '10.0.0.1';
    this.clientPort = o.clientPort ?? 50000;
    this.serverPort = o.serverPort ?? 1883;
    this.clientIsn = o.clientIsn ?? 1000;
    this.serverIsn = o.serverIsn ?? 900000;
  }

  private packet(fromClient: boolean, h: Omit<TcpHeader, 'srcPort' | 'dstPort'>): Uint8Array {
    const [src, dst, srcPort, dstPort] = fromClient
      ? [this.client, this.server, this.clientPort, this.serverPort]
      : [this.server, this.client, this.serverPort, this.clientPort];
    const segment = tcp({ srcPort, dstPort, ...h });
    return src.includes(':') ? ipv6(src, dst, segment) : ipv4(src, dst, segment);
  }

  /** SYN, SYN-ACK, ACK. */
  handshake(): Uint8Array[] {
    return [
      this.packet(true, { seq: this.clientIsn, flags: SYN }),
      this.packet(false, { seq: this.serverIsn, ack: this.clientIsn + 1, flags: SYN | ACK }),
      this.packet(true, { seq: this.clientIsn + 1, ack: this.serverIsn + 1, flags: ACK }),
    ];
  }

  /** Bytes at `offset` of one direction's stream. */
  data(fromClient: boolean, offset: number, bytes: Uint8Array, flags = PSH | ACK): Uint8Array {
    const isn = fromClient ? this.clientIsn : this.serverIsn;
    return this.packet(fromClient, { seq: (isn + 1 + offset) >>> 0, ack: 1, flags, payload: bytes });
  }

  /** A whole stream in one direction, cut at the given sizes (the rest in one last segment). */
  stream(fromClient: boolean, bytes: Uint8Array, sizes: number[] = [], from = 0): Uint8Array[] {
    const out: Uint8Array[] = [];
    let at = 0;
    for (const size of [...sizes, bytes.length]) {
      if (at >= bytes.length) break;
      const end = Math.min(bytes.length, at + size);
      out.push(this.data(fromClient, from + at, bytes.subarray(at, end)));
      at = end;
    }
    return out;
  }

  /** bytes written so far each way: [client to server, server to client] */
  private readonly written = [0, 0];

  /** The next bytes of one direction (after those sent before), cut at the given sizes. */
  send(fromClient: boolean, bytes: Uint8Array, sizes: number[] = []): Uint8Array[] {
    const k = fromClient ? 0 : 1;
    const out = this.stream(fromClient, bytes, sizes, this.written[k]);
    this.written[k] += bytes.length;
    return out;
  }

  /** A FIN (or RST) after everything this side sent. */
  close(fromClient: boolean, flags = FIN | ACK): Uint8Array {
    return this.data(fromClient, this.written[fromClient ? 0 : 1], new Uint8Array(0), flags);
  }

  fin(fromClient: boolean, offset: number): Uint8Array {
    return this.data(fromClient, offset, new Uint8Array(0), FIN | ACK);
  }

  rst(fromClient: boolean, offset: number): Uint8Array {
    return this.data(fromClient, offset, new Uint8Array(0), RST);
  }
}

// ---- reading back ----------------------------------------------------------------------------

/** A capture's MQTT connections, read as importCapture reads them. */
export function mqttOf(file: Uint8Array): MqttStreams {
  const read = readCapture(file);
  if (!read.ok) throw new Error(read.error);
  const segments = read.frames.map(tcpSegmentOf).flatMap((r) => ('segment' in r ? [r.segment] : []));
  return mqttFromStreams(tcpStreams(segments));
}

/** Raw IP packets as a pcap file (link type 101), frame i + 1 at i ms. */
export function rawIpCapture(packets: Uint8Array[]): Uint8Array {
  return pcapFile(packets, { linkType: 101 });
}

// ---- MQTT packets -------------------------------------------------------------------------------

export const P = {
  connect: (clientId: string, o: Partial<ConnectPacket> = {}): ConnectPacket =>
    ({ type: 'CONNECT', protocolName: 'MQTT', protocolLevel: 4, clientId, cleanSession: true, keepAliveSec: 60, ...o }),
  connack: (sessionPresent = false, version: ProtocolVersion = 4): Packet =>
    (version === 5 ? { type: 'CONNACK', sessionPresent, reasonCode: 0 } : { type: 'CONNACK', sessionPresent, returnCode: 0 }),
  publish: (topic: string, payload: string, qos: QoS = 0, packetId?: number, o: Partial<PublishPacket> = {}): PublishPacket => ({
    type: 'PUBLISH', topic, payload: new TextEncoder().encode(payload), qos, dup: false, retain: false,
    ...(packetId !== undefined && { packetId: asPacketId(packetId) }), ...o,
  }),
  ack: (type: PublishAckType, packetId: number): Packet => ({ type, packetId: asPacketId(packetId) }),
  subscribe: (packetId: number, topicFilter: string, qos: QoS): Packet => ({ type: 'SUBSCRIBE', packetId: asPacketId(packetId), subscriptions: [{ topicFilter, qos }] }),
  suback: (packetId: number, qos: QoS): Packet => ({ type: 'SUBACK', packetId: asPacketId(packetId), returnCodes: [qos] }),
  disconnect: (): Packet => ({ type: 'DISCONNECT' }),
};
