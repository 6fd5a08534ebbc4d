/**
 * How a packet body decoder reports a broken rule.
 *
 * Design: decoders read straight down the packet and call `fail(rule, message)` where a
 * rule is broken; `decode()` catches the DecodeFailure once and turns it into
 * `{ kind: 'malformed', error }`. Nothing outside the codec ever sees the throw, and any
 * other exception (a bug of ours) is not caught.
 *
 * An MQTT 5.0 decoder also names the Reason Code the receiver sends before closing (4.13):
 * `fail(rule, message, MALFORMED_PACKET)`. A check that both versions share but number
 * differently (5.0 renumbered sections 1.5 and 2) is a VersionedRule.
 */
import type { ProtocolError } from '../errors';
import { protocolError } from '../errors';
import type { ProtocolVersion } from '../types';

export class DecodeFailure extends Error {
  readonly error: ProtocolError;
  constructor(error: ProtocolError) {
    super(error.message);
    this.error = error;
  }
}

export function fail(rule: string, message: string, reasonCode?: number): never {
  throw new DecodeFailure(protocolError('remote', rule, message, reasonCode));
}

/** MQTT 5.0 (2.4): the receiver of a packet it cannot parse sends 0x81 Malformed Packet. */
export const MALFORMED_PACKET = 0x81;
/** MQTT 5.0 (2.4): the receiver of a packet that parses but breaks a rule sends 0x82 Protocol Error. */
export const PROTOCOL_ERROR = 0x82;

/** One check, under its 3.1.1 id and its 5.0 id with the Reason Code 5.0 answers it with. */
export interface VersionedRule {
  readonly v4: string;
  readonly v5: string;
  readonly reasonCode: number;
}

export function failVersioned(rule: VersionedRule, version: ProtocolVersion, message: string): never {
  return version === 5 ? fail(rule.v5, message, rule.reasonCode) : fail(rule.v4, message);
}

export function versionedError(rule: VersionedRule, version: ProtocolVersion, message: string): ProtocolError {
  return version === 5 ? protocolError('remote', rule.v5, message, rule.reasonCode) : protocolError('remote', rule.v4, message);
}

/** Well-formed UTF-8 (3.1.1: 1.5.3; 5.0: 1.5.4). */
export const UTF8_RULE: VersionedRule = { v4: 'MQTT-1.5.3-1', v5: 'MQTT-1.5.4-1', reasonCode: MALFORMED_PACKET };
/** No U+0000 in a string. */
export const NULL_CHARACTER_RULE: VersionedRule = { v4: 'MQTT-1.5.3-2', v5: 'MQTT-1.5.4-2', reasonCode: MALFORMED_PACKET };
/** The fields fit the Remaining Length exactly (3.1.1: 2.2.3; 5.0: 2.1.4). */
export const LENGTH: VersionedRule = { v4: 'MQTT-2.2.3', v5: 'MQTT-2.1.4', reasonCode: MALFORMED_PACKET };
/** A packet identifier is never 0 (3.1.1: MQTT-2.3.1-1; 5.0: MQTT-2.2.1-3, a sender's duty, so a Protocol Error). */
export const PACKET_ID_RULE: VersionedRule = { v4: 'MQTT-2.3.1-1', v5: 'MQTT-2.2.1-3', reasonCode: PROTOCOL_ERROR };
/** Topic Names and Topic Filters are at least one character long (both: MQTT-4.7.3-1). */
export const EMPTY_TOPIC_RULE: VersionedRule = { v4: 'MQTT-4.7.3-1', v5: 'MQTT-4.7.3-1', reasonCode: PROTOCOL_ERROR };
/** No wildcard in a PUBLISH's Topic Name (both: MQTT-3.3.2-2). */
export const WILDCARD_TOPIC_RULE: VersionedRule = { v4: 'MQTT-3.3.2-2', v5: 'MQTT-3.3.2-2', reasonCode: PROTOCOL_ERROR };
