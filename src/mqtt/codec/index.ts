/**
 * The MQTT codec, 3.1.1 and 5.0 in one: the one entry the rest of the app uses.
 *
 *   encode(packet, { version? })                 -> bytes
 *   decode(bytes, offset?, { version?, maximumPacketSize? })
 *                                                -> packet + size | needMore | malformed (never throws)
 *   createReader({ version? }) / feed            -> a streaming reader over chunks, state as plain data
 *   annotate(bytes, { version? })                -> every byte of one packet as a named, explained field
 *
 * `version` is 4 (MQTT 3.1.1, the default: every call without it behaves as it always did) or
 * 5 (MQTT 5.0); a CONNECT is read and written by its own protocol level, and a server's reader
 * created with version 'fromConnect' takes the version from the CONNECT. A malformed 5.0 packet
 * comes with the Reason Code to send in DISCONNECT (`error.reasonCode`).
 *
 * Files: a file per packet family (connect.ts and connect-v5.ts, connack.ts, publish.ts,
 * acks.ts, subscribe.ts, unsubscribe.ts, header-only.ts, disconnect-auth.ts), the 5.0 tables
 * (property-table.ts, reason-codes.ts) and the primitives (fixed-header.ts,
 * remaining-length.ts, utf8.ts, cursor.ts, properties.ts). The few choices made for speed,
 * and what they bought: ../PERFORMANCE.md.
 */
export { encode } from './encode';
export type { EncodeOptions } from './encode';
export { decode } from './decode';
export type { DecodeOptions, DecodeResult } from './decode';
export { createReader, feed } from './reader';
export type { ReaderOptions, ReaderState } from './reader';
export { isReasonCode, reasonCodeName, reasonCodesOf } from './reason-codes';
export type { ReasonCodePacket } from './reason-codes';
export { annotate } from './annotate';
export type { Annotation } from './annotations';
export { packetTypeOf } from './fixed-header';
export { payloadBytes, payloadText } from './utf8';
export { concatBytes } from './bytes';
export { FIELD_KEYS } from './field-keys';
export type { FieldKey } from './field-keys';
export { MAX_REMAINING_LENGTH } from './remaining-length';
