import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../worker/api';
import { useLab, initialState } from './lab-store';
import * as act from './actions';

function runNow(): void {
  const { request } = useLab.getState();
  const result = api.run(request.input);
  if ('error' in result) act.runFailed(result.error);
  else act.runLoaded(result, request);
}

describe('store actions', () => {
  beforeEach(() => {
    useLab.setState(initialState(), true);
    act.presetsLoaded(api.presets());
    act.requestRun({});
    runNow();
  });

  it('choosing QoS 2/0 from the controls loads the lesson flow pub2-sub0', () => {
    act.setQos('publisher', 2);
    act.setQos('subscriber', 0);
    expect(useLab.getState().scenario?.preset).toBe('pub2-sub0');
    expect(useLab.getState().request.input).toMatchObject({ preset: 'pub2-sub0' });
  });

  it('a learner who chose MQTT 5.0 keeps it when picking QoS (the lesson flows are 3.1.1)', () => {
    act.setMqttVersion('5');
    act.setQos('publisher', 2);
    act.setQos('subscriber', 2);
    expect(useLab.getState().scenario).toMatchObject({ mqttVersion: '5', publishers: [{ qos: 2 }], subscribers: [{ qos: 2 }] });
    act.setMqttVersion('3.1.1');
    act.setQos('subscriber', 0);
    expect(useLab.getState().scenario?.preset).toBe('pub2-sub0');
  });

  it('stepping moves the cursor over step ends; Back undoes Step; Reset goes to the start', () => {
    runNow();
    act.stepForward();
    act.stepForward();
    const two = useLab.getState().playback.cursor;
    act.stepForward();
    act.stepBack();
    expect(useLab.getState().playback.cursor).toBe(two);
    act.resetPlayback();
    expect(useLab.getState().playback.cursor).toBe(-1);
  });

  it('Play at the end starts over; stepping past the end stops playing', () => {
    runNow();
    act.jumpToEnd();
    act.play();
    expect(useLab.getState().playback).toMatchObject({ playing: true, cursor: -1 });
    act.jumpToEnd();
    act.play();
    while (act.stepForward());
    expect(useLab.getState().playback.playing).toBe(false);
  });

  it('a drop keeps the cursor and the preset; other edits make the scenario custom', () => {
    act.choosePreset('pub1-sub1');
    runNow();
    act.stepForward();
    act.stepForward();
    const cursor = useLab.getState().playback.cursor;
    act.addDropRule({ kind: 'drop', type: 'PUBACK', nth: 1 });
    expect(useLab.getState().request.keepCursor).toBe(true);
    runNow();
    expect(useLab.getState().playback.cursor).toBe(cursor);
    expect(useLab.getState().scenario?.preset).toBe('pub1-sub1');
    act.setLoss(0.2);
    expect(useLab.getState().scenario?.preset).toBeUndefined();
    expect(useLab.getState().playback.cursor).toBe(cursor);
    runNow();
    expect(useLab.getState().playback.cursor).toBe(-1);
  });

  it('"Max in flight" sets the window of every publisher and subscriber, and the run is asked again', () => {
    act.requestRun({ publishers: [{ qos: 1 }, { qos: 2 }], subscribers: [{ qos: 1 }, { qos: 0 }] });
    runNow();
    act.setMaxInflight(10);
    const s = useLab.getState().scenario!;
    expect([...s.publishers, ...s.subscribers].map((c) => c.maxInflight)).toEqual([10, 10, 10, 10]);
    expect(useLab.getState().request.input).toMatchObject({ publishers: [{ maxInflight: 10 }, { maxInflight: 10 }] });
    act.setMaxInflight(1e9);
    expect(useLab.getState().scenario!.publishers[0].maxInflight).toBe(65535);
  });

  it('showing the event that lost a message moves the playback to its step and picks its packet', () => {
    act.choosePreset('qos0-lost');
    runNow();
    const lost = useLab.getState().run.outcome!.pairs.find((p) => p.lostAt !== undefined)!;
    act.showEvent(lost.lostAt!);
    const { playback, selection, run } = useLab.getState();
    expect(playback.cursor).toBeGreaterThanOrEqual(lost.lostAt!);
    expect(run.steps).toContain(playback.cursor);
    expect(selection.eventIndex === null || run.trace!.events[selection.eventIndex].kind === 'packetSent').toBe(true);
  });

  it('a scenario the worker refuses alerts once and keeps the lab', () => {
    const before = useLab.getState().scenario;
    act.requestRun({ publishers: [{ qos: 7 }] });
    runNow();
    expect(useLab.getState().worker.alert).toMatch(/qos/);
    expect(useLab.getState().scenario).toBe(before);
  });

  it('the 5.0 expiry fields reach the run: a message kept without expiry, lost with it, a session that outlives the break for ever', () => {
    act.choosePreset('v5-message-expiry');
    runNow();
    const lostOf = () => useLab.getState().run.outcome?.lost ?? -1;
    expect(useLab.getState().run.outcome?.published).toBe(3);
    expect(lostOf()).toBeGreaterThan(0); // the preset: a queued message expires
    act.setMessageExpiry(undefined);
    expect(useLab.getState().scenario?.publishers[0].messageExpirySec).toBeUndefined();
    runNow();
    expect(useLab.getState().run.outcome).toMatchObject({ published: 3, lost: 0 });
    act.setMessageExpiry(2);
    runNow();
    expect(lostOf()).toBeGreaterThan(0);

    act.choosePreset('v5-session-expiry');
    runNow();
    expect(lostOf()).toBeGreaterThan(0); // the preset: the session expires during the second absence
    act.setSessionExpiry('subscriber', 0xFFFF_FFFF);
    runNow();
    expect(useLab.getState().run.outcome).toMatchObject({ published: 4, lost: 0 });
  });
});

describe('an imported capture in the store (issue 16)', () => {
  beforeEach(() => {
    useLab.setState(initialState(), true);
    act.presetsLoaded(api.presets());
    act.requestRun({});
    runNow();
  });

  it('is the run shown, from its start, with its summary; settings do not change; Return to the lab runs the scenario again', async () => {
    const { readFileSync } = await import('node:fs');
    const result = api.importCapture(new Uint8Array(readFileSync('src/capture/__fixtures__/qos1-v311.pcapng')));
    if ('error' in result) throw new Error(result.error);
    const scenario = useLab.getState().scenario;
    act.stepForward();
    act.captureLoaded(result, 'qos1-v311.pcapng');
    const s = useLab.getState();
    expect(s.run).toMatchObject({ source: 'capture', capture: { file: 'qos1-v311.pcapng', format: 'pcapng' }, busy: false });
    expect(s.playback.cursor).toBe(-1);
    expect(s.scenario).toBe(scenario);
    const seq = s.request.seq;
    act.setLoss(0.2);
    act.addDropRule({ kind: 'drop', type: 'PUBACK', nth: 1 });
    expect(useLab.getState().request.seq).toBe(seq);
    expect(act.stepForward()).toBe(true);
    act.backToLab();
    expect(useLab.getState().request).toMatchObject({ seq: seq + 1, input: scenario });
    runNow();
    expect(useLab.getState().run).toMatchObject({ source: 'scenario', capture: null });
  });

  describe('a live run on a real broker', () => {
    // A recorded QoS 1 run stands in for what a broker sends: the same events, handed over in slices.
    const source = api.run({ publishers: [{ qos: 1 }], subscribers: [{ qos: 1 }] });
    if ('error' in source) throw new Error(source.error);
    const { events, participants } = { events: source.trace.events, participants: source.trace.participants };
    const status = (state: 'connected' | 'finished', dropArmed = false) => ({ state, sentence: state, settled: state === 'finished', dropArmed });
    const update = (id: number, from: number, to: number, state: 'connected' | 'finished' = 'connected', dropArmed = false) =>
      act.liveUpdated({ id, events: events.slice(from, to), from, outcome: source.outcome, status: status(state, dropArmed) });

    it('grows the trace, a new object each time; a cursor at the end follows it, one moved back stays', () => {
      act.liveStarted({ id: 7, url: 'ws://127.0.0.1:9001/', topic: 'qos-lab/00000000', messages: 1, participants });
      const started = useLab.getState();
      expect(started.run).toMatchObject({ source: 'live', live: { id: 7, status: { state: 'connecting' } }, steps: [] });
      expect(started.playback.cursor).toBe(-1);
      update(7, 0, 6);
      const first = useLab.getState();
      expect(first.run.trace?.events).toHaveLength(6);
      expect(first.run.version).toBe(started.run.version + 1);
      expect(first.playback.cursor).toBe(first.run.steps[first.run.steps.length - 1]);
      act.stepBack();
      const back = useLab.getState().playback.cursor;
      update(7, 6, 12);
      const second = useLab.getState();
      expect(second.run.trace).not.toBe(first.run.trace);
      expect(second.run.trace?.events.map((e) => e.index)).toEqual(events.slice(0, 12).map((e) => e.index));
      expect(second.playback.cursor).toBe(back);
      act.jumpToEnd();
      update(7, 12, events.length, 'finished');
      const last = useLab.getState();
      expect(last.playback.cursor).toBe(events.length - 1);
      expect(last.run).toMatchObject({ settled: true, outcome: source.outcome, live: { status: { state: 'finished' } } });
      // An update of another live run (one left behind) changes nothing.
      update(6, 0, 3);
      expect(useLab.getState().run).toBe(last.run);
    });

    it('settings stay as they are; a requested drop shows until the worker has it; Back to the lab runs the scenario again', () => {
      const scenario = useLab.getState().scenario;
      act.liveStarted({ id: 8, url: 'ws://127.0.0.1:9001/', topic: 'qos-lab/00000000', messages: 1, participants });
      update(8, 0, 4);
      const seq = useLab.getState().request.seq;
      act.setQos('publisher', 2);
      act.setLoss(0.2);
      expect(useLab.getState().request.seq).toBe(seq);
      act.liveDropRequested();
      expect(useLab.getState().run.live?.dropRequested).toBe(true);
      update(8, 4, 6);
      expect(useLab.getState().run.live?.dropRequested).toBe(true);
      update(8, 6, 8, 'connected', true);
      expect(useLab.getState().run.live).toMatchObject({ dropRequested: false, status: { dropArmed: true } });
      act.backToLab();
      expect(useLab.getState().request).toMatchObject({ seq: seq + 1, input: scenario });
      runNow();
      expect(useLab.getState().run).toMatchObject({ source: 'scenario', live: null });
    });
  });
});
