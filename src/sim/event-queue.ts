/**
 * The discrete event queue: a binary min-heap ordered by (atMs, seq). `seq` grows with every
 * push, so events at the same virtual time run in the order they were scheduled: a stable,
 * machine-independent order. The caller numbers the pushes; the number is kept in the queue
 * only. Its contents are plain data (checkpointable).
 * Design: the heap holds one small entry of a single shape per item, so the comparisons in
 *   the hot loop see one hidden class however many kinds of item there are; it sifts with a hole
 *   instead of swapping. (atMs, seq) is a total order, so any correct heap pops the same order.
 * Design: an entry can be moved to a new key (`move`): an engine that asks for a new wake-up
 *   keeps one entry instead of leaving a dead one behind per request (a third of all items in
 *   a lossy run). A dead wake-up did nothing when it popped, so the run's events and times are
 *   the same; only the count of items processed is smaller.
 * Design: most items are packets and resets due a fixed latency after now, so they come in key
 *   order: `pushInOrder` appends such an item to a plain FIFO *lane* (no entry object, no sifting)
 *   and only one that would come before the lane's last item goes to the heap. Popping takes the
 *   earlier of the lane's head and the heap's top, so the order is the same either way.
 */
export interface Scheduled {
  atMs: number;
}

/** What the heap stores: the item's key (its time, copied out, and its push number), the item and its place in the heap. */
export interface QueueEntry<T> {
  atMs: number;
  seq: number;
  item: T;
  /** index in `heap`, kept up to date so an entry can be moved */
  pos: number;
}

/** The queue as plain data (it lives in the world's state). */
export interface QueueState<T> {
  heap: QueueEntry<T>[];
  /** the in-order lane: its items, in key order, and their push numbers, still to pop from `laneHead` on (before: popped, cleared) */
  lane: (T | undefined)[];
  laneSeq: number[];
  laneHead: number;
}

export function emptyQueue<T>(): QueueState<T> {
  return { heap: [], lane: [], laneSeq: [], laneHead: 0 };
}

const before = (a: QueueEntry<unknown>, b: QueueEntry<unknown>) => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
const keyBefore = (atMs: number, seq: number, bAtMs: number, bSeq: number) => atMs < bAtMs || (atMs === bAtMs && seq < bSeq);

export class EventQueue<T extends Scheduled> {
  constructor(private readonly state: QueueState<T> = emptyQueue()) {}

  /** Items still to pop. */
  get size(): number {
    const s = this.state;
    return s.heap.length + (s.lane.length - s.laneHead);
  }

  /** `seq` must grow with every push (it orders items of equal time). */
  push(item: T, seq: number): QueueEntry<T> {
    const entry: QueueEntry<T> = { atMs: item.atMs, seq, item, pos: this.state.heap.length };
    this.state.heap.push(entry);
    this.siftUp(entry);
    return entry;
  }

  /** Like `push` for an item that is usually due no earlier than the last one pushed so (see the header); it cannot be moved. */
  pushInOrder(item: T, seq: number): void {
    const { lane, laneSeq, laneHead } = this.state;
    if (lane.length > laneHead && item.atMs < lane[lane.length - 1]!.atMs) {
      this.push(item, seq);
      return;
    }
    lane.push(item);
    laneSeq.push(seq);
  }

  /** Gives a queued entry a new key (`seq` from the same count as pushes). */
  move(entry: QueueEntry<T>, atMs: number, seq: number): void {
    entry.atMs = atMs;
    entry.seq = seq;
    this.siftUp(entry);
    this.siftDown(entry); // a no-op if it moved up
  }

  pop(): T | undefined {
    const s = this.state;
    const h = s.heap;
    if (s.laneHead < s.lane.length) {
      const top = h[0];
      if (top === undefined || keyBefore(s.lane[s.laneHead]!.atMs, s.laneSeq[s.laneHead], top.atMs, top.seq)) return this.popLane();
    }
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      last.pos = 0;
      this.siftDown(last);
    }
    return top.item;
  }

  private popLane(): T {
    const s = this.state;
    const item = s.lane[s.laneHead]!;
    s.lane[s.laneHead++] = undefined; // a popped packet is not kept alive (nor copied into checkpoints)
    if (s.laneHead >= 256) {
      // Now and then, drop the popped slots (not at every pop: emptying an array is a slow call).
      s.lane = s.lane.slice(s.laneHead);
      s.laneSeq = s.laneSeq.slice(s.laneHead);
      s.laneHead = 0;
    }
    return item;
  }

  private siftUp(entry: QueueEntry<T>): void {
    const h = this.state.heap;
    let i = entry.pos;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (!before(entry, p)) break;
      h[i] = p;
      p.pos = i;
      i = parent;
    }
    h[i] = entry;
    entry.pos = i;
  }

  private siftDown(entry: QueueEntry<T>): void {
    const h = this.state.heap;
    const n = h.length;
    let i = entry.pos;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && before(h[r], h[l]) ? r : l;
      const child = h[m];
      if (!before(child, entry)) break;
      h[i] = child;
      child.pos = i;
      i = m;
    }
    h[i] = entry;
    entry.pos = i;
  }
}
