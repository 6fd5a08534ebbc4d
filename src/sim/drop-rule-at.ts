/**
 * A learner's drop, recorded as data: "drop the packet that arrives next" becomes a drop rule
 * (drop the n-th TYPE from A to B) in the scenario, so a replay and a shared link reproduce it.
 */
import type { LabRun } from './lab';
import type { DropRule, Scenario } from './scenario';
import { formatDropRule } from './drop-rule';

/** The scenario plus a rule dropping the first packet to arrive after trace event `index`. */
export function dropRuleForNext(run: LabRun, index: number): { scenario: Scenario; rule: string } | { error: string } {
  const events = run.trace.events;
  const arrival = events.find((e, i) => i > index && e.kind === 'packetDelivered');
  if (!arrival || arrival.kind !== 'packetDelivered') return { error: 'No packet is on its way: nothing left to drop.' };
  return dropRuleForWire(run, arrival.wireId);
}

/** The scenario plus a rule dropping the packet sent as wire `wireId`. */
export function dropRuleForWire(run: LabRun, wireId: number): { scenario: Scenario; rule: string } | { error: string } {
  const events = run.trace.events;
  const sentAt = events.findIndex((e) => e.kind === 'packetSent' && e.wireId === wireId);
  const sent = events[sentAt];
  if (!sent || sent.kind !== 'packetSent') return { error: `There is no packet ${wireId} in this run.` };
  let nth = 0;
  for (let i = 0; i <= sentAt; i++) {
    const e = events[i];
    if (e.kind === 'packetSent' && e.packet.type === sent.packet.type && e.from === sent.from && e.to === sent.to) nth++;
  }
  const fault: DropRule = { kind: 'drop', type: sent.packet.type, nth, from: sent.from, to: sent.to };
  return { scenario: { ...run.scenario, faults: [...run.scenario.faults, fault] }, rule: formatDropRule(fault) };
}
