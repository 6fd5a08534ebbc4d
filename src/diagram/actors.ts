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

export function readActors(svg: SVGSVGElement): ActorRow {
  const vb = svg.viewBox.baseVal;
  const num = (el: Element, attr: string) => Number(el.getAttribute(attr) ?? 0);
  const actors = Array.from(svg.querySelectorAll('rect.actor-top')).map((rect): ActorBox => {
    const style = getComputedStyle(rect);
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
