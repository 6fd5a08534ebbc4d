/**
 * The run revealed up to the cursor on the SVG on screen (reveal.ts): the cover and the band
 * over it (RevealCover.tsx), and the SVG's own classes.
 *
 * Rules this hook keeps:
 * - A step moves the cover and the band (transforms only) and brings the step into view;
 *   the SVG's own classes follow when the page is idle (they repaint it), or at once when the
 *   learner selects a packet.
 * - A new SVG hides its own future as soon as it is in the DOM (`adopt`, before the browser
 *   paints it, so the future never flashes), for the cursor and selection of that moment.
 * - The region's `data-synced` says whether the SVG's classes match the cursor (for tests).
 */
import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import type { MermaidMap } from '../to-mermaid';
import type { ThemeColors } from './actors';
import { applyCursor, applyDrops, applyMarks, bandOf, coverTop, currentItem, indexSvg, moveBand, moveCover, type RevealIndex } from './reveal';
import { idle } from './frames';
import type { StepInView } from './use-step-in-view';

/** The SVG on screen: the map of the text it was drawn from, and its elements per item. */
export interface Shown {
  map: MermaidMap;
  index: RevealIndex | null;
}

/** The region (it carries `data-synced`) and the two layers RevealCover draws. */
export interface RevealRefs {
  rootRef: RefObject<HTMLElement | null>;
  coverRef: RefObject<HTMLElement | null>;
  bandRef: RefObject<HTMLElement | null>;
}

/** A new SVG is in the DOM: index it and reveal it up to the cursor; returns it and its current step's element. */
export type Adopt = (svg: SVGSVGElement, map: MermaidMap, colors: ThemeColors) => { shown: Shown; current: Element | undefined };

export function useReveal({ rootRef, coverRef, bandRef }: RevealRefs, shown: Shown | null, cursor: number,
  selectedIndex: number | undefined, follow: StepInView['follow']): Adopt {
  const synced = useRef<{ shown: Shown | null; cursor: number; selectedIndex: number | undefined }>({ shown: null, cursor: -2, selectedIndex: undefined });

  // Reveal is applied as soon as a new SVG is in the DOM (before the browser paints it,
  // so the future never flashes), then again whenever the cursor or selection moves.
  const latest = useRef({ cursor, selectedIndex });
  useLayoutEffect(() => {
    latest.current = { cursor, selectedIndex };
  });

  /** Bring the SVG's own classes in line now, and say so (a pending idle sync is then moot). */
  const syncNow = useCallback((target: Shown, c: number, sel: number | undefined) => {
    sync(target, c, sel);
    synced.current = { shown: target, cursor: c, selectedIndex: sel };
    rootRef.current?.setAttribute('data-synced', 'true');
  }, [rootRef]);

  const adopt = useCallback((svg: SVGSVGElement, map: MermaidMap, colors: ThemeColors) => {
    const next: Shown = { map, index: indexSvg(svg, map.items, colors) };
    const { cursor: c, selectedIndex: sel } = latest.current;
    // The new SVG hides its own future (sync); the cover and band, still placed for the old
    // one, stand aside until React has sized them for the new one (the layout effect below).
    syncNow(next, c, sel);
    if (coverRef.current) coverRef.current.style.transform = '';
    if (bandRef.current) bandRef.current.style.transform = '';
    return { shown: next, current: next.index?.elements[currentItem(map.items, map.itemOfEvent, c)]?.[0] };
  }, [syncNow, coverRef, bandRef]);

  useLayoutEffect(() => {
    if (!shown) return;
    return follow(paint(shown, cursor, coverRef.current, bandRef.current));
  }, [shown, cursor, selectedIndex, follow, coverRef, bandRef]);

  // The SVG's own classes: at once for a selection (a click), when idle for a step.
  useLayoutEffect(() => {
    const s = synced.current;
    if (!shown || (s.shown === shown && s.cursor === cursor && s.selectedIndex === selectedIndex)) return;
    if (s.shown !== shown || s.selectedIndex !== selectedIndex) return syncNow(shown, cursor, selectedIndex);
    rootRef.current?.setAttribute('data-synced', 'false');
    return idle(() => syncNow(shown, cursor, selectedIndex), 200);
  }, [shown, cursor, selectedIndex, syncNow, rootRef]);

  return adopt;
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
