/**
 * The MQTT 3.1.1 codec: the one entry the rest of the app uses.
 *
 *   encode(packet)          -> bytes
 *   decode(bytes, offset?)  -> packet + size | needMore | malformed (never throws)
 *   createReader / feed     -> a streaming reader over chunks, state as plain data
 *   annotate(bytes)         -> every byte of one packet as a named, explained field
 *
 * Files: a file per packet family (connect.ts, connack.ts, publish.ts, acks.ts,
 * subscribe.ts, unsubscribe.ts, header-only.ts) and the primitives (fixed-header.ts,
 * remaining-length.ts, utf8.ts, cursor.ts). The few choices made for speed, and what they
 * bought: ../PERFORMANCE.md.
 */
export { encode } from './encode';
export { decode } from './decode';
export type { DecodeResult } from './decode';
export { createReader, feed } from './reader';
export type { ReaderState } from './reader';
export { annotate } from './annotate';
export type { Annotation } from './annotations';
export { packetTypeOf } from './fixed-header';
export { payloadBytes, payloadText } from './utf8';
export { FIELD_KEYS } from './field-keys';
export type { FieldKey } from './field-keys';
export { MAX_REMAINING_LENGTH } from './remaining-length';
