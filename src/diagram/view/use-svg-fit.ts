/**
 * How the rendered SVG sits in its box: the zoom that fits it (use-fit-zoom.ts), set on the
 * canvas, and the row of participant names drawn over it while scrolled (ActorHeader).
 *
 * Rules this hook keeps:
 * - The room is measured before a new SVG replaces the old one (`measureRoom`), while the
 *   layout is clean: after the swap it would lay out the new SVG at the old zoom only to find
 *   the new one.
 * - A new SVG is zoomed to fit (`zoomToFit`) before anything reads its style or layout, so it
 *   is laid out once, at its zoom; the zoom and the names then reach React in one render
 *   (`showActors`).
 */
import { useCallback, useRef, useState, type RefObject } from 'react';
import { readActors, type ActorRow, type ThemeColors } from './actors';
import { findScroller, fitZoom, roomOf, useFitZoom, type Room } from './use-fit-zoom';

export interface SvgFit {
  zoom: number;
  actors: ActorRow | null;
  measureRoom: () => void;
  /** Zooms the canvas for a new SVG; the zoom set, or null when the room is unknown. */
  zoomToFit: (svg: SVGSVGElement) => number | null;
  showActors: (svg: SVGSVGElement, colors: ThemeColors, zoom: number | null) => void;
}

/** `canvasRef`: what the zoom is set on (the SVG, the names row and the reveal layers). */
export function useSvgFit(rootRef: RefObject<HTMLElement | null>, canvasRef: RefObject<HTMLElement | null>): SvgFit {
  const room = useRef<Room | null>(null);
  const [actors, setActors] = useState<ActorRow | null>(null);
  const [zoom, setZoom] = useFitZoom(rootRef, actors?.svgWidth);

  const measureRoom = useCallback(() => {
    room.current = rootRef.current ? roomOf(findScroller(rootRef.current)) : null;
  }, [rootRef]);

  const zoomToFit = useCallback((svg: SVGSVGElement) => {
    const z = room.current ? fitZoom(room.current, svg.viewBox.baseVal.width) : null;
    if (z !== null && canvasRef.current) canvasRef.current.style.zoom = String(z);
    return z;
  }, [canvasRef]);

  const showActors = useCallback((svg: SVGSVGElement, colors: ThemeColors, z: number | null) => {
    setActors(readActors(svg, colors));
    if (z !== null) setZoom(z);
  }, [setZoom]);

  return { zoom, actors, measureRoom, zoomToFit, showActors };
}
