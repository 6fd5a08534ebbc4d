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

export function useFitZoom(root: RefObject<HTMLElement | null>, naturalWidth: number | undefined): number {
  const [zoom, setZoom] = useState(1);
  useEffect(() => {
    const el = root.current;
    if (!el || !naturalWidth) return;
    const scroller = findScroller(el);
    const fit = () => {
      const style = getComputedStyle(scroller);
      const max = Number(style.getPropertyValue('--seq-max-zoom')) || 1;
      const room = scroller.clientWidth - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0) - 2;
      const z = Math.min(max, Math.max(MIN_ZOOM, room / naturalWidth));
      setZoom(Math.round(z * 100) / 100);
    };
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(scroller);
    return () => ro.disconnect();
  }, [root, naturalWidth]);
  return zoom;
}
