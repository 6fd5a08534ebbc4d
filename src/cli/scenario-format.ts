/**
 * The scenario CLI's outputs. `json` is a contract (DESIGN.md): one object with `outcome`
 * {published, delivered, duplicates, lost, guaranteeHeld, promise, settled} and `packets`
 * [{t, from, to, type, qos?, packetId?, dup?, dropped}] (at most JSON_LIST_LIMIT, `truncated` more).
 * `pcapng` is the run as a capture (src/capture), bytes rather than text.
 */
import type { LabRun } from '../sim/lab';
import { mqttVersionOf } from '../sim/scenario';
import type { Outcome, Promise } from '../sim/outcome-types';
import type { Format } from './scenario-args';
import { toMermaid } from '../diagram/to-mermaid';
import { toMarkdown } from '../diagram/to-markdown';
import type { Lang } from '../i18n';
import { captureOrigin, toPcapng } from '../capture/to-pcapng';
import { captureSummaryLines, type CaptureShown } from './scenario-capture';

/** What the formats print: a scenario's run, or a capture shown as one (`--capture`). */
export type ShownRun = LabRun | CaptureShown;

const isCapture = (run: ShownRun): run is CaptureShown => 'capture' in run;

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

export function jsonPackets(run: Pick<ShownRun, 'trace'>): JsonPacket[] {
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

const PROMISE: Record<Promise, string> = {
  exactlyOnce: 'exactly once',
  atLeastOnce: 'at least once (may duplicate)',
  atMostOnce: 'at most once (may lose)',
  none: 'none: a hop at QoS 0 may lose it and a hop at QoS 1 may duplicate it',
};

function verdict(o: Outcome): string {
  if (o.guaranteeHeld === null) {
    if (!o.settled) return 'not judged: the run did not finish';
    return o.messages === 0 ? 'not judged: nothing was published'
      : `not judged: no subscriber was owed ${o.messages === 1 ? 'the message' : `any of the ${o.messages} messages`} published`;
  }
  if (o.pairs.every((p) => p.promise === 'none')) return 'nothing was promised';
  return o.guaranteeHeld ? 'yes' : 'no';
}

/** The run's promise, and each pair's where they differ (mixed QoS). */
function promiseLine(o: Outcome): string {
  const counts = new Map<Promise, number>();
  for (const p of o.pairs) if (p.grantedQos !== null) counts.set(p.promise, (counts.get(p.promise) ?? 0) + 1);
  if (counts.size <= 1) return `promise: ${PROMISE[o.promise]}`;
  return `promise: ${PROMISE[o.promise]}; per pair: ${[...counts].map(([p, n]) => `${PROMISE[p].split(/[ :(]+(?=may|a hop)/)[0].trim()} ${n}`).join(', ')}`;
}

/** The outcome's lines, shared by a scenario's summary and a capture's. */
function outcomeLines(o: Outcome): string[] {
  const lines = [
    `outcome: published ${o.published}, delivered ${o.delivered}, duplicates ${o.duplicates}, lost ${o.lost}${o.willDeliveries ? `; will messages delivered ${o.willDeliveries}` : ''}`,
    promiseLine(o),
    `guarantee held: ${verdict(o)}`,
  ];
  const reasons = new Map<string, number>();
  for (const p of o.pairs) if (p.lostReason) reasons.set(p.lostReason, (reasons.get(p.lostReason) ?? 0) + 1);
  if (reasons.size) lines.push(`lost because: ${[...reasons].map(([r, n]) => `${r} (${n})`).join(', ')}`);
  return lines;
}

/** A capture's summary: what the file held (and its warnings), the packets, the outcome. */
function captureSummary(run: CaptureShown): string {
  const o = run.outcome;
  const resent = run.trace.events.filter((e) => e.kind === 'packetSent' && e.retransmission).length;
  return [
    ...captureSummaryLines(run.capture),
    `packets: ${o.packets} on the wire, ${resent} re-sent, ${o.packetsPerMessage.toFixed(1)} QoS packets per message`,
    ...outcomeLines(o),
  ].join('\n') + '\n';
}

function summary(run: LabRun): string {
  const o = run.outcome;
  const sc = run.scenario;
  const dropped = run.packetsDropped;
  const windows = [...new Set([...sc.publishers, ...sc.subscribers].map((c) => c.maxInflight))].join('/');
  const lines = [
    `scenario: ${sc.preset ?? 'custom'}; publisher QoS ${sc.publishers.map((p) => p.qos).join('/')}, subscriber QoS ${sc.subscribers.map((s) => s.qos).join('/')}, ${o.messages} message(s), max in flight ${windows}, seed ${sc.seed}${mqttVersionOf(sc) === '5' ? ', MQTT 5.0' : ''}`,
    `packets: ${o.packets} sent, ${dropped} dropped, ${o.packetsPerMessage.toFixed(1)} QoS packets per message`,
    ...outcomeLines(o),
  ];
  if (!run.settled) {
    const p = run.unsettled ?? {};
    lines.push(`unfinished: stopped after ${p.steps} steps without settling; ${p.published} of ${p.total} messages published, ` +
      `connections broke ${p.breaks} times at ${p.lossPercent} % loss with max in flight ${p.maxInflight}. No guarantee is claimed.`);
  }
  return lines.join('\n') + '\n';
}

/**
 * At most this many packets (and pairs) in `--format json`: a long lossy run has hundreds of
 * thousands, and the JSON of every one of them would be tens of megabytes. Those left out are
 * counted (`truncated`, `outcome.pairsTruncated`); the totals always cover the whole run.
 */
export const JSON_LIST_LIMIT = 5000;

function json(run: ShownRun): string {
  const packets = jsonPackets(run);
  const o = run.outcome;
  // Pairs that went wrong first, so that a cut list still shows what matters.
  const pairs = o.pairs.length <= JSON_LIST_LIMIT ? o.pairs
    : [...o.pairs.filter((p) => !p.held || p.deliveries !== 1), ...o.pairs.filter((p) => p.held && p.deliveries === 1)].slice(0, JSON_LIST_LIMIT);
  const outcome = { ...o, pairs, pairsTruncated: o.pairs.length - pairs.length };
  // A capture has no scenario: what the file held stands in its place.
  return JSON.stringify({
    ...(isCapture(run) ? { capture: run.capture } : { scenario: { ...run.scenario, mqttVersion: mqttVersionOf(run.scenario) } }), settled: run.settled, outcome,
    packets: packets.slice(0, JSON_LIST_LIMIT), truncated: Math.max(0, packets.length - JSON_LIST_LIMIT),
  }, null, 2) + '\n';
}

export function formatRun(run: ShownRun, format: Format, lang: Lang): string | Uint8Array {
  switch (format) {
    case 'mermaid':
      return toMermaid(run.trace, { lang });
    case 'markdown':
      return toMarkdown(run.trace, { lang });
    case 'json':
      return json(run);
    case 'summary':
      return isCapture(run) ? captureSummary(run) : summary(run);
    case 'pcapng':
      // A capture is written again as the lab writes any trace: its MQTT packets, in new TCP frames.
      return toPcapng(run.trace, isCapture(run) ? { importedFrom: `a ${run.capture.format} file` } : captureOrigin(run.scenario));
  }
}
