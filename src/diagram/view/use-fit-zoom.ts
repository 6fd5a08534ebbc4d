/**
 * How much to zoom the diagram so it fits the width of its scroll box: the SVG is drawn at
 * its natural size (Mermaid `useMaxWidth: false`, 15 px labels) and zoomed with CSS, never
 * below `MIN_ZOOM` (labels stay at least ~12 px; past that, the box scrolls sideways) and
 * never above the scroll box's `--seq-max-zoom` (1, or more in presentation mode).
 */
import { useEffect, useState, type RefObject } from 'react';

const MIN_ZOOM = 0.85;

/** The nearest ancestor that scrolls vertically (the diagram's box), else the page. */
export function findScroller(el: Element | null): Element {
  for (let e = el?.parentElement ?? null; e; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return e;
  }
  return document.scrollingElement ?? document.documentElement;
}

/** The room `scroller` gives the diagram (reads its style and width, so it may lay out the page). */
export interface Room { width: number; maxZoom: number }

export function roomOf(scroller: Element): Room {
  const style = getComputedStyle(scroller);
  const maxZoom = Number(style.getPropertyValue('--seq-max-zoom')) || 1;
  return { width: scroller.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0) - 2, maxZoom };
}

/** The zoom at which `naturalWidth` fits the room, within MIN_ZOOM and the box's maximum. */
export function fitZoom(room: Room, naturalWidth: number): number {
  const z = Math.min(room.maxZoom, Math.max(MIN_ZOOM, room.width / naturalWidth));
  return Math.round(z * 100) / 100;
}

/**
 * The fit zoom, kept up to date as the box resizes. `setZoom` lets the caller set it at once
 * when a new SVG arrives (in the same render as the rest of what the SVG brings), so the SVG
 * is not laid out once at the old zoom and again at the new one.
 */
export function useFitZoom(root: RefObject<HTMLElement | null>, naturalWidth: number | undefined): [number, (zoom: number) => void] {
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const el = root.current;
    if (!el || !naturalWidth) return;
    const scroller = findScroller(el);
    const fit = () => setZoom(fitZoom(roomOf(scroller), naturalWidth));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(scroller);
    return () => ro.disconnect();
  }, [root, naturalWidth]);
  return [zoom, setZoom];
}
