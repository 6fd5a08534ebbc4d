/**
 * Keeping the current step in sight: when a step moves it, when a new SVG replaces the old
 * one, and when the zoom changes. Owns the element last brought into view and, across a
 * swap, where on screen it was.
 *
 * Rules this hook keeps:
 * - Scrolling waits until after the frame is painted: reading the new layout sooner would
 *   force it in the frame the step is shown in.
 * - Except across a swap: the current step is put back at the same place on screen within the
 *   frame (no jump), when it was on screen before.
 */
import { useCallback, useEffect, useRef } from 'react';
import { afterPaint } from './frames';
import { findScroller } from './use-fit-zoom';

const NEAREST: ScrollIntoViewOptions = { block: 'nearest', inline: 'nearest' };

export interface StepInView {
  /** Before a swap: where the current step is on screen now. */
  rememberPlace: () => void;
  /** After a swap: put the new SVG's current step `el` back in its place, or bring it into view. */
  placeAfterSwap: (svg: SVGSVGElement, el: Element | undefined) => void;
  /** After a step: bring `el` into view once painted, unless it is already the one shown; returns a cancel. */
  follow: (el: Element | undefined) => (() => void) | undefined;
}

export function useStepInView(zoom: number): StepInView {
  const lastScrolled = useRef<Element | undefined>(undefined);
  const anchor = useRef<number | null>(null);

  const rememberPlace = useCallback(() => {
    anchor.current = lastScrolled.current?.isConnected ? lastScrolled.current.getBoundingClientRect().top : null;
  }, []);

  const placeAfterSwap = useCallback((svg: SVGSVGElement, el: Element | undefined) => {
    if (el && anchor.current !== null) findScroller(svg).scrollTop += el.getBoundingClientRect().top - anchor.current;
    else if (el) afterPaint(() => el.scrollIntoView(NEAREST));
    anchor.current = null;
    lastScrolled.current = el;
  }, []);

  const follow = useCallback((el: Element | undefined) => {
    if (!el || el === lastScrolled.current) return undefined;
    lastScrolled.current = el;
    return afterPaint(() => el.scrollIntoView(NEAREST));
  }, []);

  // A new zoom (presentation mode, a resized window) moves everything: bring the step back.
  useEffect(() => {
    const el = lastScrolled.current;
    if (el) return afterPaint(() => el.scrollIntoView(NEAREST));
  }, [zoom]);

  return { rememberPlace, placeAfterSwap, follow };
}
