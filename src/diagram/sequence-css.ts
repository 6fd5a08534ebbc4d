/**
 * Styles of the live diagram's reveal, highlight and selection. Mermaid scopes its own
 * styles by the SVG's id, so ours need `!important` to win on strokes and fills.
 */
export const SEQUENCE_CSS = `
.sequence-diagram .seq-canvas { position: relative; width: max-content; margin: 0 auto; }
.sequence-diagram svg { display: block; max-width: none; height: auto; }
/* Its own layer: what changes around the diagram (narration, cover, band) never repaints it. */
.sequence-diagram .seq-svg { will-change: transform; }
.sequence-diagram .seq-actors { position: sticky; top: 0; height: 0; z-index: 1; pointer-events: none; }
.sequence-diagram .seq-actors-band { position: absolute; left: 0; top: 0; background: linear-gradient(#fff 80%, rgb(255 255 255 / 0)); }
.sequence-diagram .seq-actor {
  position: absolute; display: flex; align-items: center; justify-content: center; box-sizing: border-box;
  border: 1px solid; border-radius: 6px; font-size: 14px; box-shadow: 0 1px 3px rgb(0 0 0 / 0.18); white-space: nowrap; overflow: hidden;
}
.sequence-diagram [data-item] { scroll-margin: 84px 0 24px; }
.sequence-diagram .seq-reveal { position: absolute; left: 0; overflow: hidden; pointer-events: none; }
.sequence-diagram .seq-cover { position: relative; height: 100%; background: #fff; will-change: transform; transform: translateY(100%); }
.sequence-diagram .seq-lifeline { position: absolute; top: 0; bottom: 0; width: 0; border-left: 1px solid; }
.sequence-diagram .seq-band {
  position: absolute; left: 0; top: 0; box-sizing: border-box; pointer-events: none; transform-origin: 0 0; transform: scaleY(0);
  will-change: transform; background: rgb(251 191 36 / 0.16); border-left: 4px solid #d97706;
}
.sequence-diagram .seq-future { visibility: hidden; }
.sequence-diagram [data-et="message"], .sequence-diagram .messageText { cursor: pointer; }
.sequence-diagram [data-et="message"] { pointer-events: stroke; }
.sequence-diagram .messageText.seq-current { font-weight: 700 !important; fill: #92400e !important; }
.sequence-diagram [data-et="message"].seq-current { stroke: #d97706 !important; stroke-width: 3px !important; }
.sequence-diagram g[data-et="note"].seq-current rect { stroke: #d97706 !important; stroke-width: 2px !important; }
.sequence-diagram .messageText.seq-selected { text-decoration: underline; }
.sequence-diagram [data-et="message"].seq-selected { stroke: #2563eb !important; stroke-width: 3px !important; }
`;
