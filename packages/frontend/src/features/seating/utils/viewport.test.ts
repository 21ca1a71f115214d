import { describe, expect, it } from 'vitest';
import { boxPoint, FULL_VIEW, MAX_SCALE, panBy, showPoint, zoomAt } from './viewport';

const BOX = { width: 400, height: 200 };

/** Where a plan point is drawn in the box under `view`. */
function drawn(view: { scale: number; x: number; y: number }, point: { x: number; y: number }) {
  return { x: view.scale * point.x + view.x, y: view.scale * point.y + view.y };
}

describe('the map’s view', () => {
  it('zooms about a point, which stays where it is drawn', () => {
    const at = { x: 100, y: 50 };

    const view = zoomAt(FULL_VIEW, 3, at, BOX);

    expect(view.scale).toBe(3);
    expect(drawn(view, at)).toEqual(at);
  });

  it('zooms no further out than the whole plan, nor further in than the limit', () => {
    expect(zoomAt(FULL_VIEW, 0.5, { x: 10, y: 10 }, BOX)).toEqual(FULL_VIEW);
    expect(zoomAt(FULL_VIEW, 1_000, { x: 10, y: 10 }, BOX).scale).toBe(MAX_SCALE);
  });

  it('never pans the plan off its edges', () => {
    const zoomed = zoomAt(FULL_VIEW, 2, { x: 200, y: 100 }, BOX);

    expect(panBy(zoomed, 10_000, 10_000, BOX)).toEqual({ scale: 2, x: 0, y: 0 });
    expect(panBy(zoomed, -10_000, -10_000, BOX)).toEqual({ scale: 2, x: -400, y: -200 });
  });

  it('pans just enough to show a point out of view, and not at all for one in view', () => {
    const zoomed = zoomAt(FULL_VIEW, 4, { x: 0, y: 0 }, BOX);

    expect(showPoint(zoomed, { x: 20, y: 20 }, BOX)).toBe(zoomed);
    const moved = showPoint(zoomed, { x: 300, y: 20 }, BOX);
    // Drawn 5 % of the box's shorter side (10 units) in from the right edge.
    expect(drawn(moved, { x: 300, y: 20 })).toEqual({ x: 390, y: 80 });
    // With what is drawn around it too: 5 plan units, 20 box units at this zoom.
    expect(drawn(showPoint(zoomed, { x: 300, y: 20 }, BOX, 5), { x: 300, y: 20 })).toEqual({
      x: 370,
      y: 80,
    });
  });

  it('reads a point on screen as a point of the box, bars of `meet` left out', () => {
    // 800 × 800 pixels show the 400 × 200 box at 2 px a unit, with 200 px bars above and below.
    const rect = { left: 10, top: 20, width: 800, height: 800 };

    expect(boxPoint(rect, BOX, { x: 10, y: 220 })).toEqual({ x: 0, y: 0 });
    expect(boxPoint(rect, BOX, { x: 410, y: 420 })).toEqual({ x: 200, y: 100 });
    expect(boxPoint({ ...rect, width: 0, height: 0 }, BOX, { x: 0, y: 0 })).toBeNull();
  });
});
