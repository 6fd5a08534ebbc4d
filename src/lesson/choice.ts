/**
 * What a choice value means, as data for the page to put into words: the page localises, so no
 * prose here. A `nextPacket` choice is a packet (type, direction, DUP), a `deliveries` or
 * `packets` choice a count, a `fate` choice a fate, a `qos` choice a QoS level.
 *
 * Rules this file keeps: pure; the values are the plan's (answers.ts), read back exactly.
 */
import { assertNever } from '../mqtt/errors';
import type { QoS } from '../mqtt/types';
import { FATES, type Fate } from './answers';
import { parseSentPacket, type SentPacket } from './packet-ref';
import type { QuestionKind } from './schema';

export type { Fate, SentPacket };

export type ChoiceMeaning =
  | ({ kind: 'packet' } & SentPacket)
  | { kind: 'count'; count: number }
  | { kind: 'fate'; fate: Fate }
  | { kind: 'qos'; qos: QoS };

/**
 * The meaning of choice `value` of a question of kind `kind`, e.g.
 * `{ kind: 'packet', type: 'PUBLISH', from: 'publisher', to: 'broker', dup: true }`;
 * null for a value that is not a choice of that kind (never one a plan gave).
 */
export function describeChoice(kind: QuestionKind, value: string): ChoiceMeaning | null {
  switch (kind) {
    case 'nextPacket': {
      const p = parseSentPacket(value);
      return p.ok ? { kind: 'packet', ...p.value } : null;
    }
    case 'deliveries': case 'packets':
      return /^(0|[1-9]\d*)$/.test(value) ? { kind: 'count', count: Number(value) } : null;
    case 'fate':
      return (FATES as readonly string[]).includes(value) ? { kind: 'fate', fate: value as Fate } : null;
    case 'qos':
      return value === '0' || value === '1' || value === '2' ? { kind: 'qos', qos: Number(value) as QoS } : null;
    default:
      return assertNever(kind, 'question kind');
  }
}
