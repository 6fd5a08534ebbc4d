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

/**
 * MQTT 5.0 Reason Codes an ack or DISCONNECT may carry (5.0, 2.4), by their spec names; only
 * what is not Success is drawn. A 3.1.1 packet has no code, so its arrow is what it always was.
 */
const REASON_NAMES: Readonly<Record<number, string>> = {
  0x04: 'disconnect with will', 0x10: 'no matching subscribers', 0x80: 'unspecified error', 0x83: 'implementation specific error',
  0x87: 'not authorized', 0x8e: 'session taken over', 0x90: 'topic name invalid', 0x91: 'packet id in use',
  0x92: 'packet id not found', 0x93: 'receive maximum exceeded', 0x95: 'packet too large', 0x97: 'quota exceeded', 0x99: 'payload format invalid',
};

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;

/** `rc=0x10 no matching subscribers`; compact: `rc=0x10`. */
function reasonCode(code: number, compact = false): string {
  const name = REASON_NAMES[code];
  return compact || name === undefined ? `rc=${hex(code)}` : `rc=${hex(code)} ${name}`;
}

/** The reason code of a 5.0 ack or DISCONNECT when it is not Success, else nothing. */
function failedCode(p: Packet): number | undefined {
  if (p.type !== 'PUBACK' && p.type !== 'PUBREC' && p.type !== 'PUBREL' && p.type !== 'PUBCOMP' && p.type !== 'DISCONNECT') return undefined;
  return p.reasonCode !== undefined && p.reasonCode !== 0 ? p.reasonCode : undefined;
}

/** A number of seconds of a 5.0 expiry interval: `2s`, or `never` for 0xFFFFFFFF. */
const seconds = (n: number) => (n >= 0xFFFF_FFFF ? 'never' : `${n}s`);

/** The 5.0 properties that matter for QoS, short: Receive Maximum, Session and Message Expiry. */
function qosProperties(p: Packet): string[] {
  const props = 'properties' in p ? p.properties as { receiveMaximum?: number; sessionExpiryInterval?: number; messageExpiryInterval?: number } | undefined : undefined;
  if (props === undefined) return [];
  const out: string[] = [];
  if (props.receiveMaximum !== undefined) out.push(`receive max=${props.receiveMaximum}`);
  if (props.sessionExpiryInterval !== undefined) out.push(`session expiry=${seconds(props.sessionExpiryInterval)}`);
  if (props.messageExpiryInterval !== undefined) out.push(`expiry=${seconds(props.messageExpiryInterval)}`);
  return out;
}

const withExtras = (head: string, extras: string[]) => (extras.length ? `${head}, ${extras.join(', ')}` : head);

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
      flags.push(...qosProperties(p));
      return [`PUBLISH (${flags.join(', ')})`, truncate(p.topic, TOPIC_MAX), payloadPreview(p.payload)].filter(Boolean).join(' ');
    }
    case 'PUBREL': {
      const code = failedCode(p);
      return `PUBREL (id=${p.packetId}${code === undefined ? '' : `, ${reasonCode(code)}`}${retransmission ? `, ${resent}` : ''})`;
    }
    case 'PUBACK': case 'PUBREC': case 'PUBCOMP': {
      const code = failedCode(p);
      return `${p.type} (id=${p.packetId}${code === undefined ? '' : `, ${reasonCode(code)}`})`;
    }
    case 'UNSUBACK':
      return `${p.type} (id=${p.packetId})`;
    case 'CONNECT':
      return `${withExtras(`CONNECT (clean=${p.cleanSession ? 1 : 0}, keepAlive=${p.keepAliveSec}s${p.will ? ', will' : ''}`, qosProperties(p))})`;
    case 'CONNACK':
      if ('reasonCode' in p) return `${withExtras(`CONNACK (rc=${connackCode(p)}${p.reasonCode === 0 ? `, session present=${p.sessionPresent ? 1 : 0}` : ''}`, qosProperties(p))})`;
      return p.returnCode === 0
        ? `CONNACK (rc=0 accepted, session present=${p.sessionPresent ? 1 : 0})`
        : `CONNACK (rc=${p.returnCode} ${CONNACK_CODES[p.returnCode]})`;
    case 'SUBSCRIBE':
      return `SUBSCRIBE (id=${p.packetId}, ${p.subscriptions.map((s) => `${truncate(s.topicFilter, TOPIC_MAX)} QoS ${s.qos}`).join(', ')})`;
    case 'SUBACK':
      return `SUBACK (id=${p.packetId}, granted ${('returnCodes' in p ? p.returnCodes : p.reasonCodes).map(granted).join(', ')})`;
    case 'UNSUBSCRIBE':
      return `UNSUBSCRIBE (id=${p.packetId}, ${p.topicFilters.map((f) => truncate(f, TOPIC_MAX)).join(', ')})`;
    case 'DISCONNECT': {
      const code = failedCode(p);
      return code === undefined ? p.type : `DISCONNECT (${reasonCode(code)})`;
    }
    case 'PINGREQ': case 'PINGRESP': case 'AUTH':
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
  const code = failedCode(p);
  if (code !== undefined) parts.push(reasonCode(code, true));
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
