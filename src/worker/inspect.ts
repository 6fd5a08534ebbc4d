/**
 * What the packet inspector needs on the main thread: the codec's annotations of one packet's
 * bytes (a Wireshark-style dissection) and a lossy text preview of a payload. The UI imports
 * from src/worker only; this re-export is its door to the codec.
 *
 * The bytes of a packet are read in the version of its connection (MQTT 5.0 added properties and
 * reason codes to the same packet types): `annotateSent` finds it in the CONNECT that opened the
 * client's connection, in a simulated run and an imported capture alike.
 */
import { annotate } from '../mqtt/codec';
import type { ProtocolVersion } from '../mqtt/types';
import type { PacketSentEvent, Trace } from '../sim/trace';

export { annotate, payloadText } from '../mqtt/codec';
export type { Annotation, FieldKey } from '../mqtt/codec';

/** The protocol level of the last CONNECT of `event`'s client before it: 5 or, by default, 4 (3.1.1). */
export function versionOfSent(trace: Pick<Trace, 'events'> | null, event: PacketSentEvent): ProtocolVersion {
  if (event.packet.type === 'CONNECT') return event.packet.protocolLevel === 5 ? 5 : 4;
  const client = event.from === 'broker' ? event.to : event.from;
  const events = trace?.events ?? [];
  for (let i = Math.min(event.index, events.length) - 1; i >= 0; i--) {
    const e = events[i];
    if (e.kind === 'packetSent' && e.packet.type === 'CONNECT' && e.from === client) return e.packet.protocolLevel === 5 ? 5 : 4;
  }
  return 4;
}

/** The dissection of a sent packet, in its connection's version. */
export function annotateSent(trace: Pick<Trace, 'events'> | null, event: PacketSentEvent): ReturnType<typeof annotate> {
  return annotate(event.bytes, { version: versionOfSent(trace, event) });
}
