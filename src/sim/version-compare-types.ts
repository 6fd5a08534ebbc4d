/**
 * The shapes of a versions comparison (version-compare.ts): one scenario run under MQTT 3.1.1
 * and under 5.0, and the differences a learner should see, as data. No prose: each difference
 * has a `key` of the catalog (`versions.diff.<key>`, src/i18n) and its `params`.
 */
import type { Outcome } from './outcome-types';
import type { MqttVersion, Scenario } from './scenario';
import type { Params, Trace } from './trace';

export interface VersionRun {
  version: MqttVersion;
  /** the scenario as run: the one compared, with this version */
  scenario: Scenario;
  trace: Trace;
  outcome: Outcome;
  settled: boolean;
}

/**
 * - `onlyIn311`, `onlyIn5`: packets one run sent and the other did not (a run of them, in order).
 * - `meaning`: the same packet in both runs, saying something else (a reason code, session present, dropped).
 * - `said`: 5.0 puts on the wire what 3.1.1 cannot say (an expiry interval, a Receive Maximum that held messages back).
 * - `rule`: a rule of 5.0 the 3.1.1 run does not follow (re-sending on the same connection).
 * - `delivery`: a message one run delivered and the other did not, or delivered a different number of times.
 * - `outcome`: the runs' totals or verdicts differ.
 */
export type DifferenceKind = 'onlyIn311' | 'onlyIn5' | 'meaning' | 'said' | 'rule' | 'delivery' | 'outcome';

/** Every difference the comparison names; each is a template of the catalog's `versions.diff`. */
export type DifferenceKey =
  | 'onlyIn311' | 'onlyIn5'
  | 'noMatchingSubscribers' | 'ackRefused' | 'reasonCode' | 'subackCode' | 'connackCode' | 'sessionPresent'
  | 'droppedIn311' | 'droppedIn5'
  | 'sessionExpiry' | 'messageExpiry' | 'receiveMaximum'
  | 'retryNotIn5'
  | 'lostIn5' | 'lostIn311' | 'deliveries'
  | 'outcomeCounts' | 'verdict';

export interface VersionDifference {
  kind: DifferenceKind;
  key: DifferenceKey;
  params: Params;
  /**
   * Trace events that show it in the 3.1.1 run and in the 5.0 run (packetSent events, or the
   * delivery or decision that shows it), the one to look at first; empty: nothing on that side.
   */
  v311: number[];
  v5: number[];
}

export interface VersionComparison {
  v311: VersionRun;
  v5: VersionRun;
  /** In the order they happen (by virtual time), the outcome's last. */
  differences: VersionDifference[];
  /** Packets sent in each run, and packets the alignment paired. */
  packets311: number;
  packets5: number;
  paired: number;
  /** false: the runs differ so much that the middle of the alignment is approximate (version-compare-align.ts). */
  exact: boolean;
  /**
   * The link drops packets at random (loss > 0): both runs draw the same random numbers, so once
   * they send different packets, later losses may fall on different packets.
   */
  randomLoss: boolean;
}
