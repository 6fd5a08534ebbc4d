/**
 * A run as a pcapng file that Wireshark and tshark open: the frames of from-trace.ts on one
 * Ethernet interface, in a section whose header comment says where they were "captured".
 *
 * Rules this file keeps:
 * - Deterministic: the same trace and origin give the same bytes. Time is the virtual clock,
 *   counted from a fixed epoch (CAPTURE_EPOCH_MS stands for virtual 0 ms), in microseconds.
 * - Honest: the section header comment says that the lab simulated the run (or, for a capture
 *   written out again, that its packets are real and its frames the lab's), on which scenario,
 *   how time and addresses were chosen and how the lab's loss model shows in the frames.
 * - Pure: no Node APIs; the page imports this module when "Download pcapng" is pressed.
 * Design: Ethernet (made-up MACs) rather than raw IP: every reader of captures knows it, and
 *   it is what a capture on a real interface holds.
 */
import type { Trace } from '../sim/trace';
import { writePcapng, LINKTYPE_ETHERNET, type PacketRecord } from './pcapng';
import { encodeTcpFrame } from './tcp-frame';
import type { TimedSegment } from './tcp-stack';
import { BROKER_IP, clientAddresses, MQTT_PORT, segmentsFromTrace } from './from-trace';

/** Virtual 0 ms: 2025-01-01 00:00:00 UTC. */
export const CAPTURE_EPOCH_MS = Date.UTC(2025, 0, 1);

/** What the section header says of the run's scenario (each part when known). */
export interface CaptureOrigin {
  preset?: string;
  seed?: number;
  /** link loss rate, 0..1 */
  loss?: number;
  retryMode?: string;
  /** Set when the trace came from a capture (its file name, or how it was read): nothing was simulated. */
  importedFrom?: string;
}

/** The origin of a scenario, read defensively (the page has it as JSON). */
export function captureOrigin(scenario: unknown): CaptureOrigin {
  const s = (typeof scenario === 'object' && scenario !== null ? scenario : {}) as Record<string, unknown>;
  const link = (typeof s.link === 'object' && s.link !== null ? s.link : {}) as Record<string, unknown>;
  return {
    ...(typeof s.preset === 'string' && { preset: s.preset }),
    ...(typeof s.seed === 'number' && { seed: s.seed }),
    ...(typeof link.loss === 'number' && { loss: link.loss }),
    ...(typeof s.retryMode === 'string' && { retryMode: s.retryMode }),
  };
}

const ip = (a: readonly number[]) => a.join('.');

/** What the section header says of a capture written out again: the packets are real, the frames around them the lab's. */
function importedComment(trace: Trace, from: string): string {
  const clients = [...clientAddresses(trace)].map(([id, a]) => `${id} ${ip(a)}`).join(', ');
  return [
    `Written by MQTT QoS Lab from a capture (${from}): the MQTT packets and their order are as the capture showed them; the frames around them are the lab's.`,
    `Addresses: broker ${ip(BROKER_IP)} port ${MQTT_PORT}; ${clients}: the capture's own addresses, ports and TCP segmentation are not kept. Each MQTT connection is its own TCP stream.`,
    `Time: milliseconds from the capture's first frame, counted from ${new Date(CAPTURE_EPOCH_MS).toISOString()}.`,
    'A connection the capture showed ending without DISCONNECT ends with a RST here.',
  ].join('\n');
}

function sectionComment(trace: Trace, origin: CaptureOrigin): string {
  if (origin.importedFrom !== undefined) return importedComment(trace, origin.importedFrom);
  const scenario = [
    origin.preset ? `preset ${origin.preset}` : 'a scenario of its own (no preset)',
    origin.seed !== undefined && `seed ${origin.seed}`,
    origin.loss !== undefined && `loss ${Math.round(origin.loss * 1000) / 10} %`,
  ].filter(Boolean).join(', ');
  const clients = [...clientAddresses(trace)].map(([id, a]) => `${id} ${ip(a)}`).join(', ');
  const retry = origin.retryMode === 'retryOnTimeout';
  return [
    'Simulated by MQTT QoS Lab, virtual clock: not traffic seen on a network, but the frames that real TCP/IP stacks would have sent for the lab\'s run.',
    `Scenario: ${scenario}.`,
    `Addresses: broker ${ip(BROKER_IP)} port ${MQTT_PORT}; ${clients}. Each MQTT connection is its own TCP stream; a reconnect comes from a new port. MAC addresses are made up.`,
    `Time: virtual milliseconds from ${new Date(CAPTURE_EPOCH_MS).toISOString()} (virtual 0 ms). Each frame carries the time its sender sent it, as if captured at each sender. ` +
      'The lab opens a connection at once, so a handshake has the time of its CONNECT.',
    'Loss: in the lab a drop breaks the connection with the packet in flight (TCP loses nothing while a connection lives). ' +
      'The dropped segment is here, with the comment "dropped by the lab", and is never acknowledged; packets lost with it say "lost with its connection"; ' +
      'a RST ends the connection where its client learned that it broke, and the client reconnects on a new stream.' +
      (retry ? ' This run used "retry on timeout" (MQTT 3.1): there a drop leaves the connection up, which TCP cannot do; such frames say so.' : ''),
    'Connections still open when the run ended stay open: the capture ends there.',
  ].join('\n');
}

/** The run's trace as a pcapng file. */
export function toPcapng(trace: Trace, origin: CaptureOrigin = {}): Uint8Array<ArrayBuffer> {
  const segments = segmentsFromTrace(trace);
  const numbers = new Map<TimedSegment, number>(segments.map((s, i) => [s, i + 1]));
  const frameNo = (s: TimedSegment) => numbers.get(s) ?? 0;
  const packets = segments.map((s): PacketRecord => ({
    interfaceId: 0,
    timestamp: BigInt(CAPTURE_EPOCH_MS) * 1000n + BigInt(Math.round(s.tMs * 1000)),
    data: encodeTcpFrame(s.segment),
    ...(s.comment !== undefined && { comment: typeof s.comment === 'string' ? s.comment : s.comment(frameNo) }),
  }));
  return writePcapng(
    { comment: sectionComment(trace, origin), hardware: origin.importedFrom === undefined ? 'none: a simulated link' : 'none: rebuilt from a capture', userAppl: 'MQTT QoS Lab' },
    [{ linkType: LINKTYPE_ETHERNET, snapLength: 262144, name: 'lab0', tsResolution: 6,
      description: origin.importedFrom === undefined ? "MQTT QoS Lab's simulated link (virtual clock)" : `MQTT QoS Lab, from a capture (${origin.importedFrom})` }],
    packets,
  );
}
