/**
 * Step-by-step reveal of a rendered sequence diagram: the whole run is drawn once (no Mermaid
 * render per step), and a step only moves two HTML layers over it: a cover that hides what
 * comes after the cursor (white, with the lifelines drawn on it) and a band that marks the
 * current step. Both move by `transform` alone, so a step costs the compositor a frame and
 * the SVG is neither restyled nor repainted, whatever its size.
 * The SVG itself is kept in step too (future items `visibility: hidden`, so they are neither
 * read out nor found by the browser's search; `seq-current` on the current item), but that
 * repaints the whole SVG, so the page does it when idle (`applyCursor`, `applyMarks`).
 * Design: this relies on items being revealed top to bottom: after the always-visible notes
 * (eventIndex -1) the items follow the trace, so what is revealed is always a prefix.
 *
 * How SVG elements are matched to items (Mermaid 12's sequence renderer): each message is
 * a `text.messageText`, a line or path with `data-et="message"`, then the autonumber marker
 * line and `text.sequenceNumber`; each note is a `g[data-et="note"]`; both appear in text
 * order within their kind. `rect` highlights (`rect.rect`) are matched by position.
 */
import type { DiagramItem } from '../to-mermaid';
import { svgThemeColors, type ThemeColors } from './actors';

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

/** Where the cover and the band go, in CSS px from the SVG's top-left (drawn at natural size). */
export interface RevealGeometry {
  width: number;
  /** the lifelines' top (under the top actor boxes) and bottom (over the bottom ones) */
  lifeTop: number;
  lifeBottom: number;
  lifelines: { x: number; stroke: string }[];
  /** the viewBox's y: SVG units minus this are CSS px from the top */
  originY: number;
}

export interface RevealIndex {
  items: DiagramItem[];
  geometry: RevealGeometry;
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
export function indexSvg(svg: SVGSVGElement, items: DiagramItem[], colors: ThemeColors = svgThemeColors(svg)): RevealIndex | null {
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
  return { items, geometry: readGeometry(svg, colors), elements, top, bottom, rects, shown: [], drop: [], marked: [] };
}

function readGeometry(svg: SVGSVGElement, colors: ThemeColors): RevealGeometry {
  const vb = svg.viewBox.baseVal;
  const lines = Array.from(svg.querySelectorAll('line.actor-line'));
  const lifelines = lines.map((line) => ({ x: num(line, 'x1') - vb.x, stroke: colors.lifeline ?? getComputedStyle(line).stroke }));
  const lifeTop = Math.min(...lines.map((l) => num(l, 'y1'))) - vb.y;
  const lifeBottom = Math.max(...lines.map((l) => num(l, 'y2'))) - vb.y;
  return {
    width: vb.width, lifelines, originY: vb.y,
    lifeTop: Number.isFinite(lifeTop) ? lifeTop : 0,
    lifeBottom: Number.isFinite(lifeBottom) ? lifeBottom : vb.height,
  };
}

/**
 * Where the cover starts (CSS px from the SVG's top): just above the first item not revealed
 * at `cursor`, never into the last revealed one; at the lifelines' end when all are revealed.
 */
export function coverTop(ix: RevealIndex, cursor: number): number {
  const { lifeTop, lifeBottom, originY } = ix.geometry;
  const k = ix.items.findIndex((item) => !visibleAt(item, cursor));
  if (k < 0) return lifeBottom;
  const floor = k > 0 ? inked(ix, k - 1).bottom + 1 : -Infinity;
  return Math.min(lifeBottom, Math.max(lifeTop, Math.max(floor, inked(ix, k).top - 1) - originY));
}

/**
 * What item `k` draws, top to bottom, in SVG units. `top`/`bottom` carry a margin (they sort
 * items into `rect` bands); a message's ink is its label's first line (`top` + 12) down to
 * the sequence-number circle on its line (radius 10; `bottom` is the line + 4).
 */
function inked(ix: RevealIndex, k: number): { top: number; bottom: number } {
  return ix.items[k].kind === 'message' ? { top: ix.top[k] + 9, bottom: ix.bottom[k] + 7 } : { top: ix.top[k], bottom: ix.bottom[k] };
}

/** The current item's extent (CSS px from the SVG's top), for the band; null: none. */
export function bandOf(ix: RevealIndex, current: number): { top: number; height: number } | null {
  if (current < 0 || current >= ix.items.length) return null;
  const { top, bottom } = inked(ix, current);
  return { top: top - 3 - ix.geometry.originY, height: bottom - top + 6 };
}

/**
 * Draw a dropped packet's arrow as in flight until its drop happens (an arrowhead, then the
 * cross). Cheap and rare (only arrows whose state changes are touched), so it runs on every step.
 */
export function applyDrops(ix: RevealIndex, cursor: number): void {
  ix.items.forEach((item, k) => {
    if (item.dropEventIndex === undefined) return;
    const dropped = cursor >= item.dropEventIndex;
    if (ix.drop[k] === dropped) return;
    ix.drop[k] = dropped;
    const line = ix.elements[k][0];
    const marker = line.getAttribute('marker-end') ?? '';
    line.setAttribute('marker-end', dropped ? marker.replace('-arrowhead)', '-crosshead)') : marker.replace('-crosshead)', '-arrowhead)'));
  });
}

function visibleAt(item: DiagramItem, cursor: number): boolean {
  return item.eventIndex < 0 || item.eventIndex <= cursor;
}

/** Hide what comes after `cursor` in the SVG itself; only elements whose state changes are touched. */
export function applyCursor(ix: RevealIndex, cursor: number): void {
  applyDrops(ix, cursor);
  ix.items.forEach((item, k) => {
    const show = visibleAt(item, cursor);
    if (ix.shown[k] !== show) {
      ix.shown[k] = show;
      for (const el of ix.elements[k]) el.classList.toggle(FUTURE, !show);
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

/** Height of the band before scaling: the band is scaled to the current item's height. */
export const BAND_UNIT = 100;

/** Hide everything from `top` (CSS px from the SVG's top) down to the lifelines' end. */
export function moveCover(cover: HTMLElement | null, g: RevealGeometry, top: number): void {
  if (cover) cover.style.transform = `translateY(${Math.max(0, top - g.lifeTop)}px)`;
}

/** Put the band over `extent` (CSS px from the SVG's top), or hide it. */
export function moveBand(band: HTMLElement | null, extent: { top: number; height: number } | null): void {
  if (!band) return;
  band.style.transform = extent ? `translateY(${extent.top}px) scaleY(${extent.height / BAND_UNIT})` : 'scaleY(0)';
}
