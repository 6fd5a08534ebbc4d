/**
 * Step-by-step reveal of a rendered sequence diagram: the whole run is drawn once, and a
 * step only toggles classes on the SVG elements of the items after the cursor (no Mermaid
 * render), so a step shows within one frame at any size.
 *
 * How SVG elements are matched to items (Mermaid 12's sequence renderer): each message is
 * a `text.messageText`, a line or path with `data-et="message"`, then the autonumber marker
 * line and `text.sequenceNumber`; each note is a `g[data-et="note"]`; both appear in text
 * order within their kind. `rect` highlights (`rect.rect`) are matched by position.
 */
import type { DiagramItem } from './to-mermaid';

export const FUTURE = 'seq-future';
export const CURRENT = 'seq-current';
export const SELECTED = 'seq-selected';

interface RectBand {
  el: Element;
  y: number;
  height: number;
  /** Items inside the band, in order. */
  items: number[];
  shownHeight?: number;
}

export interface RevealIndex {
  items: DiagramItem[];
  /** SVG elements of each item; the first is what scrolls into view. */
  elements: Element[][];
  top: number[];
  bottom: number[];
  rects: RectBand[];
  /** Per item: currently shown (undefined: never applied). */
  shown: (boolean | undefined)[];
  drop: (boolean | undefined)[];
  marked: Element[];
}

const num = (el: Element | null | undefined, attr: string) => Number(el?.getAttribute(attr) ?? NaN);

function messageGroup(line: Element): Element[] {
  const group = [line];
  for (let prev = line.previousElementSibling; prev?.classList.contains('messageText'); prev = prev.previousElementSibling) group.unshift(prev);
  for (let next = line.nextElementSibling; next; next = next.nextElementSibling) {
    const marker = next.tagName === 'line' && !next.hasAttribute('data-et') && (next.getAttribute('marker-start') ?? '').includes('sequencenumber');
    if (!marker && !next.classList.contains('sequenceNumber')) break;
    group.push(next);
  }
  return group;
}

/** Match the SVG to the items; null when the shapes disagree (then nothing is hidden). */
export function indexSvg(svg: SVGSVGElement, items: DiagramItem[]): RevealIndex | null {
  const lines = Array.from(svg.querySelectorAll('[data-et="message"]'));
  const notes = Array.from(svg.querySelectorAll('g[data-et="note"]'));
  const wantMessages = items.filter((i) => i.kind === 'message').length;
  if (lines.length !== wantMessages || notes.length !== items.length - wantMessages) return null;
  let m = 0;
  let n = 0;
  const elements: Element[][] = [];
  const top: number[] = [];
  const bottom: number[] = [];
  items.forEach((item, k) => {
    if (item.kind === 'message') {
      const line = lines[m++];
      const group = messageGroup(line);
      elements.push([line, ...group.filter((e) => e !== line)]);
      const y = num(line, 'y1') || Number(/M\s*[\d.]+,([\d.]+)/.exec(line.getAttribute('d') ?? '')?.[1]);
      top.push(Math.min(y, num(group[0], 'y') || y) - 12);
      bottom.push(y + 4);
    } else {
      const g = notes[n++];
      const rect = g.querySelector('rect');
      elements.push([g]);
      top.push(num(rect, 'y'));
      bottom.push(num(rect, 'y') + num(rect, 'height'));
    }
    for (const el of elements[k]) el.setAttribute('data-item', String(k));
  });
  const rects: RectBand[] = Array.from(svg.querySelectorAll('rect.rect')).map((el) => {
    const y = num(el, 'y');
    const height = num(el, 'height');
    const inside = items.map((_, k) => k).filter((k) => top[k] >= y - 1 && bottom[k] <= y + height + 1);
    return { el, y, height, items: inside };
  });
  return { items, elements, top, bottom, rects, shown: [], drop: [], marked: [] };
}

function visibleAt(item: DiagramItem, cursor: number): boolean {
  return item.eventIndex < 0 || item.eventIndex <= cursor;
}

/** Hide what comes after `cursor`; only elements whose state changes are touched. */
export function applyCursor(ix: RevealIndex, cursor: number): void {
  ix.items.forEach((item, k) => {
    const show = visibleAt(item, cursor);
    if (ix.shown[k] !== show) {
      ix.shown[k] = show;
      for (const el of ix.elements[k]) el.classList.toggle(FUTURE, !show);
    }
    if (item.dropEventIndex !== undefined) {
      // Until the drop happens, the packet is simply in flight: draw an arrowhead, not the cross.
      const dropped = cursor >= item.dropEventIndex;
      if (ix.drop[k] !== dropped) {
        ix.drop[k] = dropped;
        const line = ix.elements[k][0];
        const marker = line.getAttribute('marker-end') ?? '';
        line.setAttribute('marker-end', dropped ? marker.replace('-arrowhead)', '-crosshead)') : marker.replace('-crosshead)', '-arrowhead)'));
      }
    }
  });
  for (const r of ix.rects) {
    const visible = r.items.filter((k) => ix.shown[k]);
    r.el.classList.toggle(FUTURE, visible.length === 0);
    const end = visible.length === r.items.length ? r.y + r.height : ix.bottom[visible[visible.length - 1] ?? 0] + 8;
    const height = Math.max(0, end - r.y);
    if (r.shownHeight !== height) {
      r.shownHeight = height;
      r.el.setAttribute('height', String(height));
    }
  }
}

/** Mark the current and the selected item; returns the current item's first element. */
export function applyMarks(ix: RevealIndex, current: number, selected: number): Element | undefined {
  for (const el of ix.marked) el.classList.remove(CURRENT, SELECTED);
  ix.marked = [];
  const mark = (k: number, cls: string) => {
    for (const el of ix.elements[k] ?? []) {
      el.classList.add(cls);
      ix.marked.push(el);
    }
  };
  if (current >= 0) mark(current, CURRENT);
  if (selected >= 0) mark(selected, SELECTED);
  return ix.elements[current]?.[0];
}

/** The item to highlight at `cursor`: the one showing that event, else the last one revealed. */
export function currentItem(items: DiagramItem[], itemOfEvent: number[], cursor: number): number {
  const direct = itemOfEvent[cursor] ?? -1;
  if (direct >= 0) return direct;
  for (let k = items.length - 1; k >= 0; k--) if (items[k].eventIndex >= 0 && items[k].eventIndex <= cursor) return k;
  return -1;
}
