/**
 * `--capture FILE`: a pcap or pcapng capture read into a run the scenario CLI prints like any
 * other (src/capture reads it; nothing is simulated). Its participants are the client ids and
 * `broker`; a file the lab cannot show is one sentence.
 */
import type { CaptureSummary } from '../capture/capture-to-trace';
import { captureRun, type CapturedRun } from '../capture/captured-run';

/** A capture as the formats print it: a fixed trace, its outcome and what the file held. */
export type CaptureShown = CapturedRun;

/** The capture's bytes as a run, or the reader's one sentence. Never throws. */
export const captureShown = captureRun;

const VERSION: Record<number, string> = { 3: '3.1', 4: '3.1.1', 5: '5.0' };

/** What the file held, for `--format summary`: one line each, warnings last. */
export function captureSummaryLines(c: CaptureSummary): string[] {
  const versions = c.versions.map((v) => `MQTT ${VERSION[v] ?? v}`).join(', ');
  return [
    `capture: ${c.format}, ${c.frames} frame(s), ${c.tcpConnections} TCP connection(s), ${c.mqttConnections} MQTT connection(s) (${versions}), ${c.packets} MQTT packet(s)${c.startedAt ? `, from ${c.startedAt}` : ''}`,
    `clients: ${c.connections.map((k) => `${JSON.stringify(k.participant)} ${k.client} > ${k.server}`).join(', ')}`,
    ...c.warnings.map((w) => `warning: ${w}`),
  ];
}
