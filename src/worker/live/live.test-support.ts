/**
 * Reading a live trace in tests: one line per packet, with what became of it.
 */
import type { Trace } from '../../sim/trace';

/** 'subscriber>broker SUBSCRIBE', 'broker>publisher PUBACK 1 DROPPED(intervention)', 'publisher>broker PUBLISH 1 dup' */
export function wire(trace: Trace, types?: string[]): string[] {
  const dropped = new Map<number, string>();
  for (const e of trace.events) if (e.kind === 'packetDropped') dropped.set(e.wireId, e.cause);
  const lines: string[] = [];
  for (const e of trace.events) {
    if (e.kind !== 'packetSent') continue;
    const p = e.packet;
    if (types && !types.includes(p.type)) continue;
    const id = 'packetId' in p && p.packetId !== undefined ? ` ${p.packetId}` : '';
    const dup = p.type === 'PUBLISH' && p.dup ? ' dup' : '';
    const resend = p.type === 'PUBREL' && e.retransmission ? ' again' : '';
    const cause = dropped.get(e.wireId);
    lines.push(`${e.from}>${e.to} ${p.type}${id}${dup}${resend}${cause ? ` DROPPED(${cause})` : ''}`);
  }
  return lines;
}

/** Every event in a line: packets as above, the rest by kind and client. */
export function story(trace: Trace): string[] {
  return trace.events.flatMap((e) => {
    switch (e.kind) {
      case 'packetSent': return [];
      case 'packetDelivered': return [];
      case 'packetDropped': return [`dropped ${e.type} ${e.from}>${e.to} (${e.cause})`];
      case 'connectionLost': return [`lost ${e.client} (${e.cause})`];
      case 'connectionRestored': return [`restored ${e.client} session=${e.sessionPresent}`];
      case 'appPublish': return [`publish #${e.publicationNo}`];
      case 'appDeliver': return [`deliver #${e.publicationNo} x${e.deliveryNo}`];
      default: return [];
    }
  });
}

/** Strictly increasing indexes and non-decreasing times: the trace is well formed. */
export function wellFormed(trace: Trace): boolean {
  return trace.events.every((e, i) => e.index === i && (i === 0 || e.tMs >= trace.events[i - 1].tMs));
}
