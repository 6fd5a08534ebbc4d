/**
 * Links: one TCP-like connection per client session, ordered and reliable while it lives.
 *
 * Loss follows DESIGN.md: a dropped packet breaks its connection with that packet in flight,
 * and whatever else is in flight on it is lost too. Who notices, and when, depends on
 * `link.detect`: 'reset' (both ends learn after one latency) or 'keepAlive' (the connection
 * turns into a black hole; each side's keep-alive timer finds out). In the legacy
 * 'retryOnTimeout' mode a dropped packet just vanishes and the connection lives on (3.1.1 only:
 * MQTT 5.0 forbids re-sending on a live connection, and a drop breaks it there as always).
 * Design: a connection is forgotten once it can play no further part (see `forgetIfDone`), so
 *   a long lossy run does not keep every connection it ever opened.
 */
import type { Packet } from '../mqtt/types';
import { isFlowPacket, type ConnectionLossCause, type DropCause } from './trace';
import type { ClientRuntime, Conn, PacketInFlight, WorldContext } from './world-types';
import { noteRetained, recordLosses } from './world-facts';
import { mqttVersionOf } from './scenario';

/** The connection `id`, unless forgotten. */
export function findConn(w: WorldContext, id: string): Conn | undefined {
  for (const conn of w.state.conns) if (conn.id === id) return conn;
  return undefined;
}

export function openConnection(w: WorldContext, name: string): void {
  const c = w.client(name);
  if (c.connId || c.stopped) return;
  if (w.state.nowMs < c.offlineUntilMs) {
    w.schedule({ kind: 'connect', atMs: c.offlineUntilMs, client: name });
    return;
  }
  c.connections++;
  c.accepted = false;
  const id = `${name}#${c.connections}`;
  w.state.conns.push({ id, client: c, open: true, blackhole: false, clientGone: false, brokerGone: false, lastUpMs: 0, lastDownMs: 0, inFlight: 0 });
  c.connId = id;
  w.stepBroker({ type: 'connectionOpened', connId: id });
  w.stepClient(c, { type: 'connectionOpened' });
}

function countSent(w: WorldContext, key: string): number {
  return (w.state.sentCount[key] = (w.state.sentCount[key] ?? 0) + 1);
}

/**
 * Whether a drop rule of the scenario claims this packet. Counts every packet of a type some
 * rule names, in both keys (`TYPE` and `TYPE@from>to`); other types are never asked about.
 */
function ruleDrops(w: WorldContext, type: string, from: string, to: string): boolean {
  if (w.dropRules.size === 0) return false;
  const rules = w.dropRules.get(type);
  if (rules === undefined) return false;
  const nthAny = countSent(w, type);
  const nthDir = countSent(w, `${type}@${from}>${to}`);
  return rules.some((f) => (f.from === undefined || f.from === from) && (f.to === undefined || f.to === to) &&
    f.nth === (f.from !== undefined || f.to !== undefined ? nthDir : nthAny));
}

export function sendPacket(w: WorldContext, conn: Conn, from: string, to: string, packet: Packet, bytes: Uint8Array, retransmission: boolean): void {
  const link = w.scenario.link;
  let doomed: DropCause | undefined;
  if (ruleDrops(w, packet.type, from, to)) doomed = 'rule';
  if (link.loss > 0 && w.rng.next() < link.loss) doomed ??= 'loss';
  if (!conn.open) doomed = 'connectionBroken';
  const jitter = link.jitterMs > 0 ? Math.floor(w.rng.next() * (link.jitterMs + 1)) : 0;
  const up = to === 'broker';
  const atMs = Math.max(w.state.nowMs + link.latencyMs + jitter, up ? conn.lastUpMs : conn.lastDownMs);
  if (up) conn.lastUpMs = atMs;
  else conn.lastDownMs = atMs;
  const wireId = w.state.nextWireId++;
  const wire: PacketInFlight = { kind: 'arrive', atMs, wireId, conn, from, to, packet, bytes, doomed };
  conn.inFlight++;
  w.state.inFlight++;
  w.state.packetsSent++;
  if (isFlowPacket(packet.type)) w.state.flowPacketsSent++;
  if (w.keeps('packetSent', packet.type)) {
    w.emit({ kind: 'packetSent', key: `packet.sent.${packet.type}`, params: packetParams(packet, from, to),
      wireId, from, to, packet, bytes, retransmission });
  }
  w.schedule(wire);
}

export function packetParams(p: Packet, from: string, to: string): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = { type: p.type, from, to };
  if ('packetId' in p && p.packetId !== undefined) params.packetId = p.packetId;
  if (p.type === 'PUBLISH') Object.assign(params, { qos: p.qos, dup: p.dup, retain: p.retain, topic: p.topic });
  return params;
}

/**
 * A packet reaches the far end of its connection, or is lost there. Lost: doomed when sent, or
 * its connection broke meanwhile, or its receiver has left it (an end that closes loses what it
 * had still to read, TCP-like, while what it sent still arrives). Deciding this on arrival
 * rather than marking every packet in flight when a connection breaks gives the same causes.
 */
export function arrive(w: WorldContext, wire: PacketInFlight): void {
  const conn = wire.conn;
  conn.inFlight--;
  w.state.inFlight--;
  const receiverGone = wire.to === 'broker' ? conn.brokerGone : conn.clientGone;
  const cause: DropCause | undefined = wire.doomed ?? (receiverGone || !conn.open ? 'connectionBroken' : undefined);
  const type = wire.packet.type;
  if (cause) {
    w.state.packetsDropped++;
    // A lost packet breaks its connection (TCP loses nothing alone), unless in the MQTT 3.1
    // retry-on-timeout mode, which 5.0 forbids (MQTT-4.4.0-1: its clients never re-send on a live
    // connection, so there a vanished packet would wait for ever).
    const retryOnTimeout = w.scenario.retryMode === 'retryOnTimeout' && mqttVersionOf(w.scenario) === '3.1.1';
    const breaks = (cause === 'rule' || cause === 'loss') && !retryOnTimeout;
    if (w.keeps('packetDropped', type)) {
      w.emit({ kind: 'packetDropped', key: `packet.dropped.${cause}`, params: { type, from: wire.from, to: wire.to, cause, breaks }, cause,
        wireId: wire.wireId, from: wire.from, to: wire.to, type });
    }
    const p = wire.packet;
    // A QoS 0 PUBLISH exists once: lost on the way to the broker, no subscriber gets it; on the
    // way to a subscriber, that one does not.
    if (p.type === 'PUBLISH' && p.qos === 0) {
      recordLosses(w, 'qos0', [p], wire.to === 'broker' ? undefined : wire.to, w.full ? { event: w.trace.events.length - 1 } : {});
    }
    if (breaks) breakConnection(w, conn, 'drop');
    forgetIfDone(w, conn);
    return;
  }
  if (w.keeps('packetDelivered', type)) {
    w.emit({ kind: 'packetDelivered', key: `packet.delivered.${type}`, params: packetParams(wire.packet, wire.from, wire.to),
      wireId: wire.wireId, from: wire.from, to: wire.to, type });
  }
  if (wire.to === 'broker') {
    w.stepBroker({ type: 'bytesReceived', connId: conn.id, bytes: wire.bytes });
    // A retained publication is stored on its PUBLISH (or, Method A, on its PUBREL).
    if (w.scenario.retain && (type === 'PUBLISH' || type === 'PUBREL')) noteRetained(w);
  } else {
    w.stepClient(conn.client, { type: 'bytesReceived', bytes: wire.bytes });
  }
  forgetIfDone(w, conn);
}

/**
 * Forgets a connection that is broken, that both ends have left and that carries no packet:
 * nothing can reach it any more. Its id is never reused, neither end sends on it again (each
 * sends only on the connection it holds), and a notice still scheduled for it would find that
 * end gone already, which is what a missing connection means to `noticeLost` too.
 */
function forgetIfDone(w: WorldContext, conn: Conn): void {
  if (conn.open || !conn.clientGone || !conn.brokerGone || conn.inFlight > 0) return;
  // Removed by hand, keeping the order: splice() would also build an array of what it removed.
  const conns = w.state.conns;
  for (let i = conns.indexOf(conn); i < conns.length - 1; i++) conns[i] = conns[i + 1];
  conns.pop();
}

/** The connection breaks: everything in flight on it is lost (see `arrive`); the ends notice per `link.detect`. */
export function breakConnection(w: WorldContext, conn: Conn, cause: ConnectionLossCause): void {
  if (!conn.open) return;
  conn.open = false;
  if (cause === 'drop' && w.scenario.link.detect === 'keepAlive') {
    conn.blackhole = true; // no reset reaches either side: keep-alive must find out
    return;
  }
  const atMs = w.state.nowMs + w.scenario.link.latencyMs;
  w.schedule({ kind: 'notice', atMs, side: 'client', connId: conn.id, cause: cause === 'drop' ? 'reset' : cause });
  w.schedule({ kind: 'notice', atMs, side: 'broker', connId: conn.id, cause: cause === 'drop' ? 'reset' : cause });
}

/** One end learns that the connection is gone (a reset arrived, or its own engine closed it). */
export function noticeLost(w: WorldContext, side: 'client' | 'broker', connId: string, cause: ConnectionLossCause): void {
  const conn = findConn(w, connId);
  if (conn === undefined) return; // forgotten: both ends had already left it
  if (side === 'broker') {
    if (conn.brokerGone) return;
    conn.brokerGone = true;
    w.stepBroker({ type: 'connectionLost', connId });
    forgetIfDone(w, conn);
    return;
  }
  if (conn.clientGone) return;
  conn.clientGone = true;
  const c = conn.client;
  if (c.connId === connId) {
    c.connId = undefined;
    if (w.keeps('connectionLost')) w.emit({ kind: 'connectionLost', key: `connection.lost.${cause}`, params: { client: c.name, cause }, client: c.name, cause });
    w.stepClient(c, { type: 'connectionLost' });
    scheduleReconnect(w, c);
  }
  forgetIfDone(w, conn);
}

/**
 * The client will try again: after reconnectDelayMs when its last connection had been accepted,
 * and after twice as long for each attempt in a row that broke before its CONNACK, up to
 * reconnectMaxDelayMs, spread by seeded jitter (75-125 %) so that clients failing together do
 * not retry in lockstep (as Paho's and MQTT.js's back-off do). The first retry waits exactly
 * reconnectDelayMs, so a single drop draws the same diagram on every seed.
 */
export function scheduleReconnect(w: WorldContext, c: ClientRuntime): void {
  if (c.stopped) return;
  const spec = c.role === 'publisher' ? w.scenario.publishers[c.index] : w.scenario.subscribers[c.index];
  c.failedAttempts = c.accepted ? 0 : c.failedAttempts + 1;
  const delayMs = reconnectDelayMs(spec.reconnectDelayMs, spec.reconnectMaxDelayMs, c.failedAttempts, w.jitterRng);
  if (c.failedAttempts > 0 && w.keeps('note')) {
    w.emit({ kind: 'note', key: 'connection.backoff', params: { client: c.name, attempts: c.failedAttempts, delayMs }, actor: c.name });
  }
  w.schedule({ kind: 'connect', atMs: Math.max(w.state.nowMs + delayMs, c.offlineUntilMs), client: c.name });
}

/** The wait before the next attempt after `failed` attempts in a row failed (0: the last one was accepted). */
export function reconnectDelayMs(baseMs: number, maxMs: number, failed: number, jitter: { next(): number }): number {
  if (failed === 0) return baseMs;
  const grown = Math.min(Math.max(baseMs, maxMs), baseMs * 2 ** Math.min(failed, 30));
  return Math.round(grown * (0.75 + 0.5 * jitter.next()));
}

/** An engine closed its end on purpose (keep-alive timeout, protocol error, DISCONNECT, refusal). */
export function closeFromEngine(w: WorldContext, side: 'client' | 'broker', connId: string, cause: ConnectionLossCause): void {
  const conn = findConn(w, connId);
  if (!conn) return;
  const wasHealthy = conn.open;
  // What was on its way to the closer is lost from now on, its end being gone (see `arrive`);
  // what it sent still arrives (TCP sends before FIN), gracefully closed or not.
  if (side === 'client') {
    if (conn.clientGone) return;
    conn.clientGone = true;
    const c = conn.client;
    if (c.connId === connId) c.connId = undefined;
    // The peer hears of it (FIN or RST) unless the path is a black hole.
    if (wasHealthy && !conn.blackhole) w.schedule({ kind: 'notice', atMs: w.state.nowMs + w.scenario.link.latencyMs, side: 'broker', connId, cause });
    forgetIfDone(w, conn);
    return;
  }
  if (conn.brokerGone) return;
  conn.brokerGone = true;
  if (wasHealthy && !conn.blackhole) w.schedule({ kind: 'notice', atMs: Math.max(w.state.nowMs + w.scenario.link.latencyMs, conn.lastDownMs), side: 'client', connId, cause });
  forgetIfDone(w, conn);
}
