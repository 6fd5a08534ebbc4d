/**
 * The live sequence diagram of a run. The whole run (or, on long runs, a window around the
 * cursor) is rendered once; stepping reveals it by moving a cover and a band over the SVG
 * (reveal.ts, RevealCover.tsx), so a Step never waits for Mermaid and never repaints the SVG.
 * A new render happens only when the trace or the options change (an intervention changes
 * the trace) or the window moves.
 *
 * Rules this component keeps, each in the hook named:
 * - A changed run is shown fast: first a quick render of the arrows around the cursor
 *   (window.ts), then the whole run in an idle callback (use-diagram-text.ts), swapped in with
 *   the current step kept at the same place on screen, no flicker, no jump (use-svg-swap.ts).
 * - A step moves the cover and the band (transforms only); the SVG's own classes follow when
 *   the page is idle (they repaint it), or at once when the learner selects a packet
 *   (use-reveal.ts). Scrolling the new step into view waits until after the frame is painted
 *   (use-step-in-view.ts).
 * - The region says whether the SVG's classes match the cursor (`data-synced`) and whether
 *   the whole run (not the quick first render) is on screen (`data-complete`), for tests.
 * - Participant names stay in sight while scrolled (ActorHeader); the SVG is drawn at its
 *   natural size and zoomed to fit its box (use-svg-fit.ts, use-fit-zoom.ts).
 * Design: the SVG on screen (`shown`) is this component's state, since every hook reads it;
 * the DOM refs are its own too, since its markup holds them. The order of the hook calls is
 * the order their effects run in: keep it when adding one.
 *
 * Contract: the region's accessible name is "Sequence diagram" (DESIGN.md), whatever the
 * visible heading's language.
 */
import { useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import type { Trace } from '../../sim/trace';
import { MermaidView } from './MermaidView';
import { ActorHeader } from './ActorHeader';
import { RevealCover } from './RevealCover';
import type { MermaidOptions } from '../to-mermaid';
import { useDiagramText } from './use-diagram-text';
import { useReveal, type Shown } from './use-reveal';
import { useStepInView } from './use-step-in-view';
import { useSvgFit } from './use-svg-fit';
import { useSvgSwap } from './use-svg-swap';
import './sequence.css';

export interface SequenceDiagramProps {
  trace: Trace;
  /** Index of the last revealed trace event; -1: nothing yet. */
  cursor: number;
  options: MermaidOptions;
  selectedIndex?: number;
  onSelect?: (eventIndex: number) => void;
}

export function SequenceDiagram({ trace, cursor, options, selectedIndex, onSelect }: SequenceDiagramProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const coverRef = useRef<HTMLDivElement>(null);
  const bandRef = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const fit = useSvgFit(rootRef, canvasRef);
  const { map, full, mapOf } = useDiagramText(trace, cursor, options, shown?.map.text);
  const scroll = useStepInView(fit.zoom);
  const adopt = useReveal({ rootRef, coverRef, bandRef }, shown, cursor, selectedIndex, scroll.follow);
  const { onBeforeSwap, onRendered } = useSvgSwap({ mapOf, fit, scroll, adopt, setShown });

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const hit = (e.target as Element).closest('[data-item]');
    const item = hit && shown ? shown.map.items[Number(hit.getAttribute('data-item'))] : undefined;
    if (item?.kind === 'message' && item.eventIndex >= 0 && item.eventIndex <= cursor) onSelect?.(item.eventIndex);
  };

  return (
    <div ref={rootRef} role="region" aria-label="Sequence diagram" className="sequence-diagram" onClick={onClick}
      data-rendered={shown ? 'true' : 'false'} data-hidden-steps={map.hiddenArrows} data-synced="true"
      data-complete={shown?.map.text === full.text ? 'true' : 'false'}>
      <div ref={canvasRef} className="seq-canvas" style={{ zoom: fit.zoom }}>
        <ActorHeader row={fit.actors} />
        <MermaidView className="seq-svg" text={map.text} onBeforeSwap={onBeforeSwap} onRendered={onRendered} />
        {shown?.index && <RevealCover geometry={shown.index.geometry} coverRef={coverRef} bandRef={bandRef} />}
      </div>
    </div>
  );
}
