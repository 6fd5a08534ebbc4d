/**
 * MQTT 5.0 Reason Codes (2.4): one byte saying how an operation went; below 0x80 success,
 * 0x80 and above failure. One table of names (Table 2-6), and for each packet the codes its
 * own table allows (Tables 3-1, 3-4 .. 3-11): a receiver refuses any other as a Protocol Error,
 * citing the statement that binds the sender ("MUST use one of the ... Reason Codes").
 *
 * The names are the spec's, in English in both languages as the packet names are; the
 * inspector's explanation of each (en and zh) is keyed by `explain` (src/i18n/../fields.ts).
 */
import type {
  AuthReasonCode, ConnackReasonCode, DisconnectReasonCode, PublishReasonCode, PubrelReasonCode,
  SubackReasonCode, UnsubackReasonCode,
} from '../types';
import type { FieldKey } from './field-keys';

export type ReasonCodePacket = 'CONNACK' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP' | 'SUBACK' | 'UNSUBACK' | 'DISCONNECT' | 'AUTH';

/** Name and explanation key of each code; 0x00 is named per packet (see reasonCodeName). */
const NAMES: Readonly<Record<number, readonly [name: string, explain: FieldKey]>> = {
  0x00: ['Success', 'reason-success'],
  0x01: ['Granted QoS 1', 'reason-granted-qos-1'],
  0x02: ['Granted QoS 2', 'reason-granted-qos-2'],
  0x04: ['Disconnect with Will Message', 'reason-disconnect-with-will-message'],
  0x10: ['No matching subscribers', 'reason-no-matching-subscribers'],
  0x11: ['No subscription existed', 'reason-no-subscription-existed'],
  0x18: ['Continue authentication', 'reason-continue-authentication'],
  0x19: ['Re-authenticate', 'reason-re-authenticate'],
  0x80: ['Unspecified error', 'reason-unspecified-error'],
  0x81: ['Malformed Packet', 'reason-malformed-packet'],
  0x82: ['Protocol Error', 'reason-protocol-error'],
  0x83: ['Implementation specific error', 'reason-implementation-specific-error'],
  0x84: ['Unsupported Protocol Version', 'reason-unsupported-protocol-version'],
  0x85: ['Client Identifier not valid', 'reason-client-identifier-not-valid'],
  0x86: ['Bad User Name or Password', 'reason-bad-user-name-or-password'],
  0x87: ['Not authorized', 'reason-not-authorized'],
  0x88: ['Server unavailable', 'reason-server-unavailable'],
  0x89: ['Server busy', 'reason-server-busy'],
  0x8a: ['Banned', 'reason-banned'],
  0x8b: ['Server shutting down', 'reason-server-shutting-down'],
  0x8c: ['Bad authentication method', 'reason-bad-authentication-method'],
  0x8d: ['Keep Alive timeout', 'reason-keep-alive-timeout'],
  0x8e: ['Session taken over', 'reason-session-taken-over'],
  0x8f: ['Topic Filter invalid', 'reason-topic-filter-invalid'],
  0x90: ['Topic Name invalid', 'reason-topic-name-invalid'],
  0x91: ['Packet Identifier in use', 'reason-packet-identifier-in-use'],
  0x92: ['Packet Identifier not found', 'reason-packet-identifier-not-found'],
  0x93: ['Receive Maximum exceeded', 'reason-receive-maximum-exceeded'],
  0x94: ['Topic Alias invalid', 'reason-topic-alias-invalid'],
  0x95: ['Packet too large', 'reason-packet-too-large'],
  0x96: ['Message rate too high', 'reason-message-rate-too-high'],
  0x97: ['Quota exceeded', 'reason-quota-exceeded'],
  0x98: ['Administrative action', 'reason-administrative-action'],
  0x99: ['Payload format invalid', 'reason-payload-format-invalid'],
  0x9a: ['Retain not supported', 'reason-retain-not-supported'],
  0x9b: ['QoS not supported', 'reason-qos-not-supported'],
  0x9c: ['Use another server', 'reason-use-another-server'],
  0x9d: ['Server moved', 'reason-server-moved'],
  0x9e: ['Shared Subscriptions not supported', 'reason-shared-subscriptions-not-supported'],
  0x9f: ['Connection rate exceeded', 'reason-connection-rate-exceeded'],
  0xa0: ['Maximum connect time', 'reason-maximum-connect-time'],
  0xa1: ['Subscription Identifiers not supported', 'reason-subscription-identifiers-not-supported'],
  0xa2: ['Wildcard Subscriptions not supported', 'reason-wildcard-subscriptions-not-supported'],
};

// Each packet's table. A Record over the packet's type: the compiler checks the two agree.
const CONNACK: Record<ConnackReasonCode, true> = {
  0x00: true, 0x80: true, 0x81: true, 0x82: true, 0x83: true, 0x84: true, 0x85: true, 0x86: true, 0x87: true,
  0x88: true, 0x89: true, 0x8a: true, 0x8c: true, 0x90: true, 0x95: true, 0x97: true, 0x99: true, 0x9a: true,
  0x9b: true, 0x9c: true, 0x9d: true, 0x9f: true,
};
const PUBLISH_ACK: Record<PublishReasonCode, true> = {
  0x00: true, 0x10: true, 0x80: true, 0x83: true, 0x87: true, 0x90: true, 0x91: true, 0x97: true, 0x99: true,
};
const PUBREL_ACK: Record<PubrelReasonCode, true> = { 0x00: true, 0x92: true };
const SUBACK: Record<SubackReasonCode, true> = {
  0x00: true, 0x01: true, 0x02: true, 0x80: true, 0x83: true, 0x87: true, 0x8f: true, 0x91: true, 0x97: true,
  0x9e: true, 0xa1: true, 0xa2: true,
};
const UNSUBACK: Record<UnsubackReasonCode, true> = {
  0x00: true, 0x11: true, 0x80: true, 0x83: true, 0x87: true, 0x8f: true, 0x91: true,
};
const DISCONNECT: Record<DisconnectReasonCode, true> = {
  0x00: true, 0x04: true, 0x80: true, 0x81: true, 0x82: true, 0x83: true, 0x87: true, 0x89: true, 0x8b: true,
  0x8d: true, 0x8e: true, 0x8f: true, 0x90: true, 0x93: true, 0x94: true, 0x95: true, 0x96: true, 0x97: true,
  0x98: true, 0x99: true, 0x9a: true, 0x9b: true, 0x9c: true, 0x9d: true, 0x9e: true, 0x9f: true, 0xa0: true,
  0xa1: true, 0xa2: true,
};
const AUTH: Record<AuthReasonCode, true> = { 0x00: true, 0x18: true, 0x19: true };

/** Per packet: its codes, and the statement a sender breaks by using another one. */
const TABLES: Readonly<Record<ReasonCodePacket, { codes: Readonly<Record<number, true>>; rule: string }>> = {
  CONNACK: { codes: CONNACK, rule: 'MQTT-3.2.2-8' },
  PUBACK: { codes: PUBLISH_ACK, rule: 'MQTT-3.4.2-1' },
  PUBREC: { codes: PUBLISH_ACK, rule: 'MQTT-3.5.2-1' },
  PUBREL: { codes: PUBREL_ACK, rule: 'MQTT-3.6.2-1' },
  PUBCOMP: { codes: PUBREL_ACK, rule: 'MQTT-3.7.2-1' },
  SUBACK: { codes: SUBACK, rule: 'MQTT-3.9.3-2' },
  UNSUBACK: { codes: UNSUBACK, rule: 'MQTT-3.11.3-2' },
  DISCONNECT: { codes: DISCONNECT, rule: 'MQTT-3.14.2-1' },
  AUTH: { codes: AUTH, rule: 'MQTT-3.15.2-1' },
};

/** Whether `packet` may carry `code`. */
export function isReasonCode(packet: ReasonCodePacket, code: number): boolean {
  return TABLES[packet].codes[code] === true;
}

/** The statement a sender breaks by putting another code in `packet`. */
export function reasonCodeRule(packet: ReasonCodePacket): string {
  return TABLES[packet].rule;
}

/** Every code `packet` may carry, in ascending order (for tests and arbitraries). */
export function reasonCodesOf(packet: ReasonCodePacket): number[] {
  return Object.keys(TABLES[packet].codes).map(Number).sort((a, b) => a - b);
}

/** The spec's name of a code as `packet` uses it, and its explanation key. */
export function reasonCodeName(packet: ReasonCodePacket, code: number): readonly [name: string, explain: FieldKey] {
  if (code === 0x00 && packet === 'DISCONNECT') return ['Normal disconnection', 'reason-normal-disconnection'];
  if (code === 0x00 && packet === 'SUBACK') return ['Granted QoS 0', 'reason-granted-qos-0'];
  return NAMES[code];
}

/** `0x87 Not authorized`: how the inspector shows a code. */
export function reasonCodeText(packet: ReasonCodePacket, code: number): string {
  return `0x${code.toString(16).padStart(2, '0')} ${reasonCodeName(packet, code)[0]}`;
}
