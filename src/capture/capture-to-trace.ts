/**
 * A capture file -> a trace the lab shows like any run (`importCapture`), and the MQTT
 * connections of a capture -> that trace (`captureToTrace`).
 *
 * Rules this file keeps:
 * - Never throws; a capture the lab cannot show is one readable sentence (`error`), and what it
 *   shows with reservations is said in `summary.warnings`. Topics, payloads and client ids stay
 *   data: nothing here renders or runs them.
 * - Participants are named by the CONNECT's client id, the broker (every server) 'broker'. Two
 *   connections with one client id are one client reconnecting. An empty client id is the
 *   broker's to assign (MQTT-3.1.3-6): each such connection is a client of its own,
 *   'anonymous', 'anonymous 2', ...; a client id 'broker' becomes 'broker (client)'.
 * - Roles: a client that subscribes is a 'subscriber', even if it also publishes (the outcome
 *   counts what subscribers receive); any other client is a 'publisher'.
 * - The capture point saw every packet on the wire, so each is `packetSent` (at its first byte)
 *   and `packetDelivered` (at its last): nothing is dropped. Times are milliseconds (to the
 *   microsecond) from the earliest frame.
 * - The application events are inferred from the packets, as the lab's engines emit them:
 *   `appPublish` for a client's PUBLISH with DUP=0 (a new publication, numbered in order);
 *   `appDeliver` for the broker's PUBLISH to a client, matched to the latest publication before
 *   it with the same topic and payload (-1 if none, or a will's), `deliveryNo` counting copies.
 *   Design: the receiver is taken to be the lab's client, Method B of MQTT Figure 4.3 at QoS 2:
 *   a QoS 2 PUBLISH whose packet id it holds (PUBREC sent, no PUBREL yet) is not delivered
 *   again (MQTT-4.3.3-2); real clients may deliver at PUBREL instead, which no capture shows.
 * - A connection that ends (FIN or RST) without a DISCONNECT or a refused CONNACK is
 *   `connectionLost`; a later accepted CONNACK of that client is `connectionRestored`.
 * - The outcome's facts beside the trace: no loss the trace does not show, and each RETAIN=1
 *   publication stored when its PUBLISH reached the broker (Design: as the lab's broker does;
 *   a Method A broker stores a QoS 2 one at PUBREL, which only a subscriber in between could tell).
 */
import { payloadText } from '../mqtt/codec';
import type { ConnackPacket, Millis, Packet, PacketId, ProtocolVersion, PublishPacket, QoS } from '../mqtt/types';
import { millis } from '../mqtt/types';
import { packetParams } from '../sim/world-links';
import type { RunFacts } from '../sim/outcome';
import type { ConnectionLossCause, ParticipantInfo, RetainedFact, Trace, TraceEvent } from '../sim/trace';
import { type CapturedSegment, tcpSegmentOf } from './ip-tcp';
import { type CapturedPacket, type MqttConnection, endpointText, mqttFromStreams } from './mqtt-from-capture';
import { type CaptureFormat, readCapture } from './read-capture';
import { tcpStreams } from './tcp-streams';

export interface CaptureSummary {
  format: CaptureFormat;
  /** frames the file holds, of any kind */
  frames: number;
  tcpConnections: number;
  mqttConnections: number;
  /** the MQTT versions seen: 4 (3.1.1), 5 (5.0) */
  versions: ProtocolVersion[];
  /** MQTT packets read */
  packets: number;
  /** when the earliest frame was captured (ISO 8601, UTC), if the file's clock is sane */
  startedAt?: string;
  connections: { participant: string; clientId: string; version: ProtocolVersion; stream: number; client: string; server: string }[];
  warnings: string[];
}

/**
 * A capture as a run: its trace, what the outcome needs besides (`facts`: no losses the trace does
 * not show; the retained messages stored, for `computeOutcome`), and what was read.
 */
export type CaptureImport = { ok: true; trace: Trace; facts: RunFacts; summary: CaptureSummary } | { ok: false; error: string };

const NO_TCP = 'The capture holds no TCP traffic, so no MQTT.';
const NO_MQTT = 'The capture holds no MQTT connection: the lab finds one by the CONNECT at its start, so start capturing before the clients connect.';

/** A pcap or pcapng file as a trace, or one sentence saying why not. Never throws. */
export function importCapture(bytes: Uint8Array): CaptureImport {
  const file = readCapture(bytes);
  if (!file.ok) return file;
  const warnings = [...file.warnings];
  const segments: CapturedSegment[] = [];
  const skipped = new Map<string, { count: number; first: number }>();
  for (const frame of file.frames) {
    const r = tcpSegmentOf(frame);
    if ('segment' in r) segments.push(r.segment);
    else if (r.warn) {
      const s = skipped.get(r.skip) ?? { count: 0, first: frame.number };
      skipped.set(r.skip, { ...s, count: s.count + 1 });
    }
  }
  for (const [why, s] of skipped) warnings.push(`${s.count} frame${s.count > 1 ? 's' : ''} skipped (the first is frame ${s.first}): ${why}.`);
  if (segments.length === 0) return { ok: false, error: NO_TCP };
  const tcp = tcpStreams(segments);
  const mqtt = mqttFromStreams(tcp);
  if (mqtt.connections.length === 0) return { ok: false, error: mqtt.warnings[0] ?? NO_MQTT };
  warnings.push(...mqtt.warnings);
  const servers = [...new Set(mqtt.connections.map((c) => endpointText(c.server)))];
  if (servers.length > 1) warnings.push(`The capture holds MQTT connections to ${servers.length} servers (${servers.join(', ')}): the lab shows them all as one broker.`);
  const originNs = file.frames.reduce((min, f) => (f.timeNs < min ? f.timeNs : min), file.frames[0].timeNs);
  const { trace, names, retainedStored } = captureToTrace(mqtt.connections, originNs);
  const originMs = Number(originNs / 1_000_000n);
  return {
    ok: true, trace, facts: { losses: [], retainedStored },
    summary: {
      format: file.format, frames: file.count, tcpConnections: tcp.length,
      mqttConnections: mqtt.connections.length, versions: [...new Set(mqtt.connections.map((c) => c.version))].sort(),
      packets: mqtt.connections.reduce((n, c) => n + c.packets.length, 0),
      ...(Math.abs(originMs) <= 8.64e15 && { startedAt: new Date(originMs).toISOString() }),
      connections: mqtt.connections.map((c, i) => ({ participant: names[i], clientId: c.connect.clientId, version: c.version,
        stream: c.stream, client: endpointText(c.client), server: endpointText(c.server) })),
      warnings,
    },
  };
}

/** The participant of each connection: its client id, made unique where it must be. */
export function participantNames(connections: readonly MqttConnection[]): string[] {
  const byClientId = new Map<string, string>();
  const taken = new Set(['broker']);
  const unique = (base: string) => {
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
    taken.add(name);
    return name;
  };
  return connections.map((c) => {
    const id = c.connect.clientId;
    if (id === '') return unique('anonymous');
    let name = byClientId.get(id);
    if (name === undefined) byClientId.set(id, (name = unique(id === 'broker' ? 'broker (client)' : id)));
    return name;
  });
}

/** What the trace keeps of each client as it goes. */
interface ClientState {
  name: string;
  clientId: string;
  cleanSession: boolean;
  /** the index of its first connection: participants come in this order */
  firstSeen: number;
  /** CONNECTs so far: from the second on, an accepted CONNACK restores the connection */
  connections: number;
  /** QoS 2 packet ids received and not yet released by PUBREL (the receiver's Method B) */
  heldQos2: Set<PacketId>;
  /** PUBREL packet ids sent and not yet completed, each way: a second one is a re-send */
  pubrelUp: Set<PacketId>;
  pubrelDown: Set<PacketId>;
  subscribes: boolean;
  /** the QoS of its first publication, of its first subscription */
  publishQos?: QoS;
  subscribeQos?: QoS;
}

interface Publication {
  publicationNo: number;
  payload: Uint8Array;
}

/** An event before it has its place and time in the trace. */
type NewEvent = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'index' | 'tMs'> : never) : never;

/** The trace of a capture's MQTT connections; times are counted from `originNs`. */
export function captureToTrace(connections: readonly MqttConnection[], originNs: bigint): { trace: Trace; names: string[]; retainedStored: RetainedFact[] } {
  const builder = new TraceBuilder(connections);
  // Every packet of every connection, in the order each was whole (then by frame): the order
  // in which their receivers acted on them.
  const all = connections.flatMap((c, i) => c.packets.map((p) => ({ i, p })));
  all.sort((a, b) => (a.p.timeNs < b.p.timeNs ? -1 : a.p.timeNs > b.p.timeNs ? 1 : a.p.frame - b.p.frame));
  for (const { i, p } of all) builder.packet(i, p);
  connections.forEach((_, i) => builder.ended(i));
  const toMs = (tNs: bigint) => millis(Number((tNs - originNs) / 1000n) / 1000);
  return { trace: builder.trace(toMs), names: builder.names, retainedStored: builder.retained.map(({ tNs, ...r }) => ({ ...r, tMs: toMs(tNs) })) };
}

class TraceBuilder {
  readonly names: string[];
  private readonly clients = new Map<string, ClientState>();
  private readonly drafts: { event: NewEvent; tNs: bigint; order: number }[] = [];
  /** publications by topic, in order */
  private readonly publications = new Map<string, Publication[]>();
  private publicationCount = 0;
  /** copies delivered, by client and publication (or, unmatched, topic and payload) */
  private readonly deliveries = new Map<string, number>();
  private nextWireId = 1;
  /** what the broker's retained message for a topic became, and when (the outcome owes it to later subscribers) */
  readonly retained: (Omit<RetainedFact, 'tMs'> & { tNs: bigint })[] = [];

  constructor(private readonly connections: readonly MqttConnection[]) {
    this.names = participantNames(connections);
  }

  private emit(tNs: bigint, event: NewEvent): void {
    this.drafts.push({ event, tNs, order: this.drafts.length });
  }

  private client(i: number): ClientState {
    const name = this.names[i];
    let state = this.clients.get(name);
    if (state === undefined) {
      const { clientId, cleanSession } = this.connections[i].connect;
      state = { name, clientId, cleanSession, firstSeen: i, connections: 0, heldQos2: new Set(), pubrelUp: new Set(), pubrelDown: new Set(), subscribes: false };
      this.clients.set(name, state);
    }
    return state;
  }

  /** Packet `p` of connection `i`: sent and delivered, with what it means to the applications. */
  packet(i: number, p: CapturedPacket): void {
    const client = this.client(i);
    const name = client.name;
    const [from, to] = p.fromClient ? [name, 'broker'] : ['broker', name];
    const packet = p.packet;
    if (packet.type === 'CONNECT') {
      client.connections++;
      if (packet.cleanSession) client.heldQos2.clear();
    }
    if (p.fromClient && packet.type === 'PUBLISH' && !packet.dup) this.published(client, packet, p);
    if (p.fromClient && packet.type === 'SUBSCRIBE' && !client.subscribes) {
      client.subscribes = true;
      client.subscribeQos = packet.subscriptions[0]?.qos;
    }
    const wireId = this.nextWireId++;
    this.emit(p.firstTimeNs, { kind: 'packetSent', key: `packet.sent.${packet.type}`, params: packetParams(packet, from, to),
      wireId, from, to, packet, bytes: p.bytes, retransmission: isResend(client, packet, p.fromClient) });
    this.emit(p.timeNs, { kind: 'packetDelivered', key: `packet.delivered.${packet.type}`, params: packetParams(packet, from, to),
      wireId, from, to, type: packet.type });
    if (p.fromClient) return;
    if (packet.type === 'CONNACK' && accepted(packet) && client.connections > 1) {
      this.emit(p.timeNs, { kind: 'connectionRestored', key: packet.sessionPresent ? 'connection.restored.session' : 'connection.restored.clean',
        params: { client: name, sessionPresent: packet.sessionPresent }, client: name, sessionPresent: packet.sessionPresent });
    }
    if (packet.type === 'PUBREL') client.heldQos2.delete(packet.packetId);
    if (packet.type === 'PUBLISH') this.delivered(client, packet, p);
  }

  /** A client's new publication (DUP=0: not a re-send). */
  private published(client: ClientState, packet: PublishPacket, p: CapturedPacket): void {
    const topic = p.topic ?? packet.topic;
    const publicationNo = ++this.publicationCount;
    const list = this.publications.get(topic) ?? [];
    list.push({ publicationNo, payload: packet.payload });
    this.publications.set(topic, list);
    client.publishQos ??= packet.qos;
    // MQTT-3.3.1-5: the broker keeps a RETAIN=1 message for the topic; MQTT-3.3.1-10: an empty one removes it.
    if (packet.retain) this.retained.push({ topic, publicationNo: packet.payload.length > 0 ? publicationNo : -1, tNs: p.timeNs });
    this.emit(p.firstTimeNs, { kind: 'appPublish', key: 'app.publish', params: { client: client.name, publicationNo, qos: packet.qos, topic },
      client: client.name, publicationNo, topic, payloadText: payloadText(packet.payload), qos: packet.qos, retain: packet.retain });
  }

  /** The broker's PUBLISH reached `client`: its application gets it, unless it is a QoS 2 copy the client holds. */
  private delivered(client: ClientState, packet: PublishPacket, p: CapturedPacket): void {
    if (packet.qos === 2 && packet.packetId !== undefined) {
      // MQTT-4.3.3-2: a repeated PUBLISH before PUBREL gets PUBREC again, no new delivery.
      if (client.heldQos2.has(packet.packetId)) return;
      client.heldQos2.add(packet.packetId);
    }
    const name = client.name;
    const topic = p.topic ?? packet.topic;
    const candidates = this.publications.get(topic) ?? [];
    let publicationNo = -1;
    for (let k = candidates.length - 1; k >= 0 && publicationNo < 0; k--) {
      if (sameBytes(candidates[k].payload, packet.payload)) publicationNo = candidates[k].publicationNo;
    }
    const willOf = publicationNo > 0 ? -1
      : this.connections.findIndex((c) => c.connect.will?.topic === topic && sameBytes(c.connect.will.payload, packet.payload));
    const will = willOf >= 0;
    const key = publicationNo > 0 ? `${name}|${publicationNo}` : `${name}|${topic}|${payloadText(packet.payload)}`;
    const deliveryNo = (this.deliveries.get(key) ?? 0) + 1;
    this.deliveries.set(key, deliveryNo);
    this.emit(p.timeNs, {
      kind: 'appDeliver', key: will ? 'app.deliver.will' : deliveryNo > 1 ? 'app.deliver.duplicate' : 'app.deliver',
      params: { client: name, publicationNo, deliveryNo, qos: packet.qos, topic, ...(will && { publisher: this.names[willOf] }) },
      client: name, publicationNo, topic, payloadText: payloadText(packet.payload), qos: packet.qos, retain: packet.retain, deliveryNo,
      ...(will && { will }),
    });
  }

  /** Connection `i` ended: lost, if it ended without DISCONNECT. */
  ended(i: number): void {
    const lost = lostAt(this.connections[i], this.connections, i);
    if (lost === undefined) return;
    const client = this.names[i];
    this.emit(lost.tNs, { kind: 'connectionLost', key: `connection.lost.${lost.cause}`,
      params: { client, cause: lost.cause, tcp: lost.tcp, closedBy: lost.closedBy }, client, cause: lost.cause });
  }

  /** The events in time order (in the order they were made within one instant), and the participants. */
  trace(toMs: (tNs: bigint) => Millis): Trace {
    const drafts = [...this.drafts].sort((a, b) => (a.tNs < b.tNs ? -1 : a.tNs > b.tNs ? 1 : a.order - b.order));
    const events = drafts.map(({ event, tNs }, index) => ({ ...event, index, tMs: toMs(tNs) }) as TraceEvent);
    const states = [...this.clients.values()].sort((a, b) => a.firstSeen - b.firstSeen);
    const info = (s: ClientState): ParticipantInfo => {
      const qos = s.subscribes ? s.subscribeQos : s.publishQos;
      return { id: s.name, role: s.subscribes ? 'subscriber' : 'publisher', ...(qos !== undefined && { qos }), cleanSession: s.cleanSession, clientId: s.clientId };
    };
    const participants: ParticipantInfo[] = [
      ...states.filter((s) => !s.subscribes).map(info), { id: 'broker', role: 'broker' }, ...states.filter((s) => s.subscribes).map(info),
    ];
    return { participants, events };
  }
}

function accepted(p: ConnackPacket): boolean {
  return 'returnCode' in p ? p.returnCode === 0 : p.reasonCode < 0x80;
}

/** A re-send: a PUBLISH with DUP=1, or a PUBREL for a packet id whose PUBREL went that way before without PUBCOMP. */
function isResend(client: ClientState, packet: Packet, fromClient: boolean): boolean {
  if (packet.type === 'PUBLISH') return packet.dup;
  if (packet.type === 'PUBREL') {
    const sent = fromClient ? client.pubrelUp : client.pubrelDown;
    if (sent.has(packet.packetId)) return true;
    sent.add(packet.packetId);
  }
  if (packet.type === 'PUBCOMP') (fromClient ? client.pubrelDown : client.pubrelUp).delete(packet.packetId);
  return false;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** When and how a connection that ended without DISCONNECT broke, if it did. */
function lostAt(c: MqttConnection, connections: readonly MqttConnection[], i: number):
  { tNs: bigint; cause: ConnectionLossCause; tcp: 'FIN' | 'RST'; closedBy: 'client' | 'broker' } | undefined {
  const ends = [c.clientEnd && { ...c.clientEnd, by: 'client' as const }, c.serverEnd && { ...c.serverEnd, by: 'broker' as const }]
    .filter((e) => e !== undefined).sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
  const end = ends[0];
  if (end === undefined) return undefined;
  if (c.packets.some((p) => p.packet.type === 'DISCONNECT' || (p.packet.type === 'CONNACK' && !accepted(p.packet)))) return undefined;
  // The broker closed it after a newer connection of the same client id began: a takeover (MQTT-3.1.4-2).
  const clientId = c.connect.clientId;
  const takenOver = end.by === 'broker' && clientId !== '' && connections.some((o, j) => j !== i && o.connect.clientId === clientId
    && o.packets.length > 0 && c.packets.length > 0 && o.packets[0].timeNs > c.packets[0].timeNs && o.packets[0].timeNs <= end.timeNs);
  const tcp = ends.some((e) => e.kind === 'rst') ? 'RST' : 'FIN';
  return { tNs: end.timeNs, cause: takenOver ? 'takeover' : 'reset', tcp, closedBy: end.by };
}
