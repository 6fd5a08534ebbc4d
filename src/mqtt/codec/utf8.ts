/**
 * UTF-8 encoded strings (MQTT 1.5.3): a 2-byte big-endian length, then that many bytes of
 * well-formed UTF-8 without U+0000. Also the plain binary fields (will message, password),
 * which share the 2-byte length prefix.
 *
 *   byte 0   length MSB
 *   byte 1   length LSB
 *   byte 2.. UTF-8 bytes (0 .. 65,535 of them)
 *
 * ASCII is checked byte by byte here; other text goes through TextEncoder/TextDecoder. No Node
 * Buffer here.
 */
import type { ProtocolVersion } from '../types';
import { allocBytes } from './byte-pool';
import { failVersioned, NULL_CHARACTER_RULE, UTF8_RULE } from './cursor-failure';

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
    writeUtf8(out, start, text, byteLength);
  }
  return start + byteLength;
}

/**
 * Writes the UTF-8 of `text` (`byteLength` bytes, from utf8Length) at `pos`, as TextEncoder does:
 * a lone surrogate becomes U+FFFD. Short text is encoded by this loop, long text by TextEncoder
 * (see PERFORMANCE.md).
 */
function writeUtf8(out: Uint8Array, pos: number, text: string, byteLength: number): void {
  if (text.length > SHORT_TEXT) {
    encoder.encodeInto(text, out.subarray(pos, pos + byteLength));
    return;
  }
  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    if (unit < 0x80) {
      out[pos++] = unit;
    } else if (unit < 0x800) {
      out[pos++] = 0xc0 | (unit >> 6);
      out[pos++] = 0x80 | (unit & 0x3f);
    } else {
      if (unit >= 0xd800 && unit <= 0xdfff) {
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
        if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const code = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00);
          out[pos++] = 0xf0 | (code >> 18);
          out[pos++] = 0x80 | ((code >> 12) & 0x3f);
          out[pos++] = 0x80 | ((code >> 6) & 0x3f);
          out[pos++] = 0x80 | (code & 0x3f);
          i++;
          continue;
        }
        unit = 0xfffd; // a lone surrogate
      }
      out[pos++] = 0xe0 | (unit >> 12);
      out[pos++] = 0x80 | ((unit >> 6) & 0x3f);
      out[pos++] = 0x80 | (unit & 0x3f);
    }
  }
}

const SHORT_TEXT = 256;

/** Writes a 2-byte length and `data`; returns the next position. */
export function writeBinary(out: Uint8Array, pos: number, data: Uint8Array): number {
  out[pos] = data.length >> 8;
  out[pos + 1] = data.length & 0xff;
  out.set(data, pos + 2);
  return pos + 2 + data.length;
}

/**
 * Decodes bytes[start, end) as an MQTT string; a broken rule ends the decode (see cursor-failure.ts).
 * The rules are the same in both versions (5.0 numbers them MQTT-1.5.4-1/2).
 */
export function readUtf8(bytes: Uint8Array, start: number, end: number, what: string, version: ProtocolVersion = 4): string {
  // A string decoded lately, byte for byte: checked then (ASCII, no U+0000), so no need to scan again.
  const known = end - start <= RECENT_MAX ? recentHit(bytes, start, end) : undefined;
  if (known !== undefined) return known;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    // MQTT-1.5.3-2: U+0000 must not appear. In well-formed UTF-8 only U+0000 encodes as 0x00.
    if (byte === 0) failVersioned(NULL_CHARACTER_RULE, version, `${what} contains U+0000`);
    if (byte >= 0x80) ascii = false;
  }
  if (ascii && end - start <= RECENT_MAX) return recentAscii(bytes, start, end);
  try {
    return strictDecoder.decode(bytes.subarray(start, end));
  } catch {
    // MQTT-1.5.3-1: ill-formed UTF-8 (including encoded surrogates) is a protocol violation.
    return failVersioned(UTF8_RULE, version, `${what} is not well-formed UTF-8`);
  }
}

// The ASCII strings decoded last, in slots picked by length and end bytes (see PERFORMANCE.md).
const RECENT_MAX = 256;
const RECENT_SLOTS = 16;
const recent: string[] = new Array<string>(RECENT_SLOTS).fill('');

function slotOf(bytes: Uint8Array, start: number, end: number): number {
  return ((end - start) * 7 + bytes[start] + bytes[end - 1] * 3) & (RECENT_SLOTS - 1);
}

/** The remembered string with exactly these bytes, if any (never the empty string: it is not remembered). */
function recentHit(bytes: Uint8Array, start: number, end: number): string | undefined {
  const length = end - start;
  if (length === 0) return undefined;
  const known = recent[slotOf(bytes, start, end)];
  if (known.length !== length) return undefined;
  for (let i = 0; i < length; i++) if (known.charCodeAt(i) !== bytes[start + i]) return undefined;
  return known;
}

/** Decodes checked ASCII and remembers it. */
function recentAscii(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length === 0) return '';
  const slot = slotOf(bytes, start, end);
  let text = '';
  // Up to 12 characters a loop, longer ones TextDecoder (see PERFORMANCE.md).
  if (length <= 12) {
    for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  } else {
    text = strictDecoder.decode(bytes.subarray(start, end));
  }
  recent[slot] = text;
  return text;
}

/**
 * The UTF-8 bytes of `text` (lone surrogates become U+FFFD), as TextEncoder.encode gives them,
 * but in an array from byte-pool.ts.
 */
export function payloadBytes(text: string): Uint8Array {
  const byteLength = utf8Length(text);
  const out = allocBytes(byteLength);
  writeUtf8(out, 0, text, byteLength);
  return out;
}

/** Lossy UTF-8 decode for previews (invalid sequences become U+FFFD). */
export function payloadText(payload: Uint8Array): string {
  return lossyDecoder.decode(payload);
}
