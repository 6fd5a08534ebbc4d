/**
 * The pcapng block writer: a Section Header Block, one Interface Description Block per
 * interface, then one Enhanced Packet Block per frame, as Wireshark, tshark and libpcap read
 * them (IETF draft-ietf-opsawg-pcapng, "PCAP Now Generic").
 *
 * Rules this file keeps:
 * - Little-endian throughout; the SHB's byte-order magic 0x1A2B3C4D says so to the reader.
 * - Every block is framed by its total length, written at its start and again at its end, and
 *   is a multiple of 4 bytes: packet data and option values are zero-padded to 4.
 * - Options are (code u16, length u16, value, padding); a list ends with opt_endofopt (0, 0).
 *   Text options are UTF-8, not NUL-terminated.
 * - Pure: bytes in, bytes out; no Node APIs (the page writes captures too).
 *
 * Block layout (each field little-endian, offsets in bytes):
 *
 *   SHB  0 type 0x0A0D0D0A | 4 total length | 8 magic 0x1A2B3C4D | 12 major 1 | 14 minor 0
 *        16 section length -1 (u64: not given) | 24 options | total length
 *   IDB  0 type 1 | 4 total length | 8 link type u16 | 10 reserved | 12 snap length u32
 *        16 options | total length
 *   EPB  0 type 6 | 4 total length | 8 interface id | 12 timestamp high | 16 timestamp low
 *        20 captured length | 24 original length | 28 packet data, padded | options | total length
 */
import { concatBytes } from '../mqtt/codec';

export const BLOCK_SHB = 0x0a0d0d0a;
export const BLOCK_IDB = 0x00000001;
export const BLOCK_EPB = 0x00000006;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Option codes used here. */
export const OPT_ENDOFOPT = 0;
export const OPT_COMMENT = 1;
export const SHB_HARDWARE = 2;
export const SHB_OS = 3;
export const SHB_USERAPPL = 4;
export const IF_NAME = 2;
export const IF_DESCRIPTION = 3;
export const IF_TSRESOL = 9;

/** LINKTYPE_ETHERNET: what Wireshark and every other reader of captures understands. */
export const LINKTYPE_ETHERNET = 1;

export interface SectionHeader {
  /** shb_comment: what the file is and how it was made */
  comment?: string;
  /** shb_hardware, shb_os, shb_userappl */
  hardware?: string;
  os?: string;
  userAppl?: string;
}

export interface InterfaceDescription {
  linkType: number;
  /** largest frame kept; 0: no limit */
  snapLength?: number;
  name?: string;
  description?: string;
  /** if_tsresol: timestamps count 10^-tsResolution seconds (6, microseconds, is pcapng's default) */
  tsResolution?: number;
}

export interface PacketRecord {
  interfaceId: number;
  /** timestamp in units of the interface's resolution, since 1970-01-01 UTC */
  timestamp: bigint;
  data: Uint8Array;
  /** opt_comment: Wireshark shows it as the frame's comment (pkt_comment) */
  comment?: string;
}

const utf8 = new TextEncoder();

const pad4 = (n: number) => (n + 3) & ~3;

type Option = [code: number, value: Uint8Array];

const textOption = (code: number, text: string | undefined): Option[] => (text === undefined ? [] : [[code, utf8.encode(text)]]);

/** Length of an option list with its terminator; 0 when there are no options (the list may be left out). */
function optionsLength(options: Option[]): number {
  return options.length === 0 ? 0 : options.reduce((n, [, v]) => n + 4 + pad4(v.length), 4);
}

function writeOptions(view: DataView, bytes: Uint8Array, at: number, options: Option[]): number {
  if (options.length === 0) return at;
  for (const [code, value] of options) {
    view.setUint16(at, code, true);
    view.setUint16(at + 2, value.length, true);
    bytes.set(value, at + 4);
    at += 4 + pad4(value.length);
  }
  view.setUint32(at, OPT_ENDOFOPT, true); // code 0, length 0
  return at + 4;
}

/** A block of `type` whose body (after type and length, before the trailing length) is `bodyLength` bytes. */
function block(type: number, bodyLength: number, fill: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const total = 12 + bodyLength;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  fill(view, bytes);
  view.setUint32(total - 4, total, true);
  return bytes;
}

export function sectionHeaderBlock(header: SectionHeader): Uint8Array {
  const options = [...textOption(OPT_COMMENT, header.comment), ...textOption(SHB_HARDWARE, header.hardware),
    ...textOption(SHB_OS, header.os), ...textOption(SHB_USERAPPL, header.userAppl)];
  return block(BLOCK_SHB, 16 + optionsLength(options), (view, bytes) => {
    view.setUint32(8, BYTE_ORDER_MAGIC, true);
    view.setUint16(12, 1, true);
    view.setUint16(14, 0, true);
    view.setBigInt64(16, -1n, true); // section length not given: readers walk the blocks
    writeOptions(view, bytes, 24, options);
  });
}

export function interfaceDescriptionBlock(idb: InterfaceDescription): Uint8Array {
  const options = [...textOption(IF_NAME, idb.name), ...textOption(IF_DESCRIPTION, idb.description),
    ...(idb.tsResolution === undefined ? [] : [[IF_TSRESOL, Uint8Array.of(idb.tsResolution)] as Option])];
  return block(BLOCK_IDB, 8 + optionsLength(options), (view, bytes) => {
    view.setUint16(8, idb.linkType, true);
    view.setUint16(10, 0, true);
    view.setUint32(12, idb.snapLength ?? 0, true);
    writeOptions(view, bytes, 16, options);
  });
}

export function enhancedPacketBlock(packet: PacketRecord): Uint8Array {
  const options = textOption(OPT_COMMENT, packet.comment);
  const { data } = packet;
  return block(BLOCK_EPB, 20 + pad4(data.length) + optionsLength(options), (view, bytes) => {
    view.setUint32(8, packet.interfaceId, true);
    view.setUint32(12, Number(packet.timestamp >> 32n), true);
    view.setUint32(16, Number(packet.timestamp & 0xffffffffn), true);
    view.setUint32(20, data.length, true); // captured length
    view.setUint32(24, data.length, true); // original length: nothing is cut
    bytes.set(data, 28);
    writeOptions(view, bytes, 28 + pad4(data.length), options);
  });
}

/** One section: its header, its interfaces (ids 0, 1, ... in order), its packets. */
export function writePcapng(header: SectionHeader, interfaces: InterfaceDescription[], packets: Iterable<PacketRecord>): Uint8Array<ArrayBuffer> {
  const blocks = [sectionHeaderBlock(header), ...interfaces.map(interfaceDescriptionBlock)];
  for (const p of packets) blocks.push(enhancedPacketBlock(p));
  return concatBytes(...blocks);
}
