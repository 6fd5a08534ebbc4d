/**
 * The scenario CLI's outputs. `json` is a contract (DESIGN.md): one object with `outcome`
 * {published, delivered, duplicates, lost, guaranteeHeld} and `packets`
 * [{t, from, to, type, qos?, packetId?, dup?, dropped}].
 */
import type { LabRun } from '../sim/lab';
import type { Format } from './scenario-args';
import { toMermaid } from '../diagram/to-mermaid';
import { toMarkdown } from '../diagram/to-markdown';

export interface JsonPacket {
  t: number;
  from: string;
  to: string;
  type: string;
  qos?: number;
  packetId?: number;
  dup?: boolean;
  retain?: boolean;
  topic?: string;
  dropped: boolean;
  dropCause?: string;
  bytes: string;
}

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

export function jsonPackets(run: LabRun): JsonPacket[] {
  const dropped = new Map<number, string>();
  for (const e of run.trace.events) if (e.kind === 'packetDropped') dropped.set(e.wireId, e.cause);
  const packets: JsonPacket[] = [];
  for (const e of run.trace.events) {
    if (e.kind !== 'packetSent') continue;
    const p = e.packet;
    const row: JsonPacket = { t: e.tMs, from: e.from, to: e.to, type: p.type, dropped: dropped.has(e.wireId), bytes: hex(e.bytes) };
    if (p.type === 'PUBLISH') Object.assign(row, { qos: p.qos, dup: p.dup, retain: p.retain, topic: p.topic });
    if ('packetId' in p && p.packetId !== undefined) row.packetId = p.packetId;
    if (dropped.has(e.wireId)) row.dropCause = dropped.get(e.wireId);
    packets.push(row);
  }
  return packets;
}

function summary(run: LabRun): string {
  const o = run.outcome;
  const sc = run.scenario;
  const dropped = run.trace.events.filter((e) => e.kind === 'packetDropped').length;
  const promise = ['at most once', 'at least once', 'exactly once'];
  const lines = [
    `scenario: ${sc.preset ?? 'custom'}; publisher QoS ${sc.publishers.map((p) => p.qos).join('/')}, subscriber QoS ${sc.subscribers.map((s) => s.qos).join('/')}, ${o.messages} message(s), seed ${sc.seed}`,
    `packets: ${o.packets} sent, ${dropped} dropped, ${o.packetsPerMessage.toFixed(1)} QoS packets per message`,
    `outcome: published ${o.published}, delivered ${o.delivered}, duplicates ${o.duplicates}, lost ${o.lost}`,
    `guarantee held: ${o.guaranteeHeld ? 'yes' : 'no'}${o.pairs.length ? ` (effective QoS ${[...new Set(o.pairs.map((p) => p.effectiveQos))].join('/')}: ${[...new Set(o.pairs.map((p) => promise[p.effectiveQos]))].join(', ')})` : ''}`,
  ];
  const reasons = [...new Set(o.pairs.flatMap((p) => (p.lostReason ? [p.lostReason] : [])))];
  if (reasons.length) lines.push(`lost because: ${reasons.join(', ')}`);
  if (!run.settled) lines.push('warning: the run did not settle within its bound');
  return lines.join('\n') + '\n';
}

export function formatRun(run: LabRun, format: Format, lang: 'en' | 'zh'): string {
  switch (format) {
    case 'mermaid':
      return toMermaid(run.trace, { lang });
    case 'markdown':
      return toMarkdown(run.trace, { lang });
    case 'json':
      return JSON.stringify({ scenario: run.scenario, settled: run.settled, outcome: run.outcome, packets: jsonPackets(run) }, null, 2) + '\n';
    case 'summary':
      return summary(run);
  }
}
