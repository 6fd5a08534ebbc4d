/**
 * The two ways a lesson names a packet, and finding them in a trace.
 *
 * - PACKET (a stop, a reveal, a `qos` question's packet): the CLI's drop notation, `TYPE`,
 *   `TYPE#N`, `TYPE@from>to`, `TYPE#N@from>to`, parsed by the same `parseDropRule`, so a
 *   lesson and `--drop` read one notation. `#N` counts packetSent events of that type (in that
 *   direction when given), re-sends included.
 * - A packet as a `nextPacket` choice: `TYPE@from>to`, with ` DUP` after a re-sent PUBLISH
 *   (DUP=1): what the diagram shows on the arrow, written as a learner would pick it.
 *
 * Rules this file keeps: pure functions of their arguments; a bad notation is one phrase
 * naming the value, never an exception.
 */
import { parseDropRule, formatDropRule } from '../sim/drop-rule';
import type { DropRule, Parsed } from '../sim/scenario';
import type { PacketType } from '../mqtt/types';
import type { PacketSentEvent, Trace } from '../sim/trace';

const SHAPE = /^[A-Z]+(?:#\d+)?(?:@[a-z0-9]+>[a-z0-9]+)?$/;
const TYPES: readonly PacketType[] = ['CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE',
  'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT'];

/** A packet named in PACKET notation; `nth` is 1 when not written. */
export type PacketRef = DropRule;

/** Parse PACKET notation (the CLI's drop notation). */
export function parsePacketRef(spec: string): Parsed<PacketRef> {
  if (!SHAPE.test(spec)) {
    return { ok: false, error: `"${spec}" is not TYPE, TYPE#N, TYPE@from>to or TYPE#N@from>to (e.g. PUBACK#2@broker>publisher)` };
  }
  const type = spec.split(/[#@]/)[0];
  if (!(TYPES as readonly string[]).includes(type)) return { ok: false, error: `"${spec}": ${type} is not a packet type (${TYPES.join(', ')})` };
  const nth = /#(\d+)/.exec(spec)?.[1];
  if (nth !== undefined && (Number(nth) < 1 || Number(nth) > 1_000_000)) return { ok: false, error: `"${spec}": #N counts from 1 to 1,000,000` };
  const r = parseDropRule(spec);
  // The shape and the type are fine, so what is left to refuse is a count or a participant name.
  if (!r.ok) return { ok: false, error: `"${spec}": ${r.error.replace(/^drop spec "[^"]*": /, '')}` };
  return r;
}

export const formatPacketRef: (ref: PacketRef) => string = formatDropRule;

/** A packet as a `nextPacket` choice shows it: its type, its direction, DUP on a re-sent PUBLISH. */
export interface SentPacket {
  type: PacketType;
  from: string;
  to: string;
  dup: boolean;
}

/** Parse a `nextPacket` choice: `TYPE@from>to`, then ` DUP` for a re-sent PUBLISH. */
export function parseSentPacket(choice: string): Parsed<SentPacket> {
  const m = /^(\S+?)( DUP)?$/.exec(choice);
  const ref = m && /@/.test(m[1]) && !/#/.test(m[1]) ? parsePacketRef(m[1]) : null;
  if (!m || !ref) return { ok: false, error: `"${choice}" is not TYPE@from>to, with " DUP" after a re-sent PUBLISH (e.g. PUBLISH@publisher>broker DUP)` };
  if (!ref.ok) return ref;
  const dup = m[2] !== undefined;
  if (dup && ref.value.type !== 'PUBLISH') return { ok: false, error: `"${choice}": only a PUBLISH is re-sent with DUP` };
  return { ok: true, value: { type: ref.value.type, from: ref.value.from!, to: ref.value.to!, dup } };
}

/** A sent packet written as a `nextPacket` choice. */
export function formatSentPacket(e: PacketSentEvent): string {
  const dup = e.packet.type === 'PUBLISH' && e.packet.dup;
  return `${e.packet.type}@${e.from}>${e.to}${dup ? ' DUP' : ''}`;
}

/** The packetSent events of a trace, with their indices. */
export function sentPackets(trace: Trace): PacketSentEvent[] {
  return trace.events.filter((e): e is PacketSentEvent => e.kind === 'packetSent');
}

/**
 * The packetSent event that `ref` names, or why there is none: `the run sends only 1 PUBACK,
 * so there is no PUBACK#2`.
 */
export function findSent(trace: Trace, ref: PacketRef): Parsed<PacketSentEvent> {
  const matching = sentPackets(trace).filter((e) => e.packet.type === ref.type
    && (ref.from === undefined || e.from === ref.from) && (ref.to === undefined || e.to === ref.to));
  if (ref.nth <= matching.length) return { ok: true, value: matching[ref.nth - 1] };
  const kind = formatPacketRef({ ...ref, nth: 1 });
  if (matching.length === 0) return { ok: false, error: `the run sends no ${kind}` };
  return { ok: false, error: `the run sends only ${matching.length} ${kind}, so there is no ${formatPacketRef(ref)}` };
}
