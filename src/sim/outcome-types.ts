/**
 * What a run achieved, per application message and subscriber, and in total.
 * Computed from the trace only (outcome.ts); the CLI's JSON and the Outcome panel show it.
 */
import type { QoS } from '../mqtt/types';

/** Why a pair that should have been delivered was not. */
export type LostReason =
  | 'qos0'           // effective QoS 0: at most once, a broken connection loses it
  | 'cleanSession'   // a clean session discarded the state that would have re-sent it
  | 'brokerRestart'  // the broker restarted without persisting sessions
  | 'refused'        // the subscription was refused (SUBACK 0x80)
  | 'unfinished';    // the run stopped (bound reached) before it settled

export type Promise = 'atMostOnce' | 'atLeastOnce' | 'exactlyOnce' | 'none';

export interface PairOutcome {
  messageId: number;
  publisher: string;
  subscriber: string;
  publishedQos: QoS;
  grantedQos: QoS;
  /** min(published, granted): the QoS of the weaker hop. */
  effectiveQos: QoS;
  /**
   * What the two hops promise together. A hop at QoS 0 may lose the message, a hop at QoS 1
   * may duplicate it, so QoS 1 in and QoS 0 out promises neither (`none`).
   */
  promise: Promise;
  deliveries: number;
  /** the promise was kept */
  held: boolean;
  lostReason?: LostReason;
}

export interface Outcome {
  /** messages x subscribers that should get them */
  published: number;
  /** distinct pairs delivered at least once */
  delivered: number;
  /** deliveries beyond the first */
  duplicates: number;
  lost: number;
  guaranteeHeld: boolean;
  pairs: PairOutcome[];
  /** packets sent on all links, and per application message */
  packets: number;
  packetsPerMessage: number;
  /** messages the applications published */
  messages: number;
}
