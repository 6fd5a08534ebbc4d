/**
 * Trace -> Mermaid `sequenceDiagram` text. Pure: the page, the exports and the CLI all use it.
 * Every learner-supplied string goes through escape.ts exactly once.
 */
import type { Trace, TraceEvent, PacketSentEvent } from '../sim/trace';
import { escapeLabel } from './escape';

export interface MermaidOptions {
  lang?: 'en' | 'zh';
}

function alias(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

function packetLabel(e: PacketSentEvent): string {
  const p = e.packet;
  const parts: string[] = [p.type];
  if ('qos' in p && p.type === 'PUBLISH') parts.push(`QoS ${p.qos}`);
  if ('packetId' in p && p.packetId !== undefined) parts.push(`id=${p.packetId}`);
  if (p.type === 'PUBLISH' && p.dup) parts.push('DUP');
  if (p.type === 'PUBLISH') parts.push(escapeLabel(p.topic));
  return parts.join(' ');
}

function line(e: TraceEvent): string | undefined {
  switch (e.kind) {
    case 'packetSent':
      return `  ${alias(e.from)}->>${alias(e.to)}: ${packetLabel(e)}`;
    default:
      return undefined;
  }
}

export function toMermaid(trace: Trace, _options: MermaidOptions = {}): string {
  const out = ['sequenceDiagram', '  autonumber'];
  for (const p of trace.participants) out.push(`  participant ${alias(p.id)} as ${escapeLabel(p.id)}`);
  for (const e of trace.events) {
    const l = line(e);
    if (l) out.push(l);
  }
  return out.join('\n') + '\n';
}
