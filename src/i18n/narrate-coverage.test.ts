/**
 * Narration covers every event the simulator can emit, in both languages, in the mode it
 * happened in. The event keys are not listed by hand: they are collected from real runs (every
 * preset, plus scenarios that reach the rest: retry on timeout, keep-alive detection, loss,
 * faults of every kind, a will, refused filters, clean sessions, an unsettled run) and from
 * DECISION_KEYS, the engines' own list.
 */
import { describe, expect, it } from 'vitest';
import { DECISION_KEYS } from '../mqtt/decisions';
import { runScenario, type LabRun } from '../sim/lab';
import { scenarioSchema, type ScenarioInput } from '../sim/scenario';
import { PRESETS } from '../sim/scenarios/presets';
import type { TraceEvent, TraceEventKind } from '../sim/trace';
import { en, type Messages } from './en';
import { zh } from './zh';
import { narrate } from './narrate';
import type { NarrationParams } from './types';

const LANGS: [string, Messages][] = [['en', en], ['zh', zh]];

const MORE: Record<string, { input: ScenarioInput; maxSteps?: number }> = {
  'retry on timeout with loss': { input: { publishers: [{ qos: 2 }, { qos: 1 }], subscribers: [{ qos: 2 }, { qos: 1 }], messages: 30,
    retryMode: 'retryOnTimeout', link: { loss: 0.2 }, seed: 3,
    faults: [{ kind: 'drop', type: 'PUBCOMP', nth: 1 }, { kind: 'drop', type: 'SUBACK', nth: 1 }] } },
  'keep-alive detection with loss': { input: { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }, { qos: 1 }], messages: 30, intervalMs: 500,
    link: { loss: 0.15, detect: 'keepAlive' }, seed: 4 } },
  'idle keep-alive (PINGREQ)': { input: { publishers: [{ qos: 1, keepAliveSec: 2 }], subscribers: [{ qos: 1, keepAliveSec: 2 }], messages: 2, intervalMs: 5000 } },
  'faults of every kind': { input: { publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }, { qos: 1, cleanSession: true }], messages: 40, seed: 11,
    faults: [{ kind: 'break', client: 'subscriber', atMs: 300 }, { kind: 'offline', client: 'publisher', atMs: 700, forMs: 900 },
      { kind: 'brokerRestart', atMs: 1800, persist: true }, { kind: 'brokerRestart', atMs: 2600, persist: false },
      { kind: 'drop', type: 'CONNACK', nth: 3 }, { kind: 'drop', type: 'CONNECT', nth: 5 }, { kind: 'drop', type: 'PUBREL', nth: 2 }] } },
  'a will': { input: { publishers: [{ qos: 1, will: { topic: 'status/publisher', payload: 'gone' } }],
    subscribers: [{ qos: 1, topicFilters: ['sensors/temp', 'status/#'] }], messages: 3, intervalMs: 200,
    faults: [{ kind: 'break', client: 'publisher', atMs: 150 }] } },
  'refused filters, retained, clean sessions': { input: { publishers: [{ qos: 1, cleanSession: true }, { qos: 0 }],
    subscribers: [{ qos: 2, cleanSession: true, topicFilters: ['sensors/#', 'sensors/temp'] }, { qos: 1, joinAtMs: 400 }],
    refusedFilters: ['sensors/#'], retain: true, messages: 6, link: { loss: 0.1 }, seed: 8 } },
  'window 20 at high loss, step bound': { input: { publishers: [{ qos: 2, maxInflight: 20 }], subscribers: [{ qos: 2, maxInflight: 20 }],
    messages: 200, intervalMs: 10, link: { loss: 0.4 }, seed: 2 }, maxSteps: 2000 },
};

function allRuns(): [string, LabRun][] {
  return [
    ...PRESETS.map((p): [string, LabRun] => [p.id, runScenario(p.scenario)]),
    ...Object.entries(MORE).map(([name, { input, maxSteps }]): [string, LabRun] =>
      [name, runScenario(scenarioSchema.parse(input), maxSteps ? { maxSteps } : {})]),
  ];
}

const RUNS = allRuns();
const EVENTS: [string, TraceEvent][] = RUNS.flatMap(([name, run]) => run.trace.events.map((e): [string, TraceEvent] => [name, e]));

/** The leaves of a section: `a.b()` for a template, `a.b` for a string. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}()`];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => shape(v, `${path}.${k}`));
  return [path];
}

function expectSentence(line: string | null, what: string): void {
  expect(line, what).toBeTypeOf('string');
  expect((line ?? '').trim().length, what).toBeGreaterThan(5);
  expect(line, what).not.toMatch(/undefined|NaN|\[object|[{}]/);
}

describe('narration of every event the simulator can emit', () => {
  it('the runs reach every event kind, every fault and every simulator note', () => {
    const kinds = new Set(EVENTS.map(([, e]) => e.kind));
    const all: TraceEventKind[] = ['appPublish', 'packetSent', 'packetDelivered', 'packetDropped', 'connectionLost',
      'connectionRestored', 'appDeliver', 'decision', 'timer', 'note'];
    expect([...kinds].sort()).toEqual([...all].sort());
    const keys = new Set(EVENTS.map(([, e]) => e.key));
    for (const key of ['fault.break', 'fault.offline', 'fault.brokerRestart.persist', 'fault.brokerRestart.lost', 'connection.backoff',
      'run.unsettled', 'app.deliver.will', 'packet.dropped.loss', 'packet.dropped.rule', 'packet.dropped.connectionBroken',
      'client.resend.publish', 'broker.resend.publish', 'broker.subscribe.refused', 'timer.keepAlive', 'timer.retry']) {
      expect(keys.has(key), key).toBe(true);
    }
  });

  it('every (kind, key) seen gets a sentence in English and Chinese, without holes', () => {
    const seen = new Map<string, TraceEvent[]>();
    for (const [name, e] of EVENTS) {
      const pair = `${e.kind} ${e.key}`;
      const list = seen.get(pair) ?? [];
      if (list.length < 50) list.push(e);
      seen.set(pair, list);
      for (const [lang, t] of LANGS) expectSentence(narrate(t, e), `${lang} ${name} #${e.index} ${pair}`);
    }
    expect(seen.size).toBeGreaterThan(40);
  });

  it('every simulator note key seen has a template of its own in both languages', () => {
    const noteKeys = new Set(EVENTS.filter(([, e]) => e.kind === 'note').map(([, e]) => e.key));
    for (const key of noteKeys) {
      for (const [lang, t] of LANGS) expect((t.notes as Record<string, unknown>)[key], `${lang} notes.${key}`).toBeTypeOf('function');
    }
  });

  it('every decision key an engine can emit has a template in both languages that fills in its params', () => {
    // Params the key's real events carried, where a run reached it; else any param reads as 7.
    const anyParams = new Proxy({}, { get: (_, k) => (typeof k === 'string' ? 7 : undefined) }) as NarrationParams;
    const real = new Map(EVENTS.filter(([, e]) => e.kind === 'decision').map(([, e]) => [e.key, e.params]));
    for (const key of DECISION_KEYS) {
      for (const [lang, t] of LANGS) {
        const template = t.decisions[key];
        expect(template, `${lang} ${key}`).toBeTypeOf('function');
        expectSentence(template(real.get(key) ?? anyParams), `${lang} ${key}`);
      }
    }
  });

  it('English and Chinese have the same keys in every narration section', () => {
    for (const section of ['narrate', 'decisions', 'notes'] as const) {
      expect(shape(zh[section]).sort(), section).toEqual(shape(en[section]).sort());
    }
  });
});

describe('narration matches the mode', () => {
  const run = (input: ScenarioInput) => runScenario(scenarioSchema.parse(input));
  const dropPuback: ScenarioInput = { publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }],
    faults: [{ kind: 'drop', type: 'PUBACK', nth: 1, from: 'broker', to: 'publisher' }] };

  it('a packet dropped in retry-on-timeout mode is not narrated as breaking the connection', () => {
    const r = run({ ...dropPuback, retryMode: 'retryOnTimeout' });
    const drop = r.trace.events.find((e) => e.kind === 'packetDropped')!;
    expect(r.trace.events.some((e) => e.kind === 'connectionLost')).toBe(false);
    expect(narrate(en, drop)).toMatch(/and only it.*connection stays up/);
    expect(narrate(en, drop)).not.toMatch(/connection breaks|whole connection/);
    expect(narrate(zh, drop)).toMatch(/连接保持不断/);
    expect(narrate(zh, drop)).not.toMatch(/连接在它传输途中断开|整条连接/);
  });

  it('a packet dropped in reconnect mode is narrated as breaking the connection', () => {
    const r = run(dropPuback);
    const drop = r.trace.events.find((e) => e.kind === 'packetDropped')!;
    expect(r.trace.events.some((e) => e.kind === 'connectionLost')).toBe(true);
    expect(narrate(en, drop)).toMatch(/\(a drop rule\): the connection breaks/);
    expect(narrate(zh, drop)).toMatch(/连接在它传输途中断开/);
  });

  /** The re-send decision and the re-sent PUBLISH after it, narrated. */
  function resend(r: LabRun, key: string) {
    const events = r.trace.events;
    const i = events.findIndex((e) => e.kind === 'decision' && e.key === key);
    expect(i, key).toBeGreaterThanOrEqual(0);
    const packet = events.slice(i).find((e) => e.kind === 'packetSent' && e.packet.type === 'PUBLISH' && e.packet.dup)!;
    return { decision: events[i], lines: LANGS.map(([, t]) => [narrate(t, events[i])!, narrate(t, packet)!]).flat() };
  }

  it('a PUBLISH re-sent after a timeout cites the MQTT 3.1 retry and the DUP rule, not the reconnect rule', () => {
    const r = run({ ...dropPuback, retryMode: 'retryOnTimeout',
      faults: [...dropPuback.faults!, { kind: 'drop', type: 'PUBACK', nth: 1, from: 'subscriber', to: 'broker' }] });
    for (const key of ['client.resend.publish', 'broker.resend.publish']) {
      const { decision, lines } = resend(r, key);
      expect(decision.params.reason).toBe('timeout');
      expect(decision.kind === 'decision' && decision.rule).toBe('MQTT-3.3.1-1');
      for (const line of lines) {
        expect(line, key).toMatch(/MQTT-3\.3\.1-1/);
        expect(line, key).not.toMatch(/MQTT-4\.4\.0-1/);
      }
      expect(lines[0]).toMatch(/retry timeout.*MQTT 3\.1/);
      expect(lines[2]).toMatch(/MQTT 3\.1/);
    }
  });

  it('a PUBLISH re-sent after reconnecting cites MQTT-4.4.0-1', () => {
    const r = run({ ...dropPuback, faults: [...dropPuback.faults!, { kind: 'drop', type: 'PUBACK', nth: 1, from: 'subscriber', to: 'broker' }] });
    for (const key of ['client.resend.publish', 'broker.resend.publish']) {
      const { decision, lines } = resend(r, key);
      expect(decision.params.reason).toBe('reconnect');
      expect(lines[0], key).toMatch(/MQTT-4\.4\.0-1/);
      expect(lines[2], key).toMatch(/MQTT-4\.4\.0-1/);
    }
  });

  it('a will delivery is narrated as a will, not as a copy of a publication', () => {
    const [, r] = RUNS.find(([name]) => name === 'a will')!;
    const will = r.trace.events.find((e) => e.kind === 'appDeliver' && e.will)!;
    expect(narrate(en, will)).toMatch(/will message “gone”.*without DISCONNECT.*not a copy/);
    expect(narrate(zh, will)).toMatch(/遗嘱消息“gone”.*DISCONNECT.*不是任何一次发布的副本/);
  });

  it('an unsettled run says so, with its numbers, and claims no guarantee', () => {
    const [, r] = RUNS.find(([name]) => name === 'window 20 at high loss, step bound')!;
    expect(r.settled).toBe(false);
    const note = r.trace.events.find((e) => e.kind === 'note' && e.key === 'run.unsettled')!;
    const line = narrate(en, note)!;
    expect(line).toContain(`bound of ${note.params.steps} steps`);
    expect(line).toContain(`${note.params.published} of ${note.params.total} messages`);
    expect(line).toMatch(/up to 20 messages in flight.*no delivery guarantee is claimed/);
    expect(narrate(zh, note)).toMatch(/不声称任何送达保证/);
  });
});
