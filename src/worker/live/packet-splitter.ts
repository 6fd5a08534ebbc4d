/**
 * Bytes from a WebSocket -> whole MQTT packets, each with its exact bytes. WebSocket messages
 * are not packets: one packet may span several messages and one message may hold several
 * packets (MQTT-6.0.0-2, MQTT-6.0.0-3 of 3.1.1 section 6).
 *
 * Design: the codec's `decode(bytes, offset, { version })`, the function its streaming reader
 * (`feed`) calls for each packet, rather than `feed` itself: it returns each packet's size, and
 * so its exact bytes for the trace and the inspector (as mqtt-from-capture.ts reads captures).
 * Each packet's bytes are then handed to the engine whole, so the engine's own reader sees the
 * same stream, cut at packet boundaries.
 */
import { decode } from '../../mqtt/codec';
import type { ProtocolError } from '../../mqtt/errors';
import type { Packet, ProtocolVersion } from '../../mqtt/types';
import { concatBytes } from '../../mqtt/codec';

export interface WirePacket {
  packet: Packet;
  /** the packet's exact bytes (a copy) */
  bytes: Uint8Array;
}

export interface Split {
  packets: WirePacket[];
  /** the stream is malformed from `rest` on (MQTT-4.8.0-1: close the connection) */
  error?: { error: ProtocolError; rest: Uint8Array };
}

const EMPTY = new Uint8Array(0);

export class PacketSplitter {
  private pending: Uint8Array = EMPTY;
  private broken = false;

  constructor(private readonly version: ProtocolVersion) {}

  /** The whole packets completed by `chunk`, in order; what is left of a packet waits for the next chunk. */
  push(chunk: Uint8Array): Split {
    if (this.broken) return { packets: [] };
    const bytes = this.pending.length === 0 ? chunk : concatBytes(this.pending, chunk);
    const packets: WirePacket[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      const result = decode(bytes, offset, { version: this.version });
      if (result.kind === 'needMore') break;
      if (result.kind === 'malformed') {
        this.broken = true;
        this.pending = EMPTY;
        return { packets, error: { error: result.error, rest: bytes.slice(offset) } };
      }
      packets.push({ packet: result.packet, bytes: bytes.slice(offset, offset + result.size) });
      offset += result.size;
    }
    this.pending = offset === bytes.length ? EMPTY : bytes.slice(offset);
    return { packets };
  }
}

