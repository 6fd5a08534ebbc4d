/**
 * One run's sequence diagram in the versions view: the whole run (on a long run, the part around
 * the difference in focus, window.ts), its differences marked Δ in tinted boxes (to-mermaid's
 * `marks`). Showing a difference scrolls this diagram's own box to it and outlines it.
 *
 * Design: drawn at its natural size, zoomed down (up only in presentation mode) to its box's width, in a box that
 * scrolls; the participants' names stay in sight as the live view's do (ActorHeader). The box is
 * focusable, so the keyboard scrolls it too.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Trace } from '../../../worker/api';
import { arrowEventIndices, toMermaidWithMap, type MermaidOptions } from '../../../diagram/to-mermaid';
import { chooseWindow } from '../../../diagram/window';
import { indexSvg, type RevealIndex } from '../../../diagram/view/reveal';
import { MermaidView } from '../../../diagram/view/MermaidView';
import { ActorHeader } from '../../../diagram/view/ActorHeader';
import { readActors, type ActorRow } from '../../../diagram/view/actors';
import '../../../diagram/view/sequence.css';
import { useLab } from '../../store/lab-store';

export const FOCUSED = 'vd-focus';
/** How far presentation mode may zoom a diagram up, for the back of a classroom. */
const PRESENTATION_MAX_ZOOM = 1.6;

interface Props {
  trace: Trace;
  options: MermaidOptions;
  marks: ReadonlyMap<number, string>;
  /** The events of the difference in focus on this side ([]: none here), and a counter that changes per request. */
  focus: { events: number[]; seq: number } | null;
  /** The event a long run's window centres on when nothing is in focus. */
  home: number;
  label: string;
  onWindowed?: (windowed: boolean) => void;
}

export function VersionDiagram({ trace, options, marks, focus, home, label, onWindowed }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const index = useRef<RevealIndex | null>(null);
  const [actors, setActors] = useState<ActorRow | null>(null);
  const width = useBoxWidth(box);
  const maxZoom = useLab((s) => (s.view.presentation ? PRESENTATION_MAX_ZOOM : 1));
  const zoom = actors && width ? Math.min(maxZoom, (width - 2) / actors.svgWidth) : 1;
  const opts = useMemo(() => ({ ...options, marks }), [options, marks]);
  const arrows = useMemo(() => arrowEventIndices(trace, opts), [trace, opts]);
  const centre = focus?.events[0] ?? home;
  const range = chooseWindow(arrows, trace.events.length, centre);
  const first = range?.first ?? -1;
  const last = range?.last ?? -1;
  const map = useMemo(() => toMermaidWithMap(trace, opts, first >= 0 ? { first, last } : undefined), [trace, opts, first, last]);
  useEffect(() => onWindowed?.(first >= 0), [first, onWindowed]);

  const show = useCallback(() => {
    const ix = index.current;
    const scroller = box.current;
    if (!ix || !scroller) return;
    for (const el of scroller.querySelectorAll(`.${FOCUSED}`)) el.classList.remove(FOCUSED);
    const items = (focus?.events ?? []).map((e) => itemAt(map.itemOfEvent, e)).filter((k) => k >= 0);
    for (const k of items) for (const el of ix.elements[k] ?? []) el.classList.add(FOCUSED);
    const target = ix.elements[items[0]]?.[0];
    if (!target) return;
    const at = target.getBoundingClientRect();
    const frame = scroller.getBoundingClientRect();
    scroller.scrollTo({
      top: scroller.scrollTop + at.top - frame.top - scroller.clientHeight / 3,
      left: scroller.scrollLeft + at.left - frame.left - scroller.clientWidth / 4,
    });
  }, [focus, map]);

  const onRendered = useCallback((svg: SVGSVGElement, text: string) => {
    index.current = text === map.text ? indexSvg(svg, map.items) : null;
    setActors(readActors(svg));
    show();
  }, [map, show]);
  useEffect(show, [show]);

  return (
    <div ref={box} className="sequence-diagram version-diagram" role="region" aria-label={label} tabIndex={0}>
      <div className="seq-canvas" style={{ zoom }}>
        <ActorHeader row={actors} />
        <MermaidView text={map.text} onRendered={onRendered} />
      </div>
    </div>
  );
}

/** The inner width of a box, kept up to date. */
function useBoxWidth(box: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [box]);
  return width;
}

/** The item that shows event `e`, or the last one drawn before it (an event that draws nothing). */
function itemAt(itemOfEvent: number[], e: number): number {
  for (let i = Math.min(e, itemOfEvent.length - 1); i >= 0; i--) if (itemOfEvent[i] >= 0) return itemOfEvent[i];
  return -1;
}
