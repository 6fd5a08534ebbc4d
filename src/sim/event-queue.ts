/**
 * The discrete event queue: a binary min-heap ordered by (atMs, seq). `seq` grows with every
 * push, so events at the same virtual time run in the order they were scheduled: a stable,
 * machine-independent order. The caller numbers the pushes; the number is kept in the entry
 * only. Its contents are plain data (checkpointable).
 * Design: the heap holds one small entry of a single shape per item, so the comparisons in
 * the hot loop see one hidden class however many kinds of item there are; it sifts with a hole
 * instead of swapping. (atMs, seq) is a total order, so any correct heap pops the same order.
 */
export interface Scheduled {
  atMs: number;
}

/** What the heap stores: the item's key (its time, copied out, and its push number) and the item. */
export interface QueueEntry<T> {
  atMs: number;
  seq: number;
  item: T;
}

const before = (a: QueueEntry<unknown>, b: QueueEntry<unknown>) => a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);

export class EventQueue<T extends Scheduled> {
  constructor(public items: QueueEntry<T>[] = []) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0]?.item;
  }

  /** `seq` must grow with every push (it orders items of equal time). */
  push(item: T, seq: number): void {
    const h = this.items;
    const entry: QueueEntry<T> = { atMs: item.atMs, seq, item };
    let i = h.length;
    h.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (!before(entry, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = entry;
  }

  pop(): T | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && before(h[r], h[l]) ? r : l;
        if (!before(h[m], last)) break;
        h[i] = h[m];
        i = m;
      }
      h[i] = last;
    }
    return top.item;
  }
}
