/**
 * A small pcapng reader for the capture's tests: blocks with their options, and the frames of
 * Enhanced Packet Blocks cut into Ethernet, IPv4 and TCP fields. It checks the framing that
 * every reader relies on (lengths at both ends, 4-byte multiples) and throws when it is broken.
 */
import type { CapturedSegment } from './ip-tcp';

export interface Block {
  type: number;
  offset: number;
  length: number;
  body: DataView;
  options: Map<number, Uint8Array[]>;
}

/** A frame of the file, with its TCP segment's fields as the capture reader names them. */
export interface Frame extends Pick<CapturedSegment, 'src' | 'dst' | 'srcPort' | 'dstPort' | 'seq' | 'ack' | 'flags' | 'payload'> {
  timestamp: bigint;
  data: Uint8Array;
  comment?: string;
}

const text = new TextDecoder();

function readOptions(view: DataView, at: number, end: number): Map<number, Uint8Array[]> {
  const options = new Map<number, Uint8Array[]>();
  while (at + 4 <= end) {
    const code = view.getUint16(at, true);
    const length = view.getUint16(at + 2, true);
    if (code === 0) break;
    const value = new Uint8Array(view.buffer, view.byteOffset + at + 4, length);
    options.set(code, [...(options.get(code) ?? []), value]);
    at += 4 + ((length + 3) & ~3);
  }
  return options;
}

/** Where each block type's options start, after its fixed fields (from the start of the block). */
function optionsStart(type: number, view: DataView, offset: number): number {
  if (type === 0x0a0d0d0a) return 24;
  if (type === 1) return 16;
  if (type === 6) return 28 + ((view.getUint32(offset + 20, true) + 3) & ~3);
  return Infinity;
}

export function readBlocks(file: Uint8Array): Block[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const blocks: Block[] = [];
  for (let offset = 0; offset < file.length;) {
    const type = view.getUint32(offset, true);
    const length = view.getUint32(offset + 4, true);
    if (length % 4 !== 0 || length < 12 || offset + length > file.length) throw new Error(`block at ${offset}: bad length ${length}`);
    if (view.getUint32(offset + length - 4, true) !== length) throw new Error(`block at ${offset}: trailing length differs`);
    const start = optionsStart(type, view, offset);
    blocks.push({ type, offset, length, body: new DataView(file.buffer, file.byteOffset + offset, length),
      options: start < length - 4 ? readOptions(view, offset + start, offset + length - 4) : new Map() });
    offset += length;
  }
  return blocks;
}

export function optionText(block: Block, code: number): string | undefined {
  const value = block.options.get(code)?.[0];
  return value && text.decode(value);
}

const ipText = (b: Uint8Array, at: number) => Array.from(b.subarray(at, at + 4)).join('.');

export function readFrames(file: Uint8Array): Frame[] {
  return readBlocks(file).filter((b) => b.type === 6).map((b) => {
    const v = b.body;
    const length = v.getUint32(20, true);
    const data = new Uint8Array(v.buffer, v.byteOffset + 28, length);
    const d = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const tcp = 14 + (data[14] & 0x0f) * 4;
    const headerLength = (data[tcp + 12] >> 4) * 4;
    return {
      timestamp: (BigInt(v.getUint32(12, true)) << 32n) | BigInt(v.getUint32(16, true)), data, comment: optionText(b, 1),
      src: ipText(data, 26), dst: ipText(data, 30), srcPort: d.getUint16(tcp), dstPort: d.getUint16(tcp + 2),
      seq: d.getUint32(tcp + 4), ack: d.getUint32(tcp + 8), flags: data[tcp + 13], payload: data.subarray(tcp + headerLength),
    };
  });
}
