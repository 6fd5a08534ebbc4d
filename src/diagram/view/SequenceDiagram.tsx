/**
 * The live sequence diagram of a run. The whole run (or, on long runs, a window around the
 * cursor) is rendered once; stepping reveals it by moving a cover and a band over the SVG
 * (reveal.ts, RevealCover.tsx), so a Step never waits for Mermaid and never repaints the SVG.
 * A new render happens only when the trace or the options change (an intervention changes
 * the trace) or the window moves.
 *
 * Rules this component keeps:
 * - A changed run is shown fast: first a quick render of the arrows around the cursor
 *   (window.ts), then the whole run in an idle callback, swapped in with the current step
 *   kept at the same place on screen (no flicker, no jump).
 * - A step moves the cover and the band (transforms only); the SVG's own classes follow when
 *   the page is idle (they repaint it), or at once when the learner selects a packet.
 *   Scrolling the new step into view waits until after the frame is painted.
 * - The region says whether the SVG's classes match the cursor (`data-synced`) and whether
 *   the whole run (not the quick first render) is on screen (`data-complete`), for tests.
 * - Participant names stay in sight while scrolled (ActorHeader); the SVG is drawn at its
 *   natural size and zoomed to fit its box (use-fit-zoom.ts).
 *
 * Contract: the region's accessible name is "Sequence diagram" (DESIGN.md), whatever the
 * visible heading's language.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import type { Trace } from '../../sim/trace';
import { MermaidView } from './MermaidView';
import { ActorHeader } from './ActorHeader';
import { readActors, svgThemeColors, type ActorRow } from './actors';
import { applyCursor, applyDrops, applyMarks, bandOf, coverTop, currentItem, indexSvg, moveBand, moveCover, type RevealIndex } from './reveal';
import { RevealCover } from './RevealCover';
import { arrowEventIndices, toMermaidWithMap, type MermaidMap, type MermaidOptions } from '../to-mermaid';
import { chooseWindow, windowAround } from '../window';
import { findScroller, fitZoom, roomOf, useFitZoom, type Room } from './use-fit-zoom';
import './sequence.css';
import { afterPaint, idle } from './frames';

export interface SequenceDiagramProps {
  trace: Trace;
  /** Index of the last revealed trace event; -1: nothing yet. */
  cursor: number;
  options: MermaidOptions;
  selectedIndex?: number;
  onSelect?: (eventIndex: number) => void;
}

interface Shown {
  map: MermaidMap;
  index: RevealIndex | null;
}

export function SequenceDiagram({ trace, cursor, options, selectedIndex, onSelect }: SequenceDiagramProps) {
  const { lang, hideConnectionSetup, timestamps, compact, narrow, wrapAt, noteWrapAt } = options;
  const opts = useMemo(() => ({ lang, hideConnectionSetup, timestamps, compact, narrow, wrapAt, noteWrapAt }),
    [lang, hideConnectionSetup, timestamps, compact, narrow, wrapAt, noteWrapAt]);
  const arrows = useMemo(() => arrowEventIndices(trace, opts), [trace, opts]);
  const range = chooseWindow(arrows, trace.events.length, cursor);
  const first = range?.first ?? -1;
  const last = range?.last ?? -1;
  const full = useMemo(() => toMermaidWithMap(trace, opts, first >= 0 ? { first, last } : undefined), [trace, opts, first, last]);

  // A new run (or new options) is drawn quickly around the cursor first; `phase.full` says
  // the whole run may be drawn now. The quick range is fixed by the cursor the run came with.
  const [phase, setPhase] = useState({ trace, opts, at: cursor, full: false });
  let now = phase;
  if (phase.trace !== trace || phase.opts !== opts) {
    now = { trace, opts, at: cursor, full: false };
    setPhase(now);
  }
  const quick = useMemo(() => {
    const r = windowAround(arrows, trace.events.length, now.at);
    return r ? toMermaidWithMap(trace, opts, r) : null;
  }, [arrows, trace, opts, now.at]);
  const map = now.full || !quick ? full : quick;

  // Maps of recently requested texts: the SVG that arrives may be an older one (coalescing).
  const maps = useRef(new Map<string, MermaidMap>());
  const [shown, setShown] = useState<Shown | null>(null);
  const [actors, setActors] = useState<ActorRow | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const lastScrolled = useRef<Element | undefined>(undefined);
  const cover = useRef<HTMLDivElement>(null);
  const band = useRef<HTMLDivElement>(null);
  const synced = useRef<{ shown: Shown | null; cursor: number; selectedIndex: number | undefined }>({ shown: null, cursor: -2, selectedIndex: undefined });
  const anchor = useRef<number | null>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useFitZoom(root, actors?.svgWidth);

  useLayoutEffect(() => {
    const m = maps.current;
    m.set(map.text, map);
    while (m.size > 4) m.delete(m.keys().next().value as string);
  }, [map]);

  // The quick render is on screen: draw the whole run when the page is idle.
  const waiting = !now.full && quick !== null && shown?.map.text === quick.text;
  useEffect(() => {
    if (!waiting) return;
    return idle(() => setPhase((p) => (p.trace === trace && p.opts === opts ? { ...p, full: true } : p)));
  }, [waiting, trace, opts]);

  // Reveal is applied as soon as a new SVG is in the DOM (before the browser paints it,
  // so the future never flashes), then again whenever the cursor or selection moves.
  const latest = useRef({ cursor, selectedIndex });
  useLayoutEffect(() => {
    latest.current = { cursor, selectedIndex };
  });

  const room = useRef<Room | null>(null);
  const onBeforeSwap = useCallback(() => {
    // Where the current step is on screen now, to put it back there in the new SVG; and the
    // room the diagram has, read while the layout is clean (after the swap it would lay out
    // the new SVG at the old zoom only to find the new one).
    anchor.current = lastScrolled.current?.isConnected ? lastScrolled.current.getBoundingClientRect().top : null;
    room.current = root.current ? roomOf(findScroller(root.current)) : null;
  }, []);

  /** Bring the SVG's own classes in line now, and say so (a pending idle sync is then moot). */
  const syncNow = useCallback((target: Shown, c: number, sel: number | undefined) => {
    sync(target, c, sel);
    synced.current = { shown: target, cursor: c, selectedIndex: sel };
    root.current?.setAttribute('data-synced', 'true');
  }, []);

  const onRendered = useCallback((svg: SVGSVGElement, text: string) => {
    const m = maps.current.get(text);
    if (!m) return;
    // Zoomed to fit before anything reads its style or layout: laid out once, at its zoom.
    const z = room.current ? fitZoom(room.current, svg.viewBox.baseVal.width) : null;
    if (z !== null && canvas.current) canvas.current.style.zoom = String(z);
    const colors = svgThemeColors(svg);
    const next: Shown = { map: m, index: indexSvg(svg, m.items, colors) };
    const { cursor: c, selectedIndex: sel } = latest.current;
    // The new SVG hides its own future (sync); the cover and band, still placed for the old
    // one, stand aside until React has sized them for the new one (the layout effect below).
    syncNow(next, c, sel);
    if (cover.current) cover.current.style.transform = '';
    if (band.current) band.current.style.transform = '';
    const el = next.index?.elements[currentItem(m.items, m.itemOfEvent, c)]?.[0];
    // Kept in place within this frame when replacing a diagram (no jump); brought into view
    // after the frame otherwise, as a step does (reading the new layout now would force it).
    if (el && anchor.current !== null) findScroller(svg).scrollTop += el.getBoundingClientRect().top - anchor.current;
    else if (el) afterPaint(() => el.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
    anchor.current = null;
    lastScrolled.current = el;
    setShown(next);
    setActors(readActors(svg, colors));
    if (z !== null) setZoom(z);
  }, [syncNow, setZoom]);

  useLayoutEffect(() => {
    if (!shown) return;
    const el = paint(shown, cursor, cover.current, band.current);
    if (!el || el === lastScrolled.current) return;
    lastScrolled.current = el;
    return afterPaint(() => el.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  }, [shown, cursor, selectedIndex]);

  // The SVG's own classes: at once for a selection (a click), when idle for a step.
  useLayoutEffect(() => {
    const s = synced.current;
    if (!shown || (s.shown === shown && s.cursor === cursor && s.selectedIndex === selectedIndex)) return;
    if (s.shown !== shown || s.selectedIndex !== selectedIndex) return syncNow(shown, cursor, selectedIndex);
    root.current?.setAttribute('data-synced', 'false');
    return idle(() => syncNow(shown, cursor, selectedIndex), 200);
  }, [shown, cursor, selectedIndex, syncNow]);

  // A new zoom (presentation mode, a resized window) moves everything: bring the step back.
  useEffect(() => {
    const el = lastScrolled.current;
    if (el) return afterPaint(() => el.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  }, [zoom]);

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const hit = (e.target as Element).closest('[data-item]');
    const item = hit && shown ? shown.map.items[Number(hit.getAttribute('data-item'))] : undefined;
    if (item?.kind === 'message' && item.eventIndex >= 0 && item.eventIndex <= cursor) onSelect?.(item.eventIndex);
  };

  return (
    <div ref={root} role="region" aria-label="Sequence diagram" className="sequence-diagram" onClick={onClick}
      data-rendered={shown ? 'true' : 'false'} data-hidden-steps={map.hiddenArrows} data-synced="true"
      data-complete={shown?.map.text === full.text ? 'true' : 'false'}>
      <div ref={canvas} className="seq-canvas" style={{ zoom }}>
        <ActorHeader row={actors} />
        <MermaidView className="seq-svg" text={map.text} onBeforeSwap={onBeforeSwap} onRendered={onRendered} />
        {shown?.index && <RevealCover geometry={shown.index.geometry} coverRef={cover} bandRef={band} />}
      </div>
    </div>
  );
}

/**
 * Show the SVG up to `cursor`: the cover and the band move (compositor only) and dropped
 * arrows get their cross; returns the current item's element (to scroll into view).
 */
function paint({ map, index }: Shown, cursor: number, coverEl: HTMLElement | null, bandEl: HTMLElement | null): Element | undefined {
  if (!index) return undefined;
  const current = currentItem(map.items, map.itemOfEvent, cursor);
  applyDrops(index, cursor);
  moveCover(coverEl, index.geometry, coverTop(index, cursor));
  moveBand(bandEl, bandOf(index, current));
  return index.elements[current]?.[0];
}

/** Bring the SVG's own classes in line with `cursor` and the selection (repaints the SVG). */
function sync({ map, index }: Shown, cursor: number, selectedIndex: number | undefined): void {
  if (!index) return;
  applyCursor(index, cursor);
  const current = currentItem(map.items, map.itemOfEvent, cursor);
  const selected = selectedIndex !== undefined && selectedIndex >= 0 ? (map.itemOfEvent[selectedIndex] ?? -1) : -1;
  applyMarks(index, current, selected);
}
