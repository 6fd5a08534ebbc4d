/**
 * The participants of a rendered sequence diagram, read from Mermaid's top actor boxes
 * (`rect.actor-top`, one per participant, with its name in the sibling `text`), in the SVG's
 * own units. The live view draws them again as a sticky HTML header, so the names stay in
 * sight while the learner scrolls down a long run.
 */
export interface ActorBox {
  name: string;
  /** Left edge and width, from the SVG's left edge (its viewBox x), in SVG units. */
  left: number;
  width: number;
  /** Top edge from the SVG's top (its viewBox y), and height, in SVG units. */
  top: number;
  height: number;
  fill: string;
  stroke: string;
}

export interface ActorRow {
  /** The SVG's width in SVG units (= CSS px when it is drawn at its natural size). */
  svgWidth: number;
  actors: ActorBox[];
}

/** The colours Mermaid's theme gives lifelines and actor boxes, as `rgb(r, g, b)` where it wrote hex. */
export interface ThemeColors {
  lifeline?: string;
  actorFill?: string;
  actorStroke?: string;
}

function rgb(color: string | undefined): string | undefined {
  const hex = color?.trim().match(/^#([\da-f]{3}|[\da-f]{6})$/i)?.[1];
  if (!hex) return color?.trim() || undefined;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * The theme colours, read from the stylesheet Mermaid puts in the SVG (`#id .actor-line{…}`,
 * `#id .actor{…}`), which is what the browser applies to them. Design: asking the browser for
 * a computed style instead lays out the whole new SVG in the task that inserts it (30 ms on a
 * phone-sized load), before it could be laid out once with the frame. A colour not found is
 * undefined (callers then ask the browser).
 */
const ACTOR_RULE = /(?:^|[\s,}])\.actor\s*\{([^}]*)\}/;
const LIFELINE_RULE = /(?:^|[\s,}])\.actor-line\s*\{([^}]*)\}/;
const STROKE = /(?:^|;)\s*stroke\s*:\s*([^;!]+)/;
const FILL = /(?:^|;)\s*fill\s*:\s*([^;!]+)/;

export function themeColors(css: string): ThemeColors {
  const actor = ACTOR_RULE.exec(css)?.[1] ?? '';
  const lifeline = LIFELINE_RULE.exec(css)?.[1] ?? '';
  return { lifeline: rgb(STROKE.exec(lifeline)?.[1]), actorFill: rgb(FILL.exec(actor)?.[1]), actorStroke: rgb(STROKE.exec(actor)?.[1]) };
}

export function svgThemeColors(svg: SVGSVGElement): ThemeColors {
  return themeColors(Array.from(svg.querySelectorAll('style'), (s) => s.textContent ?? '').join('\n'));
}

export function readActors(svg: SVGSVGElement, colors: ThemeColors = svgThemeColors(svg)): ActorRow {
  const vb = svg.viewBox.baseVal;
  const num = (el: Element, attr: string) => Number(el.getAttribute(attr) ?? 0);
  const actors = Array.from(svg.querySelectorAll('rect.actor-top')).map((rect): ActorBox => {
    const style = colors.actorFill && colors.actorStroke ? { fill: colors.actorFill, stroke: colors.actorStroke } : getComputedStyle(rect);
    return {
      name: rect.parentElement?.querySelector('text')?.textContent ?? '',
      left: num(rect, 'x') - vb.x,
      width: num(rect, 'width'),
      top: num(rect, 'y') - vb.y,
      height: num(rect, 'height'),
      fill: style.fill,
      stroke: style.stroke,
    };
  });
  return { svgWidth: vb.width, actors: actors.sort((a, b) => a.left - b.left) };
}
