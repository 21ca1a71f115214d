/** A point, in whatever units its use says. */
export interface Point {
  x: number;
  y: number;
}

/** The plan's drawing box: the SVG's viewBox, `0 0 width height`. */
export interface Box {
  width: number;
  height: number;
}

/** Zoom and pan: a plan point is drawn at `scale × point + (x, y)` in the box. */
export interface View {
  scale: number;
  x: number;
  y: number;
}

export const FULL_VIEW: View = { scale: 1, x: 0, y: 0 };

/** Close enough to read a seat's markers on an arena's plan. */
export const MAX_SCALE = 16;

/** Zoomed no further out than the whole plan, and never panned off its edges. */
function clamp(view: View, box: Box): View {
  const scale = Math.min(MAX_SCALE, Math.max(1, view.scale));
  return {
    scale,
    x: Math.min(0, Math.max(box.width * (1 - scale), view.x)),
    y: Math.min(0, Math.max(box.height * (1 - scale), view.y)),
  };
}

/** Zoomed by `factor` about `at` (a point of the box), which stays where it is on screen. */
export function zoomAt(view: View, factor: number, at: Point, box: Box): View {
  const scale = Math.min(MAX_SCALE, Math.max(1, view.scale * factor));
  const ratio = scale / view.scale;
  return clamp(
    { scale, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio },
    box,
  );
}

/** Moved by `dx`, `dy` box units, as a drag moves it. */
export function panBy(view: View, dx: number, dy: number, box: Box): View {
  return clamp({ ...view, x: view.x + dx, y: view.y + dy }, box);
}

/**
 * Panned as little as it takes to show `point` (a point of the plan) clear of the edges, with
 * `reach` plan units around it (what is drawn there, such as a focus ring).
 */
export function showPoint(view: View, point: Point, box: Box, reach = 0): View {
  const margin = Math.min(box.width, box.height) * 0.05 + reach * view.scale;
  const shift = (at: number, size: number) => {
    if (at < margin) return margin - at;
    if (at > size - margin) return size - margin - at;
    return 0;
  };
  const dx = shift(view.scale * point.x + view.x, box.width);
  const dy = shift(view.scale * point.y + view.y, box.height);
  return dx === 0 && dy === 0 ? view : panBy(view, dx, dy, box);
}

/** How many screen pixels one box unit takes, the box fitted in `rect` (SVG's `meet`). */
export function pixelsPerUnit(rect: Pick<DOMRect, 'width' | 'height'>, box: Box): number {
  return Math.min(rect.width / box.width, rect.height / box.height);
}

/** A point on screen as a point of the box, or null while the map takes no room on screen. */
export function boxPoint(
  rect: Pick<DOMRect, 'left' | 'top' | 'width' | 'height'>,
  box: Box,
  client: Point,
): Point | null {
  const unit = pixelsPerUnit(rect, box);
  if (!(unit > 0)) return null;
  // `meet` centres the box in the element, leaving bars on two sides.
  const left = rect.left + (rect.width - box.width * unit) / 2;
  const top = rect.top + (rect.height - box.height * unit) / 2;
  return { x: (client.x - left) / unit, y: (client.y - top) / unit };
}

export function viewTransform(view: View): string {
  return `translate(${view.x} ${view.y}) scale(${view.scale})`;
}
