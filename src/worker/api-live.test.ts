/**
 * The page's live API (issue #16), called directly: `liveConnect` checks the URL before anything is
 * opened, runs on a real broker (ours, over WebSocket on 127.0.0.1), batches its updates to the
 * page, arms a drop on request, and hands the state tables while the live run is shown.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
// The Node broker these tests talk to (test support only: the worker never imports src/node).
// eslint-disable-next-line no-restricted-imports
import { closeAll, ourBroker } from '../node/interop.test-support';
import { api, setLiveSockets, type LivePageUpdate } from './api';
import { webSocketOpener, type OpenSocket, type WebSocketClass } from './live';

const realSockets = webSocketOpener(WebSocket as unknown as WebSocketClass);

afterEach(async () => {
  api.run({});
  setLiveSockets(realSockets);
  await closeAll();
}, 10_000);

/** Every update of one live run, until it finished or failed. */
function collect(): { updates: LivePageUpdate[]; onUpdate: (u: LivePageUpdate) => void; ended: Promise<LivePageUpdate> } {
  const updates: LivePageUpdate[] = [];
  let done: (u: LivePageUpdate) => void = () => {};
  const ended = new Promise<LivePageUpdate>((resolve) => { done = resolve; });
  return {
    updates, ended,
    onUpdate: (u) => {
      updates.push(u);
      if (u.status.state === 'finished' || u.status.state === 'failed') done(u);
    },
  };
}

describe('live api', () => {
  it('a URL that is not ws:// or wss:// is one sentence, and no socket is opened', () => {
    const opened: string[] = [];
    setLiveSockets(((url: string) => { opened.push(url); throw new Error('no'); }) as OpenSocket);
    const r = api.liveConnect({ url: 'http://x', publisherQos: 2, subscriberQos: 2, messages: 1 }, () => {});
    expect(r).toEqual({ error: expect.stringMatching(/^Only ws:\/\/ and wss:\/\/ URLs are contacted, not http:\/\/\./) });
    expect(opened).toEqual([]);
  });

  it('runs QoS 2 on a real broker, batched, and re-sends after a drop; every event arrives once, in order', async () => {
    const broker = await ourBroker({}, { wsPort: 0 });
    const { updates, onUpdate, ended } = collect();
    let armed = false;
    const r = api.liveConnect({ url: `ws://127.0.0.1:${broker.wsPort}`, publisherQos: 2, subscriberQos: 2, messages: 3 }, (u) => {
      onUpdate(u);
      if (!armed && u.events.some((e) => e.kind === 'packetSent' && e.packet.type === 'PUBLISH')) armed = api.liveDropNext();
    });
    if ('error' in r) throw new Error(r.error);
    expect(r.participants.map((p) => p.id)).toEqual(['publisher', 'broker', 'subscriber']);
    expect(r.topic).toMatch(/^qos-lab\/[0-9a-f]{8}$/);
    const last = await ended;
    expect(armed).toBe(true);
    const events = updates.flatMap((u) => u.events);
    expect(events.map((e) => e.index)).toEqual(events.map((_, i) => i));
    expect(updates.every((u, i) => u.from === updates.slice(0, i).reduce((n, x) => n + x.events.length, 0))).toBe(true);
    expect(events.some((e) => e.kind === 'packetDropped' && e.cause === 'intervention')).toBe(true);
    expect(events.some((e) => e.kind === 'packetSent' && e.retransmission && (e.packet.type === 'PUBLISH' || e.packet.type === 'PUBREL'))).toBe(true);
    expect(last.status).toMatchObject({ state: 'finished', settled: true });
    expect(last.outcome).toMatchObject({ published: 3, delivered: 3, duplicates: 0, lost: 0, guaranteeHeld: true });
    // The state tables come from the live run while it is shown; a run of the lab ends it.
    expect(api.snapshotAt(events.length - 1)?.clients.map((c) => c.id)).toEqual(['publisher', 'subscriber']);
    expect(api.dropRuleForNext(0)).toEqual({ error: expect.stringMatching(/live run/) });
    api.run({});
    expect(api.liveDropNext()).toBe(false);
  }, 30_000);
});
