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
 *   a lossy run). The old key stays behind as a *ghost*, a bare (atMs, seq) pair kept with the
 *   entry, and still pops in its place in the order, as the dead item it replaces did: the caller
 *   counts it as a step and lets it move the clock, so step bounds and times are exactly what
 *   they were, without an object per request. An entry's ghosts are kept in key order, which is
 *   nearly always the order it left them in (wake-ups move later), so they pop from the front.
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
  /** the keys it was moved away from, ascending: [atMs, seq, atMs, seq, ...], from `ghostHead` on still to pop */
  ghosts: number[] | undefined;
  ghostHead: number;
}

/** The queue as plain data (it lives in the world's state). */
export interface QueueState<T> {
  heap: QueueEntry<T>[];
  /** the in-order lane: its items, in key order, and their push numbers, still to pop from `laneHead` on (before: popped, cleared) */
  lane: (T | undefined)[];
  laneSeq: number[];
  laneHead: number;
  /** entries with ghosts still to pop (an entry may have popped itself meanwhile) */
  movers: QueueEntry<T>[];
  /** the mover whose next ghost is the earliest of all (kept, not searched for at every pop) */
  firstMover: QueueEntry<T> | undefined;
  ghostCount: number;
}

export function emptyQueue<T>(): QueueState<T> {
  return { heap: [], lane: [], laneSeq: [], laneHead: 0, movers: [], firstMover: undefined, ghostCount: 0 };
}

/** Whether `a`'s next ghost comes before `b`'s. */
const ghostBefore = (a: QueueEntry<unknown>, b: QueueEntry<unknown>) =>
  keyBefore(a.ghosts![a.ghostHead], a.ghosts![a.ghostHead + 1], b.ghosts![b.ghostHead], b.ghosts![b.ghostHead + 1]);

const before = (a: QueueEntry<unknown>, b: QueueEntry<unknown>) => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
const keyBefore = (atMs: number, seq: number, bAtMs: number, bSeq: number) => atMs < bAtMs || (atMs === bAtMs && seq < bSeq);

export class EventQueue<T extends Scheduled> {
  constructor(private readonly state: QueueState<T> = emptyQueue()) {}

  /** Items and ghosts still to pop. */
  get size(): number {
    const s = this.state;
    return s.heap.length + (s.lane.length - s.laneHead) + s.ghostCount;
  }

  /** `seq` must grow with every push (it orders items of equal time). */
  push(item: T, seq: number): QueueEntry<T> {
    const entry: QueueEntry<T> = { atMs: item.atMs, seq, item, pos: this.state.heap.length, ghosts: undefined, ghostHead: 0 };
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

  /** Gives a queued entry a new key (`seq` from the same count as pushes); its old key pops as a ghost. */
  move(entry: QueueEntry<T>, atMs: number, seq: number): void {
    this.leaveGhost(entry);
    entry.atMs = atMs;
    entry.seq = seq;
    this.siftUp(entry);
    this.siftDown(entry); // a no-op if it moved up
  }

  /** If a ghost comes next, removes it and returns its time; otherwise undefined (`pop` comes next). */
  takeGhost(): number | undefined {
    const { movers, heap, firstMover: first } = this.state;
    if (first === undefined) return undefined;
    const ghosts = first.ghosts!;
    const head = first.ghostHead;
    const atMs = ghosts[head];
    const top = heap[0];
    if (top !== undefined && !keyBefore(atMs, ghosts[head + 1], top.atMs, top.seq)) return undefined;
    const { lane, laneHead } = this.state;
    if (laneHead < lane.length && !keyBefore(atMs, ghosts[head + 1], lane[laneHead]!.atMs, this.state.laneSeq[laneHead])) return undefined;
    this.state.ghostCount--;
    if (head + 2 === ghosts.length) {
      ghosts.length = 0;
      first.ghostHead = 0;
      movers.splice(movers.indexOf(first), 1);
    } else if (head >= 64) {
      first.ghosts = ghosts.slice(head + 2); // now and then, not a shift per pop (that would copy the rest every time)
      first.ghostHead = 0;
    } else {
      first.ghostHead = head + 2;
    }
    let next = movers[0];
    for (let i = 1; i < movers.length; i++) if (ghostBefore(movers[i], next)) next = movers[i];
    this.state.firstMover = next;
    return atMs;
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

  /** Keeps the entry's current key as a ghost, in key order (almost always at the end). */
  private leaveGhost(entry: QueueEntry<T>): void {
    let ghosts = entry.ghosts;
    if (ghosts === undefined) entry.ghosts = ghosts = [];
    if (ghosts.length === 0) this.state.movers.push(entry);
    let i = ghosts.length;
    while (i > entry.ghostHead && keyBefore(entry.atMs, entry.seq, ghosts[i - 2], ghosts[i - 1])) i -= 2;
    if (i === ghosts.length) ghosts.push(entry.atMs, entry.seq);
    else ghosts.splice(i, 0, entry.atMs, entry.seq);
    this.state.ghostCount++;
    const first = this.state.firstMover;
    if (first === undefined || (first !== entry && ghostBefore(entry, first))) this.state.firstMover = entry;
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
