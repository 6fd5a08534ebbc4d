/**
 * The frame comments of a capture: where the lab did something a network would show
 * differently, the frame says so in words (Wireshark shows them as packet comments, and
 * `tshark -Y frame.comment` finds them). English only, like the capture's other text.
 *
 * Rules this file keeps:
 * - Every packet the lab dropped says "dropped by the lab"; every packet lost because its
 *   connection broke says "lost with its connection"; a RST says which drop or fault broke the
 *   connection, by frame number, and who learned of it.
 * - Words only: which frame gets which comment is from-trace.ts's business.
 */
import type { ConnectionLossCause, DropCause } from '../sim/trace';

const DROP_WORDS: Record<DropCause, string> = {
  rule: "the scenario's drop rule", loss: "the link's loss rate", intervention: 'a drop the learner asked for', connectionBroken: 'its connection broke',
};

const LOSS_WORDS: Record<ConnectionLossCause, string> = {
  drop: 'a dropped packet', reset: 'a reset', keepAlive: 'its keep-alive timed out', protocolError: 'a protocol error',
  takeover: 'a new connection of the same client id took over', offline: 'the client went offline', brokerRestart: 'the broker restarted',
};

/** What happened to a packet the trace shows as dropped; `breaks`: the drop broke its connection (not in retry-on-timeout mode). */
export function dropNote(type: string, cause: DropCause, breaks: boolean): string {
  if (cause === 'connectionBroken') return `lost with its connection: the lab broke the connection before this ${type} arrived`;
  if (breaks) return `dropped by the lab (${DROP_WORDS[cause]}): the connection broke with this ${type} in flight; it never arrived and is never acknowledged`;
  return `dropped by the lab (${DROP_WORDS[cause]}) in "retry on timeout" mode (MQTT 3.1): this ${type} vanished and the connection lived on. ` +
    'TCP cannot lose bytes that way: they are acknowledged here, but the receiver never read them';
}

/** The comment on each segment of a packet cut into `count` segments. */
export function segmentNote(note: string, index: number, count: number): string {
  return count > 1 ? `${note} (segment ${index + 1} of ${count})` : note;
}

export interface BreakNote {
  client: string;
  /** the client's connection number, 1 for its first */
  n: number;
  /** the drop that broke it, with the frame number of its first segment */
  drop?: { type: string; cause: DropCause; frame: number };
  /** why the client learned of it (its connectionLost) */
  cause?: ConnectionLossCause;
  /** the RST comes from the client (its own keep-alive or a protocol error gave up), else from the broker's end */
  byClient: boolean;
  /** the client connected again later */
  reconnects: boolean;
}

/** The comment on a RST: what broke the connection and who learns of it here. */
export function breakNote(b: BreakNote): string {
  const broke = b.drop ? `the lab broke ${b.client}'s connection ${b.n} when the ${b.drop.type} in frame ${b.drop.frame} was dropped (${DROP_WORDS[b.drop.cause]})`
    : `the lab broke ${b.client}'s connection ${b.n}: ${LOSS_WORDS[b.cause ?? 'reset']}`;
  const learns = b.byClient ? `${b.client} gives up on it (${LOSS_WORDS[b.cause ?? 'keepAlive']}) and resets it` : `RST where ${b.client} learns of it`;
  return `${broke}. ${learns}${b.reconnects ? '; it reconnects on a new stream' : ''}`;
}

/** The comment on a connection's SYN. */
export function connectNote(client: string, n: number): string {
  return n === 1 ? `${client} connects to the broker (its connection 1)` : `${client} reconnects: its connection ${n}, a new TCP stream`;
}
