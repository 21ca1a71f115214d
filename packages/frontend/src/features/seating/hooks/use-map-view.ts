import { useEffect, useRef, useState, type PointerEvent } from 'react';
import {
  boxPoint,
  FULL_VIEW,
  panBy,
  pixelsPerUnit,
  zoomAt,
  type Box,
  type Point,
  type View,
} from '../utils/viewport';

/** A press that moves less than this is a click on a seat, not a drag of the map. */
const DRAG_THRESHOLD_PX = 4;

/** How much one wheel notch (100 pixels of scroll) zooms. */
const WHEEL_ZOOM_PER_100PX = 1.25;

function wheelPixels(event: WheelEvent): number {
  if (event.deltaMode === WheelEvent.DOM_DELTA_LINE) return event.deltaY * 16;
  if (event.deltaMode === WheelEvent.DOM_DELTA_PAGE) return event.deltaY * 400;
  return event.deltaY;
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * Zoom and pan of an SVG drawn in `box`: the wheel zooms about the pointer, a drag pans, two
 * fingers pinch. All of it through pointer events, so mouse, pen and touch work alike.
 */
export function useMapView(box: Box) {
  const [view, setView] = useState<View>(FULL_VIEW);
  const svgRef = useRef<SVGSVGElement>(null);
  const pointers = useRef(new Map<number, Point>());
  const travel = useRef(0);
  const dragged = useRef(false);
  const { width, height } = box;

  // React listens to wheel events passively, so only a listener of our own can stop the page
  // from scrolling while the wheel zooms.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const drawn = { width, height };
    const onWheel = (event: WheelEvent) => {
      const at = boxPoint(svg.getBoundingClientRect(), drawn, {
        x: event.clientX,
        y: event.clientY,
      });
      if (!at) return;
      event.preventDefault();
      const factor = WHEEL_ZOOM_PER_100PX ** (-wheelPixels(event) / 100);
      setView((current) => zoomAt(current, factor, at, drawn));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      svg.removeEventListener('wheel', onWheel);
    };
  }, [width, height]);

  function onPointerDown(event: PointerEvent<SVGSVGElement>) {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    if (pointers.current.size === 0) {
      travel.current = 0;
      dragged.current = false;
    }
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>) {
    const previous = pointers.current.get(event.pointerId);
    if (!previous) return;
    const point = { x: event.clientX, y: event.clientY };
    pointers.current.set(event.pointerId, point);
    const svg = event.currentTarget;
    const rect = svg.getBoundingClientRect();
    const unit = pixelsPerUnit(rect, box);
    if (!(unit > 0)) return;
    const other = [...pointers.current].find(([id]) => id !== event.pointerId)?.[1];

    if (!dragged.current) {
      travel.current += Math.hypot(point.x - previous.x, point.y - previous.y);
      if (!other && travel.current < DRAG_THRESHOLD_PX) return;
      dragged.current = true;
      // Captured only once it is a drag: a capture from the press on would send the click that
      // ends a plain press to the SVG instead of the seat pressed.
      for (const id of pointers.current.keys()) svg.setPointerCapture(id);
    }

    if (!other) {
      const dx = (point.x - previous.x) / unit;
      const dy = (point.y - previous.y) / unit;
      setView((current) => panBy(current, dx, dy, box));
      return;
    }
    // Two fingers: the pair's midpoint pans, the change in their distance zooms about it.
    const before = midpoint(previous, other);
    const after = midpoint(point, other);
    const spreadBefore = Math.hypot(previous.x - other.x, previous.y - other.y);
    const spreadAfter = Math.hypot(point.x - other.x, point.y - other.y);
    const at = boxPoint(rect, box, after);
    if (!at || spreadBefore === 0) return;
    setView((current) =>
      zoomAt(
        panBy(current, (after.x - before.x) / unit, (after.y - before.y) / unit, box),
        spreadAfter / spreadBefore,
        at,
        box,
      ),
    );
  }

  function onPointerEnd(event: PointerEvent<SVGSVGElement>) {
    pointers.current.delete(event.pointerId);
  }

  return {
    view,
    setView,
    svgRef,
    /**
     * Whether the press ending in this click dragged the map rather than pressed a seat. Asked
     * once per click: a click with no press before it (a screen reader's) is never a drag.
     */
    takeDrag: () => {
      const wasDrag = dragged.current;
      dragged.current = false;
      return wasDrag;
    },
    pointerHandlers: {
      onPointerDown,
      onPointerMove,
      onPointerUp: onPointerEnd,
      onPointerCancel: onPointerEnd,
      // A press that leaves the map before it became a drag is never released over it.
      onPointerLeave: onPointerEnd,
    },
  };
}
