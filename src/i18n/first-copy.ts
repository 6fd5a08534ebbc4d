/**
 * Did the receiver of a re-sent PUBLISH (DUP = 1) already have the first copy? The receiver
 * cannot know: DUP = 1 says only that the sender may have sent it before (MQTT-3.3.1-1), and
 * "the recipient ... cannot assume that it has seen an earlier copy" (MQTT 3.1.1, 3.3.1.1).
 * The trace knows, looking back, and the narration may say what it knows.
 *
 * Rules this file keeps:
 * - One exchange is one packet id of one sender to one receiver, from the PUBLISH sent with
 *   DUP = 0 to now; a packet id used again after a PUBACK is a new exchange, not a first copy.
 * - "Had it" means a PUBLISH of that exchange reached the receiver before this one did, even
 *   when it was sent after this one left (a slow first copy overtaken by its re-send).
 */
import type { PacketDeliveredEvent, TraceEvent } from '../sim/trace';

/** The PUBLISH this delivery brought, when it was a re-send (DUP = 1); else undefined. */
export function dupPublishDelivered(events: readonly TraceEvent[], delivered: PacketDeliveredEvent): { packetId: number } | undefined {
  if (delivered.type !== 'PUBLISH') return undefined;
  for (let i = delivered.index - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind !== 'packetSent' || e.wireId !== delivered.wireId) continue;
    const p = e.packet;
    return p.type === 'PUBLISH' && p.dup && p.packetId !== undefined ? { packetId: p.packetId } : undefined;
  }
  return undefined;
}

/** Whether a PUBLISH of the same exchange reached `delivered.to` before `delivered` did. */
export function hadFirstCopy(events: readonly TraceEvent[], delivered: PacketDeliveredEvent, packetId: number): boolean {
  const arrived = new Set<number>();
  for (let i = delivered.index - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'packetDelivered' && e.type === 'PUBLISH' && e.from === delivered.from && e.to === delivered.to) arrived.add(e.wireId);
    if (e.kind !== 'packetSent' || e.from !== delivered.from || e.to !== delivered.to) continue;
    if (e.packet.type !== 'PUBLISH' || e.packet.packetId !== packetId) continue;
    if (arrived.has(e.wireId)) return true;
    if (!e.packet.dup) return false; // the exchange's first PUBLISH: nothing earlier belongs to it
  }
  return false;
}
