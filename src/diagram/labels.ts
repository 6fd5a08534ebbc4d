/**
 * Arrow labels: what matters about a packet for QoS, in the spec's own words (packet names,
 * QoS, packet id, DUP, RETAIN, ...), plus participant names. Plain text: the caller escapes.
 *
 * Design: protocol terms stay English in both languages (they are what the learner will meet
 *   in the specification and in Wireshark), so they are formatted here, CONNACK's return-code
 *   names included; the words around them that are translated (participant captions, "re-sent",
 *   "publishes") come from the catalog (src/i18n, `mermaid` section).
 */
import type { ConnackPacket, Packet, SubackReasonCode, SubackReturnCode } from '../mqtt/types';
import type { ParticipantInfo } from '../sim/trace';
import { MESSAGES, type Lang } from '../i18n';
import { truncate } from './escape';

const TOPIC_MAX = 32;
const PAYLOAD_MAX = 14;
const decoder = new TextDecoder('utf-8', { fatal: false });

/** CONNACK return codes 0 to 5 by their meaning (MQTT 3.1.1, 3.2.2.3): spec words, English in both languages. */
const CONNACK_CODES = ['accepted', 'bad protocol level', 'identifier rejected', 'server unavailable',
  'bad user name or password', 'not authorized'] as const;

/** The first characters of a payload, as text, in curly quotes. */
export function payloadPreview(payload: Uint8Array | string, max = PAYLOAD_MAX): string {
  const text = typeof payload === 'string' ? payload : decoder.decode(payload);
  return `“${truncate(text, max)}”`;
}

/** A SUBACK code: 3.1.1's granted QoS or 0x80 failure; MQTT 5.0's other failures by number. */
function granted(code: SubackReturnCode | SubackReasonCode): string {
  return code < 0x80 ? `QoS ${code}` : code === 0x80 ? 'failure' : `0x${code.toString(16)}`;
}

/** A CONNACK's code: 3.1.1's return code by number, MQTT 5.0's Reason Code in hex. */
function connackCode(p: ConnackPacket): string {
  return 'returnCode' in p ? String(p.returnCode) : `0x${p.reasonCode.toString(16).padStart(2, '0')}`;
}

/** The full label: `PUBLISH (QoS 1, id=1, DUP) sensors/temp “21.5 °C”`. */
export function packetLabel(p: Packet, retransmission: boolean, lang: Lang): string {
  const resent = MESSAGES[lang].mermaid.resent;
  switch (p.type) {
    case 'PUBLISH': {
      const flags = [`QoS ${p.qos}`];
      if (p.packetId !== undefined) flags.push(`id=${p.packetId}`);
      if (p.dup) flags.push('DUP');
      if (p.retain) flags.push('RETAIN');
      return [`PUBLISH (${flags.join(', ')})`, truncate(p.topic, TOPIC_MAX), payloadPreview(p.payload)].filter(Boolean).join(' ');
    }
    case 'PUBREL':
      return `PUBREL (id=${p.packetId}${retransmission ? `, ${resent}` : ''})`;
    case 'PUBACK': case 'PUBREC': case 'PUBCOMP': case 'UNSUBACK':
      return `${p.type} (id=${p.packetId})`;
    case 'CONNECT':
      return `CONNECT (clean=${p.cleanSession ? 1 : 0}, keepAlive=${p.keepAliveSec}s${p.will ? ', will' : ''})`;
    case 'CONNACK':
      if ('reasonCode' in p) return `CONNACK (rc=${connackCode(p)}${p.reasonCode === 0 ? `, session present=${p.sessionPresent ? 1 : 0}` : ''})`;
      return p.returnCode === 0
        ? `CONNACK (rc=0 accepted, session present=${p.sessionPresent ? 1 : 0})`
        : `CONNACK (rc=${p.returnCode} ${CONNACK_CODES[p.returnCode]})`;
    case 'SUBSCRIBE':
      return `SUBSCRIBE (id=${p.packetId}, ${p.subscriptions.map((s) => `${truncate(s.topicFilter, TOPIC_MAX)} QoS ${s.qos}`).join(', ')})`;
    case 'SUBACK':
      return `SUBACK (id=${p.packetId}, granted ${('returnCodes' in p ? p.returnCodes : p.reasonCodes).map(granted).join(', ')})`;
    case 'UNSUBSCRIBE':
      return `UNSUBSCRIBE (id=${p.packetId}, ${p.topicFilters.map((f) => truncate(f, TOPIC_MAX)).join(', ')})`;
    case 'PINGREQ': case 'PINGRESP': case 'DISCONNECT': case 'AUTH':
      return p.type;
  }
}

/** The compact label: `PUBLISH q1 id=1 DUP`, `PUBACK id=1`, `SUBACK q1`. */
export function compactPacketLabel(p: Packet, retransmission: boolean): string {
  const parts: string[] = [p.type];
  if (p.type === 'PUBLISH') parts.push(`q${p.qos}`);
  if ('packetId' in p && p.packetId !== undefined && p.type !== 'SUBSCRIBE' && p.type !== 'SUBACK') parts.push(`id=${p.packetId}`);
  if (p.type === 'PUBLISH' && p.dup) parts.push('DUP');
  if (p.type === 'PUBLISH' && p.retain) parts.push('R');
  if (p.type === 'PUBREL' && retransmission) parts.push('↻');
  if (p.type === 'SUBACK') parts.push(('returnCodes' in p ? p.returnCodes : p.reasonCodes).map((c) => (c >= 0x80 ? 'x' : `q${c}`)).join(','));
  if (p.type === 'CONNACK') parts.push(('returnCode' in p ? p.returnCode : p.reasonCode) === 0 ? `sp=${p.sessionPresent ? 1 : 0}` : `rc=${connackCode(p)}`);
  return parts.join(' ');
}

/** The lab's own participant ids (`publisher`, `subscriber2`, `broker`), as the simulator names them. */
export function isLabParticipant(p: Pick<ParticipantInfo, 'id' | 'role'>): boolean {
  return p.role === 'broker' ? p.id === 'broker' : new RegExp(`^${p.role}(\\d+)?$`).test(p.id);
}

/** Client ids of an imported capture are shown whole up to this many characters. */
const CLIENT_ID_MAX = 32;

/**
 * `Publisher`, `Subscriber 2`, `Broker` (or their Chinese names); compact: `Pub`, `Sub 2`. A
 * participant the lab did not name (a capture's client, named by its client id) is shown by
 * that id, as plain text: the caller escapes it like any label.
 */
export function participantName(p: ParticipantInfo, lang: Lang, compact = false): string {
  if (!isLabParticipant(p)) return truncate(p.id, CLIENT_ID_MAX);
  const n = /(\d+)$/.exec(p.id)?.[1];
  const words = MESSAGES[lang].mermaid;
  return `${(compact ? words.shortRoles : words.roles)[p.role]}${n ? ` ${n}` : ''}`;
}

/** What a client was configured with: `publishes QoS 1, cleanSession=0`; compact: `QoS 1, clean=0`. */
export function clientSetup(p: ParticipantInfo, lang: Lang, compact = false): string | undefined {
  if (p.role === 'broker') return undefined;
  const words = MESSAGES[lang].mermaid.setup;
  const parts: string[] = [];
  const verb = words[p.role];
  if (p.qos !== undefined) parts.push(compact ? `QoS ${p.qos}` : `${verb} QoS ${p.qos}`);
  if (p.cleanSession !== undefined) parts.push(`${compact ? 'clean' : 'cleanSession'}=${p.cleanSession ? 1 : 0}`);
  return parts.length ? parts.join(words.separator) : undefined;
}
