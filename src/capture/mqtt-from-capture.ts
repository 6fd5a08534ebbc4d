/**
 * Reassembled TCP connections -> MQTT connections: which connections are MQTT, who is the
 * client, and every packet of both directions, decoded by the project's codec, with its exact
 * bytes and the time it was on the wire.
 *
 * Rules this file keeps:
 * - A connection is MQTT when one direction begins with a CONNECT the codec reads: that
 *   direction's sender is the client, whatever the ports (MQTT runs on any port). A capture
 *   that began after a client connected cannot show that client (its CONNECT is not there).
 * - The CONNECT's protocol level picks the codec's version for the rest of the connection, both
 *   ways: 5 is MQTT 5.0, any other level MQTT 3.1.1 (the codec reads a CONNECT by its own level).
 * - Packets are read by the codec, never by hand (byte 0 alone is peeked at, to pass over the
 *   TCP streams that cannot begin with a CONNECT): a packet's `bytes` are exactly the bytes
 *   the codec read it from (a copy, so a trace never holds the whole stream), from the stream
 *   offset where the one before ended.
 *   Design: `decode(bytes, offset, { version })`, the function the streaming reader (`feed`)
 *   calls for each packet, rather than `feed` itself: it returns each packet's size, and so its
 *   exact bytes and the frames they came in, which `feed` does not.
 * - A direction is read up to its first malformed packet, its first gap (bytes the capture
 *   never saw, or a frame the snaplen cut) or its end; each stop before the end is a warning
 *   that names the connection, the client id, the frame and why (MQTT-4.8.0-1: a receiver
 *   closes the connection at a malformed packet, so nothing after it means anything).
 * - MQTT 5.0 Topic Aliases are resolved per direction: `topic` is the PUBLISH's topic even
 *   when the packet carries only its alias.
 * - Never throws: the codec returns errors as values, and every index here is bounded.
 */
import { decode } from '../mqtt/codec';
import type { ConnectPacket, Packet, ProtocolVersion } from '../mqtt/types';
import type { TcpEndpoint, StreamChunk, StreamEnd, TcpConnection, TcpDirection } from './tcp-streams';

export interface CapturedPacket {
  packet: Packet;
  /** the packet's exact bytes on the wire */
  bytes: Uint8Array;
  fromClient: boolean;
  /** when its first byte was readable, and its last: the packet was whole from `timeNs` on */
  firstTimeNs: bigint;
  timeNs: bigint;
  /** the frames of its first and last byte */
  firstFrame: number;
  frame: number;
  /** a PUBLISH's topic, its Topic Alias (MQTT 5.0) resolved */
  topic?: string;
}

export interface MqttConnection {
  /** the TCP connection's number (tcp-streams.ts) */
  stream: number;
  client: TcpEndpoint;
  server: TcpEndpoint;
  /** 4: MQTT 3.1.1, 5: MQTT 5.0, as the CONNECT's protocol level says */
  version: ProtocolVersion;
  connect: ConnectPacket;
  /** both directions' packets, in the order they were whole */
  packets: CapturedPacket[];
  /** how each direction ended in the capture, if it did: the client's FIN or RST, the server's */
  clientEnd?: StreamEnd;
  serverEnd?: StreamEnd;
}

export interface MqttStreams {
  connections: MqttConnection[];
  warnings: string[];
}

/** The MQTT connections among the TCP connections, each read both ways. */
export function mqttFromStreams(tcp: readonly TcpConnection[]): MqttStreams {
  const connections: MqttConnection[] = [];
  const warnings: string[] = [];
  for (const c of tcp) {
    const found = findClient(c, warnings);
    if (found === undefined) continue;
    const [toServer, toClient] = found.clientFirst ? c.directions : [c.directions[1], c.directions[0]];
    const version: ProtocolVersion = found.connect.protocolLevel === 5 ? 5 : 4;
    const name = `connection ${c.number} (client id ${quoted(found.connect.clientId)})`;
    const up = readDirection(toServer, found.bytes, version, true, `${name}, client to broker`, warnings);
    const down = readDirection(toClient, joined(toClient), version, false, `${name}, broker to client`, warnings);
    connections.push({
      stream: c.number, client: toServer.from, server: toServer.to, version, connect: found.connect,
      packets: merge(up, down),
      ...(toServer.end && { clientEnd: toServer.end }), ...(toClient.end && { serverEnd: toClient.end }),
    });
  }
  return { connections, warnings };
}

/** Which direction opens with a CONNECT, its bytes and the CONNECT; undefined when neither does (not MQTT). */
function findClient(c: TcpConnection, warnings: string[]): { clientFirst: boolean; bytes: Uint8Array; connect: ConnectPacket } | undefined {
  for (const [i, d] of c.directions.entries()) {
    if (d.length < 2 || d.chunks[0].bytes[0] !== 0x10) continue; // byte 0 of a CONNECT: type 1, flags 0
    const bytes = joined(d);
    const result = decode(bytes, 0); // a CONNECT is read by its own protocol level
    if (result.kind === 'packet' && result.packet.type === 'CONNECT') return { clientFirst: i === 0, bytes, connect: result.packet };
    if (result.kind === 'malformed') {
      warnings.push(`Connection ${c.number} (${endpointText(d.from)} to ${endpointText(d.to)}) begins with a CONNECT the lab cannot read ` +
        `(${result.error.message}, ${result.error.rule}): it is left out.`);
    }
  }
  return undefined;
}

/** A direction's bytes in one array. */
function joined(d: TcpDirection): Uint8Array {
  if (d.chunks.length === 1) return d.chunks[0].bytes;
  const out = new Uint8Array(d.length);
  for (const c of d.chunks) out.set(c.bytes, c.offset);
  return out;
}

function readDirection(d: TcpDirection, bytes: Uint8Array, version: ProtocolVersion, fromClient: boolean, name: string, warnings: string[]): CapturedPacket[] {
  const packets: CapturedPacket[] = [];
  const aliases = new Map<number, string>();
  let offset = 0;
  while (offset < bytes.length) {
    const result = decode(bytes, offset, { version });
    if (result.kind === 'malformed') {
      const at = chunkAt(d.chunks, offset);
      warnings.push(`In ${name}, the bytes from frame ${at.frame} on are not a valid MQTT ${version === 5 ? '5.0' : '3.1.1'} packet ` +
        `(${result.error.message}, ${result.error.rule}): the rest of that direction is not read.`);
      return packets;
    }
    if (result.kind === 'needMore') break;
    const first = chunkAt(d.chunks, offset);
    const last = chunkAt(d.chunks, offset + result.size - 1);
    const packet = result.packet;
    packets.push({
      packet, bytes: bytes.slice(offset, offset + result.size), fromClient,
      firstTimeNs: first.timeNs, timeNs: last.timeNs, firstFrame: first.frame, frame: last.frame,
      ...(packet.type === 'PUBLISH' && { topic: resolveTopic(packet.topic, packet.properties?.topicAlias, aliases) }),
    });
    offset += result.size;
  }
  if (d.gap !== undefined) {
    warnings.push(d.gap.why === 'snaplen'
      ? `In ${name}, frame ${d.gap.frame} was cut short by the capture's snap length: the packets after it are not read.`
      : `In ${name}, the capture missed bytes before frame ${d.gap.frame}: the packets after them are not read.`);
  } else if (offset < bytes.length) {
    warnings.push(`In ${name}, the capture ends inside a packet (frame ${chunkAt(d.chunks, offset).frame}): that packet is not read.`);
  }
  return packets;
}

/** MQTT 5.0 (3.3.2.3.4): a topic and an alias set the alias; an empty topic and an alias use it. */
function resolveTopic(topic: string, alias: number | undefined, aliases: Map<number, string>): string {
  if (alias === undefined) return topic;
  if (topic !== '') {
    aliases.set(alias, topic);
    return topic;
  }
  return aliases.get(alias) ?? '';
}

/** The chunk holding byte `offset` (chunks are sorted and contiguous from 0). */
function chunkAt(chunks: readonly StreamChunk[], offset: number): StreamChunk {
  let lo = 0, hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return chunks[lo];
}

/** Two directions' packets in the order they were whole; on a tie, the earlier frame, then the client's. */
function merge(up: CapturedPacket[], down: CapturedPacket[]): CapturedPacket[] {
  const out: CapturedPacket[] = [];
  let i = 0, j = 0;
  while (i < up.length || j < down.length) {
    const a = up[i], b = down[j];
    const takeUp = b === undefined || (a !== undefined && (a.timeNs < b.timeNs || (a.timeNs === b.timeNs && a.frame <= b.frame)));
    out.push(takeUp ? up[i++] : down[j++]);
  }
  return out;
}

/** A hostile string as a short, quoted, visible text (control characters escaped). */
export function quoted(text: string): string {
  const short = text.length > 64 ? `${text.slice(0, 63)}…` : text;
  return JSON.stringify(short);
}

/** '127.0.0.1:1883', '[::1]:1883' */
export function endpointText(e: TcpEndpoint): string {
  return e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`;
}
