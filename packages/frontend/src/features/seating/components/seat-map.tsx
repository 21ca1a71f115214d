import {
  planSeats,
  type PlanSeatEntry,
  type SeatPlan,
  type SeatState,
} from '@ticket-booking/shared';
import {
  memo,
  useId,
  useMemo,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { LiveAnnouncer } from '../../availability';
import { useMapView } from '../hooks/use-map-view';
import { useSeatAnnouncements } from '../hooks/use-seat-announcements';
import { planFlags, planRows, sectionLabels, seatRadius } from '../utils/plan-layout';
import { seatNavigation, type SeatMove } from '../utils/seat-navigation';
import { isPickable } from '../utils/seat-states';
import { seatZones, type SeatMapTier, type Zone } from '../utils/seat-zones';
import {
  FULL_VIEW,
  MAX_SCALE,
  showPoint,
  viewTransform,
  zoomAt,
  type Box,
} from '../utils/viewport';
import { Seat } from './seat';
import { SeatMapLegend } from './seat-map-legend';

export interface SeatMapProps {
  plan: SeatPlan;
  /** Every seat's state, in plan order (as `planSeats` lists them). */
  states: readonly SeatState[];
  /** The price zones, coloured in this order. Memoise it: a new array redraws every seat. */
  tiers: readonly SeatMapTier[];
  /** Seats this shopper picked and has not held yet, by id. */
  selected: ReadonlySet<string>;
  /** Seats held for this shopper, by id: shown as theirs, and theirs to let go. */
  own: ReadonlySet<string>;
  /** A pickable seat was clicked, or Space or Enter pressed on it. */
  onToggle: (seatId: string) => void;
  /**
   * Nothing can be picked, as while a hold of the selected seats is being made; the seats turning
   * held meanwhile are not announced as taken by another shopper, as they may be this one's.
   */
  disabled?: boolean;
}

const KEY_MOVES: Partial<Record<string, SeatMove>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'leftmost',
  End: 'rightmost',
};

const ZOOM_STEP = 1.5;

const viewButton =
  'inline-flex h-9 items-center gap-1.5 rounded-lg bg-white px-3 text-sm font-medium text-slate-900 ' +
  'ring-1 ring-slate-300 ring-inset transition-colors hover:bg-slate-50 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ' +
  'aria-disabled:cursor-not-allowed aria-disabled:text-slate-400 aria-disabled:hover:bg-white';

function seatIndexOf(target: EventTarget): number | null {
  if (!(target instanceof Element)) return null;
  const index = target.closest('[data-index]')?.getAttribute('data-index');
  return index == null ? null : Number(index);
}

/** Where Tab enters the map before the shopper moved in it: their first seat, else the first free. */
function firstStop(
  seats: readonly PlanSeatEntry[],
  states: readonly SeatState[],
  picked: (id: string) => boolean,
): number {
  const mine = seats.find((seat) => picked(seat.id));
  if (mine) return mine.index;
  const free = states.indexOf('free');
  return free === -1 ? 0 : free;
}

interface SeatRowProps {
  /** The row's seats, in plan order. */
  seats: readonly PlanSeatEntry[];
  states: readonly SeatState[];
  selected: ReadonlySet<string>;
  own: ReadonlySet<string>;
  zones: ReadonlyMap<string, Zone>;
  radius: number;
  tabStop: number;
  disabled: boolean;
}

/**
 * Whether nothing a row shows changed. The states and picks come whole for every update: looking
 * at the row's own seats here costs far less than rendering all of them to find the few that did.
 */
function rowUnchanged(before: SeatRowProps, after: SeatRowProps): boolean {
  if (
    before.seats !== after.seats ||
    before.zones !== after.zones ||
    before.radius !== after.radius ||
    before.disabled !== after.disabled
  ) {
    return false;
  }
  return after.seats.every(
    ({ index, id }) =>
      before.states[index] === after.states[index] &&
      (before.tabStop === index) === (after.tabStop === index) &&
      before.selected.has(id) === after.selected.has(id) &&
      before.own.has(id) === after.own.has(id),
  );
}

const SeatRow = memo(function SeatRow({
  seats,
  states,
  selected,
  own,
  zones,
  radius,
  tabStop,
  disabled,
}: SeatRowProps) {
  return seats.map((seat) => (
    <Seat
      key={seat.id}
      seat={seat}
      state={states[seat.index] ?? 'free'}
      pick={own.has(seat.id) ? 'own' : selected.has(seat.id) ? 'selected' : undefined}
      zone={zones.get(seat.tier)}
      radius={radius}
      tabbable={seat.index === tabStop}
      disabled={disabled}
    />
  ));
}, rowUnchanged);

/**
 * Every seat, row by row: an update renders only the rows, and in them the seats, whose looks it
 * changed, and panning and zooming transform the group around it without rendering it at all.
 */
const SeatLayer = memo(function SeatLayer({
  rows,
  ...shown
}: Omit<SeatRowProps, 'seats'> & { rows: readonly (readonly PlanSeatEntry[])[] }) {
  return (
    <g>
      {rows.map((row) => (
        <SeatRow key={row[0]?.id} seats={row} {...shown} />
      ))}
    </g>
  );
});

/**
 * The shopper's seat map: every seat of `plan` in its zone's colour and its state, to pick by
 * pointer or keyboard. One seat is in the tab order; arrow keys move along a row and between rows,
 * Home and End to a row's ends, Space or Enter toggles. The wheel or a pinch zooms, a drag pans,
 * and the view follows the focused seat. A polite live region tells picks, and picked seats that
 * another shopper took first.
 */
export function SeatMap({
  plan,
  states,
  tiers,
  selected,
  own,
  onToggle,
  disabled = false,
}: SeatMapProps) {
  const helpId = useId();
  const seats = useMemo(() => planSeats(plan), [plan]);
  const rows = useMemo(() => planRows(seats), [seats]);
  const seatsById = useMemo(() => new Map(seats.map((seat) => [seat.id, seat])), [seats]);
  const navigate = useMemo(() => seatNavigation(seats), [seats]);
  const radius = useMemo(() => seatRadius(seats), [seats]);
  const labels = useMemo(() => sectionLabels(seats, radius), [seats, radius]);
  const flags = useMemo(() => planFlags(seats), [seats]);
  const zones = useMemo(() => seatZones(tiers), [tiers]);
  const zonesOnMap = useMemo(() => {
    const used = new Set(seats.map((seat) => seat.tier));
    return [...zones.values()].filter((zone) => used.has(zone.code));
  }, [seats, zones]);
  const box = useMemo<Box>(() => ({ width: plan.width, height: plan.height }), [plan]);
  const { view, setView, svgRef, takeDrag, pointerHandlers } = useMapView(box);
  const announcements = useSeatAnnouncements({ states, selected, own, disabled }, seatsById);
  const lost = useMemo(
    () =>
      [...selected].some((id) => {
        const seat = seatsById.get(id);
        return seat !== undefined && !own.has(id) && (states[seat.index] ?? 'free') !== 'free';
      }),
    [selected, own, states, seatsById],
  );

  // Kept with the seats it counts in: another plan's seat of the same index is another seat.
  const [focused, setFocused] = useState<{ seats: readonly PlanSeatEntry[]; index: number }>();
  const defaultStop = useMemo(
    () => firstStop(seats, states, (id) => own.has(id) || selected.has(id)),
    [seats, states, own, selected],
  );
  const tabStop = focused?.seats === seats ? focused.index : defaultStop;
  const focusedSeat = seats[tabStop];
  const focusRingRadius = radius * 1.7;

  function toggle(index: number) {
    const seat = seats[index];
    if (!seat) return;
    const picked = own.has(seat.id) || selected.has(seat.id);
    if (isPickable(states[index] ?? 'free', picked, disabled)) onToggle(seat.id);
  }

  function onKeyDown(event: KeyboardEvent<SVGSVGElement>) {
    const index = seatIndexOf(event.target);
    if (index === null) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      toggle(index);
      return;
    }
    const move = KEY_MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const next = navigate(index, move);
    const seat = seats[next];
    if (!seat || next === index) return;
    setFocused({ seats, index: next });
    setView((current) => showPoint(current, seat, box, focusRingRadius));
    // The map pans to the seat itself; the browser scrolling the page to it would jump.
    svgRef.current?.querySelector<SVGElement>(`[data-index="${next}"]`)?.focus({
      preventScroll: true,
    });
  }

  function onClick(event: MouseEvent<SVGSVGElement>) {
    if (takeDrag()) return;
    const index = seatIndexOf(event.target);
    if (index !== null) toggle(index);
  }

  function onFocus(event: FocusEvent<SVGSVGElement>) {
    const index = seatIndexOf(event.target);
    if (index !== null) setFocused({ seats, index });
  }

  const centre = { x: box.width / 2, y: box.height / 2 };
  const zoomedOut = view.scale <= FULL_VIEW.scale;
  const zoomedIn = view.scale >= MAX_SCALE;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <button
          type="button"
          className={viewButton}
          aria-disabled={zoomedIn}
          onClick={() => {
            if (!zoomedIn) setView((current) => zoomAt(current, ZOOM_STEP, centre, box));
          }}
        >
          <span aria-hidden="true">+</span>
          Zoom in
        </button>
        <button
          type="button"
          className={viewButton}
          aria-disabled={zoomedOut}
          onClick={() => {
            if (!zoomedOut) setView((current) => zoomAt(current, 1 / ZOOM_STEP, centre, box));
          }}
        >
          <span aria-hidden="true">−</span>
          Zoom out
        </button>
        <button
          type="button"
          className={viewButton}
          aria-disabled={zoomedOut}
          onClick={() => {
            setView(FULL_VIEW);
          }}
        >
          Reset view
        </button>
      </div>
      <div className="overflow-hidden rounded-xl bg-white ring-1 ring-slate-200">
        <svg
          ref={svgRef}
          viewBox={`0 0 ${plan.width} ${plan.height}`}
          preserveAspectRatio="xMidYMid meet"
          role="group"
          aria-label="Seat map"
          aria-describedby={helpId}
          className="group block max-h-[70vh] w-full cursor-grab touch-none select-none active:cursor-grabbing"
          onKeyDown={onKeyDown}
          onClick={onClick}
          onFocus={onFocus}
          {...pointerHandlers}
        >
          <g transform={viewTransform(view)}>
            <g aria-hidden="true" className="fill-slate-500 font-semibold">
              {plan.stage && (
                <>
                  <rect
                    x={plan.stage.x}
                    y={plan.stage.y}
                    width={plan.stage.width}
                    height={plan.stage.height}
                    rx={Math.min(plan.stage.width, plan.stage.height) * 0.15}
                    className="fill-slate-200"
                  />
                  <text
                    x={plan.stage.x + plan.stage.width / 2}
                    y={plan.stage.y + plan.stage.height / 2}
                    textAnchor="middle"
                    dominantBaseline="central"
                    fontSize={Math.min(plan.stage.height * 0.4, plan.stage.width / 4)}
                    className="fill-slate-600 tracking-widest uppercase"
                  >
                    Stage
                  </text>
                </>
              )}
              {labels.map((label) => (
                <text
                  key={label.name}
                  x={label.x}
                  y={label.y}
                  textAnchor="middle"
                  fontSize={radius * 2.4}
                >
                  {label.name}
                </text>
              ))}
            </g>
            <SeatLayer
              rows={rows}
              states={states}
              selected={selected}
              own={own}
              zones={zones}
              radius={radius}
              tabStop={tabStop}
              disabled={disabled}
            />
            {focusedSeat && (
              // Shown while a seat has focus: a ring of our own, as outlines on SVG shapes vary by browser.
              <circle
                aria-hidden="true"
                cx={focusedSeat.x}
                cy={focusedSeat.y}
                r={focusRingRadius}
                fill="none"
                strokeWidth={radius * 0.4}
                className="pointer-events-none stroke-indigo-600 opacity-0 group-focus-within:opacity-100"
              />
            )}
          </g>
        </svg>
      </div>
      <p id={helpId} className="text-sm text-slate-600">
        Scroll or pinch to zoom and drag to move around. With a keyboard, arrow keys move between
        seats, Home and End go to the ends of a row, and Space or Enter picks or lets go a seat.
      </p>
      <SeatMapLegend zones={zonesOnMap} flags={flags} lost={lost} />
      <LiveAnnouncer announcements={announcements} intervalMs={1_000} label="Seat updates" />
    </div>
  );
}
