/**
 * Taking over a new SVG from MermaidView: its two callbacks run in the one task in which the
 * new SVG replaces the old one, so nothing in between is painted.
 *
 * Rules this hook keeps:
 * - Before the swap, while the layout is clean: where the current step is on screen, and the
 *   room the diagram has.
 * - After it, in this order: zoomed to fit before anything reads its style or layout; its
 *   future hidden; the current step kept in place (no jump) or brought into view after the
 *   frame; then React learns of it, with the names row and the zoom in the same render.
 * - An SVG drawn from a text no longer among the recent ones is left alone.
 */
import { useCallback, type Dispatch, type SetStateAction } from 'react';
import type { MermaidMap } from '../to-mermaid';
import { svgThemeColors } from './actors';
import type { Adopt, Shown } from './use-reveal';
import type { StepInView } from './use-step-in-view';
import type { SvgFit } from './use-svg-fit';

export interface SvgSwapParts {
  mapOf: (text: string) => MermaidMap | undefined;
  fit: SvgFit;
  scroll: StepInView;
  adopt: Adopt;
  setShown: Dispatch<SetStateAction<Shown | null>>;
}

/** MermaidView's `onBeforeSwap` and `onRendered` for the live diagram; both keep their identity. */
export function useSvgSwap({ mapOf, fit, scroll, adopt, setShown }: SvgSwapParts) {
  const { measureRoom, zoomToFit, showActors } = fit;
  const { rememberPlace, placeAfterSwap } = scroll;

  const onBeforeSwap = useCallback(() => {
    rememberPlace();
    measureRoom();
  }, [rememberPlace, measureRoom]);

  const onRendered = useCallback((svg: SVGSVGElement, text: string) => {
    const map = mapOf(text);
    if (!map) return;
    const zoom = zoomToFit(svg);
    const colors = svgThemeColors(svg);
    const { shown, current } = adopt(svg, map, colors);
    placeAfterSwap(svg, current);
    setShown(shown);
    showActors(svg, colors, zoom);
  }, [mapOf, zoomToFit, adopt, placeAfterSwap, setShown, showActors]);

  return { onBeforeSwap, onRendered };
}
