/**
 * Styles of the live diagram's reveal, highlight and selection. Mermaid scopes its own
 * styles by the SVG's id, so ours need `!important` to win on strokes and fills.
 */
export const SEQUENCE_CSS = `
.sequence-diagram { overflow: auto; max-height: var(--sequence-max-height, 75vh); }
.sequence-diagram svg { display: block; margin: 0 auto; }
.sequence-diagram .seq-future { visibility: hidden; }
.sequence-diagram [data-et="message"], .sequence-diagram .messageText { cursor: pointer; }
.sequence-diagram [data-et="message"] { pointer-events: stroke; }
.sequence-diagram .messageText.seq-current { font-weight: 700 !important; fill: #92400e !important; }
.sequence-diagram [data-et="message"].seq-current { stroke: #d97706 !important; stroke-width: 3px !important; }
.sequence-diagram g[data-et="note"].seq-current rect { stroke: #d97706 !important; stroke-width: 2px !important; }
.sequence-diagram .messageText.seq-selected { text-decoration: underline; }
.sequence-diagram [data-et="message"].seq-selected { stroke: #2563eb !important; stroke-width: 3px !important; }
@media (prefers-reduced-motion: no-preference) { .sequence-diagram { scroll-behavior: smooth; } }
`;
