/**
 * The two HTML layers over the rendered SVG that make a step cheap (reveal.ts): the cover,
 * white with the lifelines drawn on it, hides what comes after the cursor, and the band marks
 * the current step. Both are placed by `transform` from use-reveal.ts (reveal.ts: moveCover, moveBand),
 * never by React, so a step neither re-renders these nor touches the SVG. Decorative
 * (aria-hidden): the SVG itself is what assistive technology reads.
 */
import type { Ref } from 'react';
import { BAND_UNIT, type RevealGeometry } from './reveal';

export interface RevealCoverProps {
  geometry: RevealGeometry;
  coverRef: Ref<HTMLDivElement>;
  bandRef: Ref<HTMLDivElement>;
}

/**
 * Mermaid's lifeline is a 0.5 px stroke that the browser smears over three pixels; a 1 px
 * border with a faint pixel either side continues it on the cover without a visible seam.
 */
function lineShadow(stroke: string): string | undefined {
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(stroke);
  if (!rgb) return undefined;
  const c = (a: number) => `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${a})`;
  return `-1px 0 0 ${c(0.18)}, 1px 0 0 ${c(0.66)}`;
}

export function RevealCover({ geometry: g, coverRef, bandRef }: RevealCoverProps) {
  const height = Math.max(0, g.lifeBottom - g.lifeTop);
  return (
    <>
      <div className="seq-reveal" aria-hidden="true" style={{ top: g.lifeTop, width: g.width, height }}>
        <div ref={coverRef} className="seq-cover">
          {/* HTML lines, not an SVG: the region holds exactly one SVG, the diagram. */}
          {g.lifelines.map((l) => (
            <div key={l.x} className="seq-lifeline" style={{ left: l.x - 0.5, borderLeftColor: l.stroke, boxShadow: lineShadow(l.stroke) }} />
          ))}
        </div>
      </div>
      <div ref={bandRef} className="seq-band" aria-hidden="true" style={{ width: g.width, height: BAND_UNIT }} />
    </>
  );
}
