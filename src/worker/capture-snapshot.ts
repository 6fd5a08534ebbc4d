/**
 * The state tables of a capture at a step, rebuilt from the packets it shows: no engine ran, so
 * these are what the wire implies each side holds (the packet ids awaiting PUBACK, PUBREC,
 * PUBCOMP and PUBREL, connected or not, the retained messages), in the shape of `snapshotAt`.
 *
 * Rules this file keeps:
 * - A sender holds a QoS 1/2 packet id from the PUBLISH it sends; the receiver of a QoS 2 PUBLISH
 *   holds its id from the PUBLISH's arrival until the PUBREL's (Method B of MQTT Figure 4.3,
 *   as the reader takes the receiver to be).
 * - PUBREC moves the sender's id from awaiting PUBREC to awaiting PUBCOMP (MQTT-4.3.3-1);
 *   PUBACK and PUBCOMP end it.
 * - CONNECT with clean session set clears both sides' tables (MQTT-3.1.2-6); a connection lost
 *   or a DISCONNECT leaves them, as a session does.
 * - Nothing is queued that the wire cannot show: `queued` is 0.
 */
import type { PacketId } from '../mqtt/types';
import type { LabSnapshot, SessionTable } from '../sim/snapshot';
import type { PacketSentEvent, Trace } from '../sim/trace';

interface Side {
  connected: boolean;
  sessionPresent?: boolean;
  cleanSession?: boolean;
  awaitingPuback: Set<PacketId>;
  awaitingPubrec: Set<PacketId>;
  awaitingPubcomp: Set<PacketId>;
  awaitingPubrel: Set<PacketId>;
}

const side = (): Side => ({ connected: false, awaitingPuback: new Set(), awaitingPubrec: new Set(), awaitingPubcomp: new Set(), awaitingPubrel: new Set() });

function clear(s: Side): void {
  for (const t of [s.awaitingPuback, s.awaitingPubrec, s.awaitingPubcomp, s.awaitingPubrel]) t.clear();
}

function table(id: string, s: Side): SessionTable {
  const sorted = (ids: Set<PacketId>) => [...ids].sort((a, b) => a - b);
  return {
    id, connected: s.connected, ...(s.sessionPresent !== undefined && { sessionPresent: s.sessionPresent }),
    ...(s.cleanSession !== undefined && { cleanSession: s.cleanSession }),
    awaitingPuback: sorted(s.awaitingPuback), awaitingPubrec: sorted(s.awaitingPubrec),
    awaitingPubcomp: sorted(s.awaitingPubcomp), awaitingPubrel: sorted(s.awaitingPubrel), queued: 0,
  };
}

/** The tables just after trace event `index` (-1: before any). */
export function captureSnapshotAt(trace: Trace, index: number): LabSnapshot {
  const clientIds = trace.participants.filter((p) => p.role !== 'broker').map((p) => p.id);
  const clients = new Map(clientIds.map((id) => [id, side()]));
  const sessions = new Map(clientIds.map((id) => [id, side()]));
  const retained = new Map<string, number>();
  const sent = new Map<number, PacketSentEvent>();
  const last = Math.min(index, trace.events.length - 1);
  // The sides of a packet: who sent it and who receives it, by the client it concerns.
  const sidesOf = (from: string, to: string) => {
    const client = from === 'broker' ? to : from;
    const c = clients.get(client);
    const b = sessions.get(client);
    if (!c || !b) return undefined;
    return from === 'broker' ? { sender: b, receiver: c, client: c, session: b } : { sender: c, receiver: b, client: c, session: b };
  };
  for (let i = 0; i <= last; i++) {
    const e = trace.events[i];
    if (e.kind === 'connectionLost') {
      const c = clients.get(e.client);
      const b = sessions.get(e.client);
      if (c) c.connected = false;
      if (b) b.connected = false;
      continue;
    }
    if (e.kind !== 'packetSent' && e.kind !== 'packetDelivered') continue;
    const sides = sidesOf(e.from, e.to);
    if (!sides) continue;
    const { sender, receiver } = sides;
    if (e.kind === 'packetSent') {
      sent.set(e.wireId, e);
      const p = e.packet;
      if (p.type === 'CONNECT') {
        sides.client.cleanSession = p.cleanSession;
        if (p.cleanSession) clear(sides.client);
      } else if (p.type === 'PUBLISH' && p.packetId !== undefined) {
        if (p.qos === 1) sender.awaitingPuback.add(p.packetId);
        else if (p.qos === 2 && !sender.awaitingPubcomp.has(p.packetId)) sender.awaitingPubrec.add(p.packetId);
      } else if (p.type === 'PUBREL') {
        sender.awaitingPubrec.delete(p.packetId);
        sender.awaitingPubcomp.add(p.packetId);
      } else if (p.type === 'CONNACK') {
        const ok = 'returnCode' in p ? p.returnCode === 0 : p.reasonCode < 0x80;
        sides.session.connected = ok;
        sides.session.cleanSession = sides.client.cleanSession;
      } else if (p.type === 'DISCONNECT') {
        sides.client.connected = false;
        sides.session.connected = false;
      }
      continue;
    }
    const p = sent.get(e.wireId)?.packet;
    if (!p) continue;
    switch (p.type) {
      case 'CONNECT':
        if (p.cleanSession) clear(sides.session);
        break;
      case 'CONNACK': {
        const ok = 'returnCode' in p ? p.returnCode === 0 : p.reasonCode < 0x80;
        sides.client.connected = ok;
        sides.client.sessionPresent = ok && p.sessionPresent;
        break;
      }
      case 'PUBLISH':
        if (p.qos === 2 && p.packetId !== undefined) receiver.awaitingPubrel.add(p.packetId);
        // MQTT-3.3.1-5: the broker keeps a RETAIN=1 message; MQTT-3.3.1-10: an empty one removes it.
        if (p.retain && e.to === 'broker') {
          if (p.payload.length > 0) retained.set(p.topic, p.payload.length);
          else retained.delete(p.topic);
        }
        break;
      case 'PUBACK':
        receiver.awaitingPuback.delete(p.packetId);
        break;
      case 'PUBREC':
        if (receiver.awaitingPubrec.delete(p.packetId)) receiver.awaitingPubcomp.add(p.packetId);
        break;
      case 'PUBREL':
        receiver.awaitingPubrel.delete(p.packetId);
        break;
      case 'PUBCOMP':
        receiver.awaitingPubcomp.delete(p.packetId);
        break;
      default:
        break;
    }
  }
  return {
    index,
    tMs: index >= 0 ? trace.events[Math.max(0, last)]?.tMs ?? 0 : 0,
    clients: [...clients].map(([id, s]) => table(id, s)),
    broker: {
      sessions: [...sessions].map(([id, s]) => table(id, s)),
      retained: [...retained].map(([topic, payloadBytes]) => ({ topic, payloadBytes })),
    },
  };
}
