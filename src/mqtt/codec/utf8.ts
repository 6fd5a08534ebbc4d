/**
 * UTF-8 encoded strings (MQTT 1.5.3): a 2-byte big-endian length, then that many bytes of
 * well-formed UTF-8 without U+0000. Also the plain binary fields (will message, password),
 * which share the 2-byte length prefix.
 *
 *   byte 0   length MSB
 *   byte 1   length LSB
 *   byte 2.. UTF-8 bytes (0 .. 65,535 of them)
 *
 * Design: ASCII (most topics and client ids) takes a fast path that never calls
 * TextEncoder/TextDecoder; anything else goes through them. No Node Buffer here.
 */
import { fail } from './cursor-failure';

export const MAX_STRING_BYTES = 65_535;

const encoder = new TextEncoder();
// MQTT-1.5.3-3: a BOM (U+FEFF) is a character like any other, so it must not be stripped.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lossyDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Number of UTF-8 bytes `text` encodes to (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { bytes += 4; i++; } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Writes length prefix and bytes of `text` (whose UTF-8 size is `byteLength`); returns the next position. */
export function writeString(out: Uint8Array, pos: number, text: string, byteLength: number): number {
  out[pos] = byteLength >> 8;
  out[pos + 1] = byteLength & 0xff;
  const start = pos + 2;
  if (byteLength === text.length) {
    for (let i = 0; i < byteLength; i++) out[start + i] = text.charCodeAt(i);
  } else {
    encoder.encodeInto(text, out.subarray(start, start + byteLength));
  }
  return start + byteLength;
}

/** Writes a 2-byte length and `data`; returns the next position. */
export function writeBinary(out: Uint8Array, pos: number, data: Uint8Array): number {
  out[pos] = data.length >> 8;
  out[pos + 1] = data.length & 0xff;
  out.set(data, pos + 2);
  return pos + 2 + data.length;
}

/** Decodes bytes[start, end) as an MQTT string; a broken rule ends the decode (see cursor-failure.ts). */
export function readUtf8(bytes: Uint8Array, start: number, end: number, what: string): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    // MQTT-1.5.3-2: U+0000 must not appear. In well-formed UTF-8 only U+0000 encodes as 0x00.
    if (byte === 0) fail('MQTT-1.5.3-2', `${what} contains U+0000`);
    if (byte >= 0x80) ascii = false;
  }
  if (ascii) {
    if (end - start <= 16) {
      let text = '';
      for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
      return text;
    }
    if (end - start <= 4096) {
      return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
  }
  try {
    return strictDecoder.decode(bytes.subarray(start, end));
  } catch {
    // MQTT-1.5.3-1: ill-formed UTF-8 (including encoded surrogates) is a protocol violation.
    return fail('MQTT-1.5.3-1', `${what} is not well-formed UTF-8`);
  }
}

/** Lossy UTF-8 decode for previews (invalid sequences become U+FFFD). */
export function payloadText(payload: Uint8Array): string {
  return lossyDecoder.decode(payload);
}
