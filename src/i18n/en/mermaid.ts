/**
 * English words of the sequence diagram (src/diagram writes them into Mermaid text): notes for
 * the engine decisions worth teaching, application publish and delivery, connection loss and
 * reconnect, lost packets; participant captions; the few translated words inside arrow labels;
 * the Markdown legend. Short, in the diagram's own words ("Broker stores id 1, awaits PUBREL").
 * Plain text: the diagram escapes it. zh/mermaid.ts has the same shape.
 *
 * Design: only decisions that explain what the learner sees get a note; the rest (session
 *   created, subscription granted, ...) is visible in the arrows or the inspector. A key
 *   without an entry draws nothing, so engine keys can be added freely.
 * Design: packet names, flags and return-code names stay English in both languages (they are
 *   what the learner meets in the specification and in Wireshark); they are not here but in
 *   src/diagram/labels.ts, which formats them.
 */
import type { DecisionKey } from '../../mqtt/decisions';
import type { ConnectionLossCause, DropCause, ParticipantInfo } from '../../sim/trace';
import { orUnknown as n, resendCounts, secs } from '../format';
import type { NoteTemplate } from '../types';

const ROLE_NAMES = { publisher: 'Publisher', broker: 'Broker', subscriber: 'Subscriber' } satisfies Record<ParticipantInfo['role'], string>;

export const mermaid = {
  /** Participant captions: `Publisher`, `Subscriber 2`. */
  roles: ROLE_NAMES,
  /** Captions of a compact diagram: the lesson's own `Pub` and `Sub` (its flows are "Pub1/Sub1"). */
  shortRoles: { publisher: 'Pub', broker: 'Broker', subscriber: 'Sub' } satisfies Record<ParticipantInfo['role'], string>,
  /** A client's setup note: `publishes QoS 1, cleanSession=0`. */
  setup: { publisher: 'publishes', subscriber: 'subscribes', separator: ', ' },
  /** Inside a re-sent PUBREL's label: `PUBREL (id=1, re-sent)`. */
  resent: 're-sent',
  decisions: {
    'broker.qos2.stored': (p, w) => (p.method === 'A' ? `${w} stores message id ${n(p.packetId)}, awaits PUBREL` : `${w} stores id ${n(p.packetId)}, awaits PUBREL`),
    'broker.qos2.released': (p, w) => (p.known === false ? `${w}: PUBREL for unknown id ${n(p.packetId)}, PUBCOMP anyway` : p.method === 'A' ? `${w} releases id ${n(p.packetId)}, forwards message` : `${w} releases id ${n(p.packetId)}`),
    'broker.duplicate.reacked': (p) => `Duplicate id ${n(p.packetId)}: PUBREC again, not forwarded`,
    'broker.qos1.duplicate': (p) => `DUP id ${n(p.packetId)}: seen before or not, QoS 1 forwards it`,
    'broker.queued.offline': (p) => `${n(p.clientId)} offline: queued (${n(p.queued)} waiting)`,
    'broker.queue.full': (p) => `Queue full: dropped for ${n(p.clientId)}`,
    'broker.offline.qos0Dropped': (p) => `${n(p.clientId)} offline: QoS 0 not kept`,
    'broker.noSubscribers': () => 'No subscriber: message goes nowhere',
    'broker.downgrade': (p) => `Downgrade QoS ${n(p.from)} → ${n(p.to)}`,
    'broker.overlap.maxQos': (p) => `Overlapping subscriptions: one copy at QoS ${n(p.qos)}`,
    'broker.retained.stored': () => 'Retained message stored',
    'broker.retained.cleared': () => 'Retained message cleared',
    'broker.retained.sent': () => 'Retained message sent on subscribe',
    'broker.will.published': (p) => `Will of ${n(p.clientId)} published`,
    'broker.will.discarded': () => 'DISCONNECT: will discarded',
    'broker.session.resumed': (p) => { const r = resendCounts(p, ', '); return r ? `Session resumed: ${r} to re-send` : 'Session resumed, nothing to re-send'; },
    'broker.session.discarded': (p) => `Session of ${n(p.clientId)} discarded`,
    'broker.session.expired': (p) => `Session of ${n(p.clientId)} expired: its messages deleted`,
    'broker.message.expired': (p) => `Message for ${n(p.clientId)} expired: deleted, not sent`,
    'broker.takeover': () => 'Same client id: old connection closed',
    'broker.restarted': (p): string => (p.keepSessions ? 'Broker restarted, sessions kept' : 'Broker restarted, sessions lost'),
    'broker.subscribe.refused': (p) => `Subscription ${n(p.topicFilter)} refused`,
    'broker.connect.refused': (p) => `Connection refused (rc=${n(p.returnCode)})`,
    'broker.keepAlive.timeout': () => 'Broker: keep-alive expired',
    'broker.protocolError': () => 'Protocol error: connection closed',
    'client.qos2.stored': (p, w) => `${w} stores id ${n(p.packetId)}, awaits PUBREL`,
    'client.qos2.duplicate': (p) => `Duplicate id ${n(p.packetId)}: PUBREC again, not delivered again`,
    'client.qos2.released': (p, w) => `${w} releases id ${n(p.packetId)}`,
    'client.qos1.duplicate': (p) => `DUP id ${n(p.packetId)}: seen before or not, QoS 1 delivers it`,
    'client.session.resumed': (p) => { const r = resendCounts(p, ', '); return r ? `Session present: re-send ${r}` : 'Session present, nothing to re-send'; },
    'client.session.discarded': () => 'Clean session: unacknowledged state discarded',
    'client.session.lostByBroker': () => 'Broker lost the session: re-send anyway',
    'client.queued': (p): string => (p.reason === 'window' ? 'Window full: message waits' : 'Offline: message queued'),
    'client.qos0.dropped': () => 'Offline: QoS 0 message not kept',
    'client.keepAlive.timeout': (p) => `No ${n(p.waitingFor)}: connection considered lost`,
    'client.connack.refused': (p) => `Connection refused (rc=${n(p.returnCode)})`,
    'client.protocolError': () => 'Protocol error: connection closed',
  } satisfies Partial<Record<DecisionKey, NoteTemplate>>,
  /** The `*.resend.publish` / `*.resend.pubrel` decisions, drawn inside the retransmission highlight. */
  resend: {
    publish: (p) => `Re-send PUBLISH id ${n(p.packetId)} with DUP=1`,
    pubrel: (p) => `Re-send PUBREL id ${n(p.packetId)}`,
  } satisfies Record<'publish' | 'pubrel', NoteTemplate>,
  /**
   * Simulator notes worth a note of their own. The fault notes draw nothing: what a fault does
   * is already drawn (✂ connection lost, the broker's restart decision).
   */
  simNotes: {
    'connection.backoff': (p, w) => `⏳ ${w} backs off: retry in ${secs(p.delayMs)} s (${n(p.attempts)} failed)`,
    'run.unsettled': (p) => `unfinished: stopped after ${n(p.steps)} steps, ${n(p.published)}/${n(p.total)} published, ${n(p.breaks)} breaks at ${n(p.lossPercent)} % loss, window ${n(p.maxInflight)}`,
  } satisfies Record<string, NoteTemplate>,
  appPublish: (publicationNo: number, qos: number) => `App publishes m${publicationNo} (QoS ${qos})`,
  /** `what` is `m1 “21.5 °C”`; compact notes name only `m1` (`which`). */
  delivered: (what: string) => `✓ delivered #1: ${what}`,
  duplicate: (what: string, deliveryNo: number) => `⚠ duplicate: delivered #${deliveryNo} ${what}`,
  deliveredCompact: (which: string) => `✓ delivered: ${which}`,
  duplicateCompact: (which: string, deliveryNo: number) => `⚠ duplicate: ${which} ×${deliveryNo}`,
  /** `cause` is one of `lossCause`. */
  connectionLost: (cause: string) => `✂ connection lost (${cause})`,
  lossCause: {
    drop: 'packet dropped', keepAlive: 'keep-alive timeout', reset: 'reset', protocolError: 'protocol error',
    takeover: 'taken over', offline: 'client offline', brokerRestart: 'broker restarted',
  } satisfies Record<ConnectionLossCause, string>,
  reconnected: (sessionPresent: boolean): string => (sessionPresent ? '↻ reconnected, session present=1' : '↻ reconnected, new session (session present=0)'),
  /** `what` is the packet's compact label, `cause` one of `dropCause`: `✗ PUBACK id=1 lost (drop rule)`. */
  dropped: (what: string, cause: string) => `✗ ${what} lost (${cause})`,
  dropCause: { rule: 'drop rule', intervention: 'dropped on request', loss: 'link loss', connectionBroken: 'connection broke' } satisfies Record<DropCause, string>,
  hiddenSteps: (count: number) => `… ${count} earlier steps hidden`,
  /** Under the diagram in `--format markdown`. */
  legend: '_Solid arrows: requests; dotted: acknowledgements; ✗ a packet lost with its connection; shaded: retransmissions (DUP=1, re-sent PUBREL)._',
};
