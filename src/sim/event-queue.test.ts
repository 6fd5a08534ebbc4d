/**
 * The event queue pops in (atMs, seq) order whatever mix of heap pushes, in-order pushes and
 * moves made it: checked against a plain sorted list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, type QueueEntry } from './event-queue';

interface TestItem { atMs: number; id: number }

type Op =
  | { op: 'push'; atMs: number }
  | { op: 'pushInOrder'; atMs: number }
  | { op: 'move'; which: number; atMs: number }
  | { op: 'pop' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('push' as const), atMs: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ op: fc.constant('pushInOrder' as const), atMs: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ op: fc.constant('move' as const), which: fc.nat(), atMs: fc.integer({ min: 0, max: 60 }) }),
  fc.record({ op: fc.constant('pop' as const) }),
);

/** What pops next: an item, by id. */
type Popped = { item: number };

function run(ops: Op[]): { queue: Popped[]; model: Popped[] } {
  const queue = new EventQueue<TestItem>();
  const movable: { entry: QueueEntry<TestItem>; id: number }[] = [];
  // The model: every pending key, with what it stands for.
  const pending: { atMs: number; seq: number; popped: Popped }[] = [];
  let seq = 0;
  let id = 0;
  const out = { queue: [] as Popped[], model: [] as Popped[] };
  const popBoth = () => {
    out.queue.push({ item: queue.pop()!.id });
    pending.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    out.model.push(pending.shift()!.popped);
  };
  for (const o of ops) {
    if (o.op === 'pop') {
      if (pending.length > 0) popBoth();
    } else if (o.op === 'move') {
      const live = movable.filter((m) => pending.some((p) => p.popped.item === m.id));
      if (live.length === 0) continue;
      const m = live[o.which % live.length];
      const key = pending.find((p) => p.popped.item === m.id)!;
      key.atMs = o.atMs;
      key.seq = seq;
      m.entry.item.atMs = o.atMs;
      queue.move(m.entry, o.atMs, seq++);
    } else {
      const item = { atMs: o.atMs, id: id++ };
      pending.push({ atMs: o.atMs, seq, popped: { item: item.id } });
      if (o.op === 'push') movable.push({ entry: queue.push(item, seq++), id: item.id });
      else queue.pushInOrder(item, seq++);
    }
    expect(queue.size).toBe(pending.length);
  }
  while (pending.length > 0) popBoth();
  return out;
}

describe('EventQueue', () => {
  it('pops items in (atMs, seq) order, like a sorted list', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 200 }), (ops) => {
      const { queue, model } = run(ops);
      expect(queue).toEqual(model);
    }), { numRuns: 500, seed: 11 });
  });

  it('keeps a moved entry one entry, at its last key, even when moved earlier', () => {
    const { queue } = run([
      { op: 'push', atMs: 10 }, { op: 'move', which: 0, atMs: 30 }, { op: 'move', which: 0, atMs: 20 },
      { op: 'pushInOrder', atMs: 15 }, { op: 'pushInOrder', atMs: 5 }, { op: 'push', atMs: 20 },
    ]);
    // item 0 moved to 20 before item 3 was pushed at 20: the earlier push number goes first
    expect(queue).toEqual([{ item: 2 }, { item: 1 }, { item: 0 }, { item: 3 }]);
  });
});
