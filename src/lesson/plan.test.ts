/**
 * A lesson's plan follows FORMAT.md: stops and reveals are step ends, a dropped packet's `after`
 * is its drop, an absent stop carries on, `#N` counts re-sends, and each kind's answer is what
 * the engine did. Checked on the walkthrough fixture and on small lessons written here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stepEnds } from '../diagram/steps';
import { runScenario } from '../sim/lab';
import type { Scenario } from '../sim/scenario';
import { findPreset, PRESETS } from '../sim/scenarios/presets';
import type { PacketSentEvent, TraceEvent } from '../sim/trace';
import { planLesson, type LessonPlan, type QuestionPlan } from './plan';
import { parseLesson, parseLessonJson } from './schema';

const run = (scenario: Scenario) => runScenario(scenario, { checkpointEvery: 0 });
const text = { en: 'x', zh: 'x' };

function planOf(lessonText: string): LessonPlan {
  const lesson = parseLessonJson(lessonText);
  if (!lesson.ok) throw new Error(lesson.error);
  const plan = planLesson(lesson.value, PRESETS, run);
  if (!plan.ok) throw new Error(plan.error);
  return plan.value;
}

/** A one-chapter lesson over `preset` with these questions (ask and text filled in). */
function lessonWith(preset: string, ...questions: Record<string, unknown>[]) {
  return {
    v: 1, id: 'test', title: text,
    chapters: [{ id: 'c', title: text, text, preset, questions: questions.map((q, i) => ({ id: `q${i}`, ask: text, ...q })) }],
  };
}
function planWith(preset: string, ...questions: Record<string, unknown>[]) {
  const lesson = parseLesson(lessonWith(preset, ...questions));
  if (!lesson.ok) throw new Error(lesson.error);
  return planLesson(lesson.value, PRESETS, run);
}
function questionsOf(preset: string, ...questions: Record<string, unknown>[]): QuestionPlan[] {
  const plan = planWith(preset, ...questions);
  if (!plan.ok) throw new Error(plan.error);
  return plan.value.chapters[0].questions;
}
function errorOf(preset: string, ...questions: Record<string, unknown>[]): string {
  const plan = planWith(preset, ...questions);
  return plan.ok ? 'planned' : plan.error;
}

/** The events of a preset's run, to find indices in. */
function eventsOf(preset: string): TraceEvent[] {
  return run(findPreset(preset)!.scenario).trace.events;
}
const sent = (events: TraceEvent[], type: string, from: string, to: string, dup = false) =>
  events.filter((e): e is PacketSentEvent => e.kind === 'packetSent' && e.packet.type === type && e.from === from && e.to === to
    && (e.packet.type !== 'PUBLISH' || e.packet.dup === dup)).map((e) => e.index);

const FIXTURE = readFileSync(new URL('./__fixtures__/walkthrough.json', import.meta.url), 'utf8');

describe('planLesson: stops', () => {
  const events = eventsOf('qos1-drop-puback-out');
  const ends = stepEnds({ participants: [], events });

  it('stops after a dropped packet at its drop, not at its sending', () => {
    const [q] = questionsOf('qos1-drop-puback-out', { stop: { after: 'PUBACK@subscriber>broker' }, kind: 'deliveries' });
    const drop = events.find((e) => e.kind === 'packetDropped' && e.type === 'PUBACK')!;
    expect(q.stop).toBe(drop.index);
    expect(q.stop).toBeGreaterThan(sent(events, 'PUBACK', 'subscriber', 'broker')[0]);
    expect(ends).toContain(q.stop);
  });

  it('stops after a packet that arrives at its sending', () => {
    const [q] = questionsOf('qos1-drop-puback-out', { stop: { after: 'PUBLISH@publisher>broker' }, kind: 'deliveries' });
    expect(q.stop).toBe(sent(events, 'PUBLISH', 'publisher', 'broker')[0]);
  });

  it('stops before a packet at the step end just before the step that sends it', () => {
    const [q] = questionsOf('qos1-drop-puback-out', { stop: { before: 'PUBLISH@broker>subscriber' }, kind: 'deliveries' });
    const at = sent(events, 'PUBLISH', 'broker', 'subscriber')[0];
    expect(q.stop).toBe(Math.max(...ends.filter((e) => e < at)));
    expect(q.stopStep).toBe(ends.filter((e) => e < at).length);
  });

  it('starts at -1 for "start" and for a first question without a stop', () => {
    const [a, b] = questionsOf('pub1-sub1', { kind: 'nextPacket', choices: ['CONNECT@publisher>broker', 'PUBLISH@publisher>broker'] },
      { stop: 'start', kind: 'fate' });
    expect([a.stop, a.stopStep, b.stop]).toEqual([-1, 0, -1]);
    expect(a.answer).toBe('CONNECT@publisher>broker');
  });

  it('carries an absent stop on from the previous reveal, but not into another scenario', () => {
    const plan = planOf(FIXTURE);
    const [puback, connack, resend, howMany] = plan.chapters[0].questions;
    expect(connack.stop).toBe(puback.revealTo);
    expect(resend.stop).toBe(connack.revealTo);
    expect(howMany.stop).toBe(resend.revealTo);
    const qos2 = plan.chapters[3].questions;
    // "qos1-instead" sets a preset: the lab runs another scenario, from its start.
    expect(qos2[2]).toMatchObject({ stop: -1, answer: 'CONNECT@publisher>broker', revealTo: 0 });
    expect(qos2[2].run).not.toBe(qos2[1].run);
    // ... and the preset stays in effect for the next question (FORMAT.md: "from this question on").
    expect(qos2[3].run).toBe(qos2[2].run);
    expect(qos2[3].scenario.publishers[0].qos).toBe(1);
  });

  it('counts #N over every packetSent of that type, re-sends included, in a direction when given', () => {
    const resent = sent(events, 'PUBLISH', 'broker', 'subscriber', true)[0];
    const [a, b] = questionsOf('qos1-drop-puback-out', { stop: { after: 'PUBLISH#3' }, kind: 'deliveries' },
      { stop: { after: 'PUBLISH#2@broker>subscriber' }, kind: 'deliveries' });
    expect(a.stop).toBe(resent);
    expect(b.stop).toBe(resent);
  });
});

describe('planLesson: answers', () => {
  it('nextPacket: a re-sent PUBLISH is written with DUP', () => {
    const [q] = questionsOf('qos1-drop-puback-out', { stop: { after: 'CONNACK#3' }, kind: 'nextPacket',
      choices: ['PUBLISH@broker>subscriber', 'PUBLISH@broker>subscriber DUP'] });
    expect(q.answer).toBe('PUBLISH@broker>subscriber DUP');
    expect(q.revealTo).toBe(sent(eventsOf('qos1-drop-puback-out'), 'PUBLISH', 'broker', 'subscriber', true)[0]);
    expect(q.choices).toEqual(['PUBLISH@broker>subscriber', 'PUBLISH@broker>subscriber DUP']);
  });

  it('deliveries: a lost PUBACK at QoS 1 delivers twice', () => {
    const [q] = questionsOf('qos1-drop-puback-out', { kind: 'deliveries' });
    expect(q).toMatchObject({ choices: ['0', '1', '2'], answer: '2' });
    expect(q.revealTo).toBe(eventsOf('qos1-drop-puback-out').length - 1);
  });

  it('fate: QoS 0 over a breaking link is lost; QoS 2 over one is once; QoS 1 can be duplicated', () => {
    expect(questionsOf('qos0-lost', { kind: 'fate' })[0]).toMatchObject({ choices: ['lost', 'once', 'duplicated'], answer: 'lost' });
    expect(questionsOf('qos2-drop-pubrec-in', { kind: 'fate' })[0].answer).toBe('once');
    expect(questionsOf('qos1-drop-puback-in', { kind: 'fate' })[0].answer).toBe('duplicated');
  });

  it('qos: the broker forwards a QoS 2 PUBLISH at QoS 0 to a QoS 0 subscriber', () => {
    const [q] = questionsOf('pub2-sub0', { stop: { after: 'PUBLISH@publisher>broker' }, kind: 'qos', packet: 'PUBLISH@broker>subscriber' });
    expect(q).toMatchObject({ choices: ['0', '1', '2'], answer: '0' });
    expect(q.revealTo).toBe(sent(eventsOf('pub2-sub0'), 'PUBLISH', 'broker', 'subscriber')[0]);
    expect(q.revealed).toEqual({ from: q.stop + 1, to: q.revealTo });
  });

  it('packets: a QoS 2 flow takes 4 packets per hop, PUBLISH PUBREC PUBREL PUBCOMP once each', () => {
    const [all, pubrel, ...none] = questionsOf('pub2-sub2', { stop: 'start', kind: 'packets', choices: [4, 8] },
      { stop: 'start', kind: 'packets', types: ['PUBREL'], choices: [1, 2] },
      { stop: 'start', kind: 'packets', types: ['PUBACK'], choices: [0, 1] });
    expect(all.answer).toBe('8');
    expect(pubrel.answer).toBe('2');
    expect(none[0].answer).toBe('0');
    // The reveal bounds what is counted: up to the publisher's PUBCOMP, the subscriber's is not sent yet.
    const [hop] = questionsOf('pub2-sub2', { stop: 'start', kind: 'packets', reveal: { after: 'PUBCOMP@broker>publisher' }, choices: [4, 7, 8] });
    expect(hop.answer).toBe('7');
    // ... and the stop starts it: after the broker's PUBREC, PUBREC PUBREL PUBREL PUBCOMP PUBCOMP are left.
    const [rest] = questionsOf('pub2-sub2', { stop: { after: 'PUBREC@broker>publisher' }, kind: 'packets', choices: [3, 5, 8] });
    expect(rest.answer).toBe('5');
  });

  it('plans the walkthrough fixture', () => {
    const answers = planOf(FIXTURE).chapters.flatMap((c) => c.questions.map((q) => `${c.id}/${q.id} ${q.answer}`));
    expect(answers).toEqual([
      'duplicate/after-puback-lost CONNECT@subscriber>broker', 'duplicate/connack CONNACK@broker>subscriber',
      'duplicate/resend PUBLISH@broker>subscriber DUP', 'duplicate/how-many 2', 'lost/fate lost', 'downgrade/qos-out 0',
      'qos2/whole-flow 8', 'qos2/one-hop 7', 'qos2/qos1-instead CONNECT@publisher>broker', 'qos2/still-qos1 1',
    ]);
  });

  it('runs each distinct scenario once', () => {
    const lesson = parseLessonJson(FIXTURE);
    if (!lesson.ok) throw new Error(lesson.error);
    const ran: string[] = [];
    const plan = planLesson(lesson.value, PRESETS, (s) => (ran.push(s.preset ?? 'inline'), run(s)));
    expect(plan.ok).toBe(true);
    expect(ran).toEqual(['qos1-drop-puback-out', 'qos0-lost', 'pub2-sub0', 'inline', 'pub1-sub1']);
  });
});

describe('planLesson: errors name the place and what is wrong', () => {
  const place = 'chapters[0] "c", questions[0] "q0"';

  it('a packet the run does not send', () => {
    expect(errorOf('pub1-sub1', { stop: { after: 'PUBACK#3' }, kind: 'fate' })).toBe(`${place}: stop.after: the run sends only 2 PUBACK, so there is no PUBACK#3`);
    expect(errorOf('pub1-sub1', { stop: { before: 'PUBACK#2@broker>publisher' }, kind: 'fate' }))
      .toBe(`${place}: stop.before: the run sends only 1 PUBACK@broker>publisher, so there is no PUBACK#2@broker>publisher`);
    expect(errorOf('pub1-sub1', { kind: 'fate', reveal: { after: 'PUBREC' } })).toBe(`${place}: reveal.after: the run sends no PUBREC`);
    expect(errorOf('pub1-sub1', { kind: 'qos', packet: 'PUBLISH@broker>subscriber2' })).toBe(`${place}: packet: the run sends no PUBLISH@broker>subscriber2`);
  });

  it('an answer that is not among the choices', () => {
    expect(errorOf('qos1-drop-puback-out', { stop: { after: 'CONNACK#3' }, kind: 'nextPacket', choices: ['PUBLISH@broker>subscriber', 'PUBACK@subscriber>broker'] }))
      .toBe(`${place}: the next packet is PUBLISH@broker>subscriber DUP, which is not among the choices`);
    expect(errorOf('qos1-drop-puback-out', { kind: 'deliveries', choices: [0, 1] })).toBe(`${place}: the answer is 2 deliveries, which is not among the choices`);
    expect(errorOf('pub2-sub2', { kind: 'packets', choices: [2, 4] })).toBe(`${place}: the answer is 8 packets, which is not among the choices`);
  });

  it('a reveal that does not end after the stop, and a stop with nothing after it', () => {
    expect(errorOf('pub1-sub1', { stop: { after: 'PUBCOMP' }, kind: 'fate' })).toBe(`${place}: stop.after: the run sends no PUBCOMP`);
    expect(errorOf('pub1-sub1', { stop: { after: 'PUBACK#2' }, kind: 'packets', reveal: { after: 'PUBLISH' }, choices: [0, 1] }))
      .toBe(`${place}: the reveal ends before the stop`);
    expect(errorOf('pub1-sub1', { stop: { after: 'PUBLISH' }, kind: 'packets', reveal: { after: 'PUBLISH' }, choices: [0, 1] }))
      .toBe(`${place}: the reveal ends at the stop: it shows nothing`);
    expect(errorOf('pub2-sub0', { stop: { after: 'PUBLISH@broker>subscriber' }, kind: 'qos', packet: 'PUBLISH@broker>subscriber' }))
      .toBe(`${place}: the reveal ends at the stop: it shows nothing`);
    expect(errorOf('pub1-sub1', { stop: { after: 'PUBACK@subscriber>broker' }, kind: 'nextPacket', choices: ['PUBACK@broker>publisher', 'PUBLISH@broker>subscriber'] }))
      .toBe(`${place}: nothing is sent after the stop`);
    expect(errorOf('pub1-sub1', { stop: 'start', kind: 'fate', reveal: { after: 'PUBLISH' } }))
      .toMatch(/^chapters\[0\] "c", questions\[0\] "q0": reveal: the reveal ends before the answer is shown/);
  });

  it('a preset or scenario the lab does not have', () => {
    expect(errorOf('pub3-sub1', { kind: 'fate' })).toBe('chapters[0] "c": preset: there is no preset "pub3-sub1" (npm run -s scenario -- --list-presets)');
    expect(errorOf('pub1-sub1', { kind: 'fate', scenario: { publishers: [{ qos: 3 }] } })).toMatch(/^chapters\[0\] "c", questions\[0\] "q0": scenario\.publishers\.0\.qos: /);
  });

  it('a subscriber, publisher or publication the run does not have', () => {
    expect(errorOf('pub1-sub1', { kind: 'fate', client: 'subscriber2' })).toBe(`${place}: client: the run has no subscriber2`);
    expect(errorOf('pub1-sub1', { kind: 'fate', publisher: 'publisher2' })).toBe(`${place}: publisher: the run has no publisher2`);
    expect(errorOf('pub1-sub1', { kind: 'deliveries', publication: 2 })).toBe(`${place}: publication: publisher publishes only 1 message, so there is no publication 2`);
  });
});
