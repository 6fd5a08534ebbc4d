/**
 * A re-sent PUBLISH (DUP = 1) is narrated as a duplicate only when its receiver really had the
 * first copy. DUP = 1 says only that the sender may have sent it before (MQTT-3.3.1-1), and its
 * receiver "cannot assume that it has seen an earlier copy" (3.3.1.1); at QoS 1 it takes the
 * PUBLISH as a new publication either way (MQTT-4.3.2-2). Whether it had one is read here from
 * the trace, independently of how narrate.ts reads it: for a subscriber, an earlier delivery of
 * that publication to its application; for the broker, an earlier PUBLISH of that packet id
 * from that publisher, since the publisher first sent it (DUP = 0).
 */
import { describe, expect, it } from 'vitest';
import { stepEnds } from '../diagram/steps';
import { runScenario } from '../sim/lab';
import { findPreset } from '../sim/scenarios/presets';
import type { PacketDeliveredEvent, PacketSentEvent, Trace } from '../sim/trace';
import { en } from './en';
import { narrateStep } from './narrate';
import { zh } from './zh';

const SAYS_DUPLICATE = { en: /duplicate|\bagain\b|twice/i, zh: /重复|再次|两次|又/ };

interface Arrival { delivered: PacketDeliveredEvent; receiverHadIt: boolean }

/** Every DUP = 1 PUBLISH that reached its receiver, and whether that receiver had the message before. */
function dupArrivals(trace: Trace): Arrival[] {
  const events = trace.events;
  const role = new Map(trace.participants.map((p) => [p.id, p.role]));
  const sent = new Map<number, PacketSentEvent>();
  const brokerHasCopy = new Map<string, boolean>(); // publisher>broker#packetId -> a copy arrived since DUP = 0
  const arrivals: Arrival[] = [];
  for (const e of events) {
    if (e.kind === 'packetSent') {
      sent.set(e.wireId, e);
      if (e.packet.type === 'PUBLISH' && !e.packet.dup) brokerHasCopy.set(`${e.from}>${e.to}#${e.packet.packetId}`, false);
    }
    if (e.kind !== 'packetDelivered') continue;
    const packet = sent.get(e.wireId)!.packet;
    if (packet.type !== 'PUBLISH') continue;
    const exchange = `${e.from}>${e.to}#${packet.packetId}`;
    if (packet.dup && role.get(e.to) === 'broker') arrivals.push({ delivered: e, receiverHadIt: brokerHasCopy.get(exchange) === true });
    if (packet.dup && role.get(e.to) === 'subscriber') {
      const delivery = events.slice(e.index).find((d) => d.kind === 'appDeliver' && d.client === e.to)!;
      const publicationNo = delivery.kind === 'appDeliver' ? delivery.publicationNo : NaN;
      const earlier = events.slice(0, e.index).some((d) => d.kind === 'appDeliver' && d.client === e.to && d.publicationNo === publicationNo);
      arrivals.push({ delivered: e, receiverHadIt: earlier });
    }
    brokerHasCopy.set(exchange, true);
  }
  return arrivals;
}

/** The narration of the step an event belongs to, as the page shows it (with the run's trace). */
function stepNarration(trace: Trace, index: number, withTrace = true): { en: string; zh: string } {
  const ends = stepEnds(trace);
  const end = ends.find((i) => i >= index)!;
  const start = (ends[ends.indexOf(end) - 1] ?? -1) + 1;
  const events = trace.events.slice(start, end + 1);
  const t = withTrace ? trace : undefined;
  return { en: narrateStep(en, events, t).join(' '), zh: narrateStep(zh, events, t).join(' ') };
}

const PRESET_IDS = ['qos1-drop-publish-out', 'qos1-drop-publish-in', 'qos1-drop-puback-out', 'qos1-drop-puback-in',
  'retry-on-timeout', 'storm-window-20', 'window-1-loss-10'];

const RUNS = PRESET_IDS.map((id) => {
  const { trace } = runScenario(findPreset(id)!.scenario);
  return { id, trace, arrivals: dupArrivals(trace) };
});

describe('MQTT-3.3.1-1: a DUP = 1 PUBLISH is narrated as a duplicate only when its receiver had the first copy', () => {
  it('the presets reach both cases, at the broker and at a subscriber', () => {
    const cases = (id: string) => RUNS.find((r) => r.id === id)!.arrivals.map((a) => `${a.delivered.to} ${a.receiverHadIt ? 'had it' : 'first copy'}`);
    expect(cases('qos1-drop-publish-out')).toEqual(['subscriber first copy']);
    expect(cases('qos1-drop-publish-in')).toEqual(['broker first copy']);
    expect(cases('qos1-drop-puback-out')).toEqual(['subscriber had it']);
    expect(cases('qos1-drop-puback-in')).toEqual(['broker had it']);
    expect(cases('storm-window-20')).toEqual(expect.arrayContaining(['broker first copy', 'subscriber first copy']));
  });

  for (const { id, trace, arrivals } of RUNS) {
    it(`${id}: every step with a DUP = 1 PUBLISH arriving says "duplicate" if and only if the receiver had it`, () => {
      for (const { delivered, receiverHadIt } of arrivals) {
        const said = stepNarration(trace, delivered.index);
        const what = `${id} #${delivered.index} to ${delivered.to}: ${said.en}`;
        expect(SAYS_DUPLICATE.en.test(said.en), what).toBe(receiverHadIt);
        expect(SAYS_DUPLICATE.zh.test(said.zh), `${id} #${delivered.index}: ${said.zh}`).toBe(receiverHadIt);
      }
    });
  }

  it('without the trace, a step claims no duplicate it cannot know of (MQTT 3.1.1, 3.3.1.1)', () => {
    for (const { id, trace, arrivals } of RUNS) {
      for (const { delivered, receiverHadIt } of arrivals) {
        const said = stepNarration(trace, delivered.index, false);
        if (!receiverHadIt) expect(SAYS_DUPLICATE.en.test(said.en), `${id} #${delivered.index}: ${said.en}`).toBe(false);
        if (!receiverHadIt) expect(SAYS_DUPLICATE.zh.test(said.zh), `${id} #${delivered.index}: ${said.zh}`).toBe(false);
      }
    }
  });

  it('qos1-drop-publish-out: the subscriber’s first delivery is told as a delivery, not a repeat', () => {
    const { trace, arrivals } = RUNS.find((r) => r.id === 'qos1-drop-publish-out')!;
    const said = stepNarration(trace, arrivals[0].delivered.index);
    expect(said.en).toMatch(/DUP = 1.*cannot tell a re-send from a new message.*delivers it/);
    expect(said.en).toMatch(/receives message #1 “21\.5 °C” \(QoS 1\)/);
    expect(said.zh).toMatch(/DUP = 1.*分不清重发和新消息.*照样交付/);
  });

  it('qos1-drop-puback-in: the broker had the first copy, and the narration says so', () => {
    const { trace, arrivals } = RUNS.find((r) => r.id === 'qos1-drop-puback-in')!;
    const said = stepNarration(trace, arrivals[0].delivered.index);
    expect(said.en).toMatch(/cannot tell a re-send.*did have the first copy.*a duplicate/);
    expect(said.zh).toMatch(/分不清重发和新消息.*收到过第一份.*重复/);
  });
});
