/**
 * What a run achieved, per application message and subscriber, and in total.
 * Computed from the trace only (outcome.ts); the CLI's JSON and the Outcome panel show it.
 */
import type { QoS } from '../mqtt/types';

/** Why a pair that should have been delivered was not. */
export type LostReason =
  | 'qos0'           // a hop at QoS 0: the one copy was lost (a broken connection, an offline client)
  | 'cleanSession'   // a clean session discarded the state that would have re-sent it
  | 'brokerRestart'  // the broker restarted without persisting sessions
  | 'queueFull'      // the broker's queue for that subscriber was full
  | 'refused'        // the subscription was refused (SUBACK 0x80): nothing was promised
  | 'messageExpired' // MQTT 5.0: it outlived its Message Expiry Interval while it waited (MQTT-3.3.2-5)
  | 'sessionExpired' // MQTT 5.0: the session that held it outlived its Session Expiry Interval (MQTT-3.1.2-23)
  | 'sessionNotPresent' // MQTT 5.0: the broker had no session when the client came back (MQTT-3.2.2-5)
  | 'tooLarge'       // MQTT 5.0: larger than the receiver's Maximum Packet Size (MQTT-3.1.2-25)
  | 'publishRefused' // MQTT 5.0: the broker refused the PUBLISH (PUBACK / PUBREC 0x80 or more)
  | 'unfinished'     // the run stopped (bound reached) before it settled
  | 'unexplained';   // no event explains it: a defect of the lab, shown rather than hidden

export type Promise = 'atMostOnce' | 'atLeastOnce' | 'exactlyOnce' | 'none';

export interface PairOutcome {
  publicationNo: number;
  publisher: string;
  subscriber: string;
  publishedQos: QoS;
  /** null: the subscription was refused (SUBACK 0x80) */
  grantedQos: QoS | null;
  /** min(published, granted): the QoS of the weaker hop; null when refused */
  effectiveQos: QoS | null;
  /**
   * What the two hops promise together. A hop at QoS 0 may lose the message, a hop at QoS 1
   * may duplicate it, so QoS 1 in and QoS 0 out promises neither (`none`).
   */
  promise: Promise;
  deliveries: number;
  /** the promise was kept */
  held: boolean;
  lostReason?: LostReason;
  /** the trace event that lost it (a drop, a discarded session, a restart, the refusing SUBACK) */
  lostAt?: number;
  /** owed as the retained message a late subscriber gets (MQTT-3.3.1-6), not as a live one */
  retained?: boolean;
}

export interface Outcome {
  /** messages x subscribers that should get them */
  published: number;
  /** distinct pairs delivered at least once */
  delivered: number;
  /** deliveries beyond the first */
  duplicates: number;
  lost: number;
  /**
   * Every pair's promise was kept. null: nothing to judge (the run did not settle, so it is not
   * over, or nothing was published).
   */
  guaranteeHeld: boolean | null;
  /** what the run's pairs promise together (refused pairs aside): the weakest promise of them */
  promise: Promise;
  /** the run went idle within its bound */
  settled: boolean;
  pairs: PairOutcome[];
  /** packets sent on all links, and per application message */
  packets: number;
  packetsPerMessage: number;
  /** messages the applications published */
  messages: number;
  /** retained copies (RETAIN=1) a subscriber got for a repeated SUBSCRIBE of a message it was owed live: counted apart */
  retainedCopies: number;
  /** deliveries that are no publication: will messages (counted apart, never as duplicates) */
  willDeliveries: number;
  /** deliveries no publication or will explains (there should be none) */
  unmatchedDeliveries: number;
}
