/**
 * The streaming reader: bytes arrive in chunks of any size (one byte at a time works),
 * whole packets come out in order. Its state is plain data (structuredClone-able), so the
 * simulator can checkpoint it.
 *
 * Rules kept: after a malformed packet the stream is unusable (MQTT-4.8.0-1: close the
 * connection); feeding more returns the same error again, and no later packet.
 *
 * The version: a client knows it (it wrote the CONNECT), so its reader is created with it. A
 * server does not know it before the CONNECT arrives: its reader is created with
 * 'fromConnect', reads the CONNECT as a 5.0 server does (by the CONNECT's own level, refusing
 * a malformed 5.0 one), and every later packet in the version the CONNECT names (level 5 is
 * MQTT 5.0, any other 3.1.1). A reader created without options is the 3.1.1 reader it always was.
 */
import type { Packet, ProtocolVersion } from '../types';
import type { ProtocolError } from '../errors';
import { decode, type DecodeOptions } from './decode';
import { concatBytes } from './bytes';

const EMPTY = new Uint8Array(0);

export interface ReaderState {
  /** Bytes received but not yet part of a whole packet (or, after an error, the bad packet onward). */
  pending: Uint8Array;
  /** The protocol packets are read in (absent: 4, MQTT 3.1.1); 'fromConnect' until a CONNECT names it. */
  version?: ProtocolVersion | 'fromConnect';
  /** MQTT 5.0: the Maximum Packet Size this side announced (see DecodeOptions); the engine sets it. */
  maximumPacketSize?: DecodeOptions['maximumPacketSize'];
}

export interface ReaderOptions {
  version?: ProtocolVersion | 'fromConnect';
  maximumPacketSize?: DecodeOptions['maximumPacketSize'];
}

export function createReader(options?: ReaderOptions): ReaderState {
  const reader: ReaderState = { pending: EMPTY }; // shared: `pending` is replaced, never written into
  if (options?.version !== undefined) reader.version = options.version;
  if (options?.maximumPacketSize !== undefined) reader.maximumPacketSize = options.maximumPacketSize;
  return reader;
}

const NO_OPTIONS: DecodeOptions = {};

function decodeOptions(reader: ReaderState): DecodeOptions {
  if (reader.version === undefined && reader.maximumPacketSize === undefined) return NO_OPTIONS;
  const options: DecodeOptions = {};
  // A server that speaks 5.0 reads the CONNECT by 5.0's rules (strict about a malformed 5.0 one).
  if (reader.version === 5 || reader.version === 'fromConnect') options.version = 5;
  if (reader.maximumPacketSize !== undefined) options.maximumPacketSize = reader.maximumPacketSize;
  return options;
}

export function feed(reader: ReaderState, chunk: Uint8Array): { packets: Packet[]; error?: ProtocolError } {
  const bytes = reader.pending.length === 0 ? chunk : concatBytes(reader.pending, chunk);
  let options = decodeOptions(reader);
  let packets: Packet[] | undefined;
  let offset = 0;
  for (;;) {
    if (offset === bytes.length) {
      // Everything read.
      reader.pending = EMPTY;
      return { packets: packets ?? [] };
    }
    const result = decode(bytes, offset, options);
    if (result.kind === 'packet') {
      // An exact array for the first packet, not [] then push (see PERFORMANCE.md).
      if (packets === undefined) packets = [result.packet];
      else packets.push(result.packet);
      offset += result.size;
      if (reader.version === 'fromConnect' && result.packet.type === 'CONNECT') {
        reader.version = result.packet.protocolLevel === 5 ? 5 : 4;
        options = decodeOptions(reader);
      }
      continue;
    }
    // Keep a copy of the rest, never a view of the caller's chunk.
    reader.pending = bytes.slice(offset);
    if (result.kind === 'malformed') return { packets: packets ?? [], error: result.error };
    return { packets: packets ?? [] };
  }
}

