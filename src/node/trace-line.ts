/**
 * One line of text per packet crossing the TCP bridge, for humans watching a real client
 * talk to our broker: time, direction, packet type, then packet id, QoS, DUP and topic when
 * the packet has them.
 *
 *   12:03:44.512  sensor-1 -> broker  PUBLISH   id=7 qos=2 dup=0 retain=0 topic="lab/t"
 *   12:03:44.513  sensor-1 <- broker  PUBREC    id=7
 *   12:03:44.520  sensor-1 <- broker  SUBACK    id=8 granted=0x80,1   (0x80: that filter was refused)
 */
import { grantedCodes, type Packet } from '../mqtt/types';

export interface TraceEvent {
  /** Wall-clock time, ms since the epoch. */
  atMs: number;
  /** The client id once CONNECT named it, else the bridge's connection name. */
  clientId: string;
  /** 'in': client -> broker; 'out': broker -> client. */
  direction: 'in' | 'out';
  packet: Packet;
}

function details(packet: Packet): string[] {
  switch (packet.type) {
    case 'PUBLISH':
      return [
        ...(packet.packetId === undefined ? [] : [`id=${packet.packetId}`]),
        `qos=${packet.qos}`, `dup=${packet.dup ? 1 : 0}`, `retain=${packet.retain ? 1 : 0}`,
        `topic=${JSON.stringify(packet.topic)}`, `bytes=${packet.payload.length}`,
      ];
    case 'PUBACK': case 'PUBREC': case 'PUBREL': case 'PUBCOMP': case 'UNSUBACK':
      return [`id=${packet.packetId}`];
    case 'SUBSCRIBE':
      return [`id=${packet.packetId}`, ...packet.subscriptions.map((s) => `${JSON.stringify(s.topicFilter)}@qos=${s.qos}`)];
    case 'SUBACK':
      return [`id=${packet.packetId}`, `granted=${grantedCodes(packet).map((c) => (c === 0x80 ? '0x80' : c)).join(',')}`];
    case 'UNSUBSCRIBE':
      return [`id=${packet.packetId}`, ...packet.topicFilters.map((f) => JSON.stringify(f))];
    case 'CONNECT':
      return [`clean=${packet.cleanSession ? 1 : 0}`, `keepAlive=${packet.keepAliveSec}s`,
        ...(packet.will ? [`will=${JSON.stringify(packet.will.topic)}@qos=${packet.will.qos}`] : [])];
    case 'CONNACK':
      return [`rc=${'returnCode' in packet ? packet.returnCode : `0x${packet.reasonCode.toString(16)}`}`, `sessionPresent=${packet.sessionPresent ? 1 : 0}`];
    default:
      return [];
  }
}

export function formatTraceLine(event: TraceEvent): string {
  const time = new Date(event.atMs).toISOString().slice(11, 23);
  const arrow = event.direction === 'in' ? '->' : '<-';
  return [time, ` ${event.clientId} ${arrow} broker `, event.packet.type.padEnd(11), ...details(event.packet)].join(' ').trimEnd();
}
