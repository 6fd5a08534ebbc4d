/**
 * The streaming reader: bytes arrive in chunks of any size (one byte at a time works),
 * whole packets come out in order. Its state is plain data (structuredClone-able), so the
 * simulator can checkpoint it.
 *
 * Rules kept: after a malformed packet the stream is unusable (MQTT-4.8.0-1: close the
 * connection); feeding more returns the same error again, and no later packet.
 */
import type { Packet } from '../types';
import type { ProtocolError } from '../errors';
import { decode } from './decode';

const EMPTY = new Uint8Array(0);

export interface ReaderState {
  /** Bytes received but not yet part of a whole packet (or, after an error, the bad packet onward). */
  pending: Uint8Array;
}

export function createReader(): ReaderState {
  return { pending: EMPTY }; // shared: `pending` is replaced, never written into
}

export function feed(reader: ReaderState, chunk: Uint8Array): { packets: Packet[]; error?: ProtocolError } {
  const bytes = reader.pending.length === 0 ? chunk : concat(reader.pending, chunk);
  let packets: Packet[] | undefined;
  let offset = 0;
  for (;;) {
    if (offset === bytes.length) {
      // Everything read.
      reader.pending = EMPTY;
      return { packets: packets ?? [] };
    }
    const result = decode(bytes, offset);
    if (result.kind === 'packet') {
      // An exact array for the first packet, not [] then push (see PERFORMANCE.md).
      if (packets === undefined) packets = [result.packet];
      else packets.push(result.packet);
      offset += result.size;
      continue;
    }
    // Keep a copy of the rest, never a view of the caller's chunk.
    reader.pending = bytes.slice(offset);
    if (result.kind === 'malformed') return { packets: packets ?? [], error: result.error };
    return { packets: packets ?? [] };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
