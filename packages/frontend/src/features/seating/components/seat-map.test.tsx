import {
  buildSeatPlan,
  type SeatFlag,
  type SeatPlan,
  type SeatState,
} from '@ticket-booking/shared';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { SeatMapTier } from '../utils/seat-zones';
import { SeatMap } from './seat-map';

const TIERS: SeatMapTier[] = [
  { code: 'stalls', name: 'Stalls', priceCents: 4_500, currency: 'EUR' },
  { code: 'circle', name: 'Circle', priceCents: 3_000, currency: 'EUR' },
  { code: 'ga', name: 'General Admission', priceCents: 2_000, currency: 'EUR' },
];

/**
 * Two blocks side by side, in plan order: Left rows A–B of 4 seats (A in Stalls, B in Circle),
 * then Right rows A–B of 3 seats (Stalls). Seats 0–3 are Left A, 4–7 Left B, 8–10 Right A,
 * 11–13 Right B.
 */
function testPlan(flags: Record<string, SeatFlag[]> = {}): SeatPlan {
  const plan = buildSeatPlan({
    curved: false,
    sections: [
      {
        name: 'Left',
        rows: 2,
        seatsPerRow: 4,
        zones: [
          { tier: 'stalls', rows: 1 },
          { tier: 'circle', rows: 1 },
        ],
      },
      { name: 'Right', rows: 2, seatsPerRow: 3, zones: [{ tier: 'stalls', rows: 2 }] },
    ],
  });
  for (const section of plan.sections) {
    for (const row of section.rows) {
      for (const seat of row.seats) {
        const seatFlags = flags[`${section.name}-${row.label}-${seat.number}`];
        if (seatFlags) seat.flags = seatFlags;
      }
    }
  }
  return plan;
}

const SEAT_COUNT = 14;

function statesWith(taken: Record<number, SeatState> = {}): SeatState[] {
  return Array.from({ length: SEAT_COUNT }, (_, index) => taken[index] ?? 'free');
}

const NONE: ReadonlySet<string> = new Set();

/** The map as a page would use it: picks kept in state, toggled by the map. */
function PickingMap({
  plan = testPlan(),
  states = statesWith(),
  own = NONE,
  initiallySelected = [],
  disabled,
  onToggle,
}: {
  plan?: SeatPlan;
  states?: SeatState[];
  own?: ReadonlySet<string>;
  initiallySelected?: string[];
  disabled?: boolean;
  onToggle?: (seatId: string) => void;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(initiallySelected));
  return (
    <SeatMap
      plan={plan}
      states={states}
      tiers={TIERS}
      selected={selected}
      own={own}
      disabled={disabled}
      onToggle={(seatId) => {
        onToggle?.(seatId);
        setSelected((current) => {
          const next = new Set(current);
          if (!next.delete(seatId)) next.add(seatId);
          return next;
        });
      }}
    />
  );
}

function seat(name: string | RegExp) {
  return screen.getByRole('checkbox', { name });
}

function focusSeat(name: string | RegExp) {
  act(() => {
    seat(name).focus();
  });
}

function announced() {
  return screen.getByRole('status', { name: 'Seat updates' });
}

/** The zoom and pan the seats are drawn with: `translate(x y) scale(s)`. */
function viewOf(container: HTMLElement) {
  const transform = container.querySelector('svg > g')?.getAttribute('transform') ?? '';
  const match = /translate\((\S+) (\S+)\) scale\((\S+)\)/.exec(transform);
  return { x: Number(match?.[1]), y: Number(match?.[2]), scale: Number(match?.[3]) };
}

describe('SeatMap', () => {
  it('names each seat by its place, zone, price and state, with its flags', () => {
    const own = new Set(['Left-B-1']);
    render(
      <PickingMap
        plan={testPlan({
          'Left-A-1': ['wheelchair'],
          'Left-A-4': ['companion', 'restricted-view'],
        })}
        states={statesWith({ 1: 'held', 2: 'sold', 4: 'held' })}
        own={own}
      />,
    );

    expect(
      seat('Section Left, Row A, Seat 1, Stalls, €45.00, available, wheelchair space'),
    ).not.toBeChecked();
    expect(
      seat('Section Left, Row A, Seat 2, Stalls, €45.00, held by another shopper'),
    ).toBeVisible();
    expect(seat('Section Left, Row A, Seat 3, Stalls, €45.00, sold')).toBeVisible();
    expect(
      seat(
        'Section Left, Row A, Seat 4, Stalls, €45.00, available, companion seat, restricted view',
      ),
    ).toBeVisible();
    expect(seat('Section Left, Row B, Seat 1, Circle, €30.00, your seat')).toBeChecked();
    expect(seat('Section Right, Row B, Seat 3, Stalls, €45.00, available')).toBeVisible();
    expect(screen.getAllByRole('checkbox')).toHaveLength(SEAT_COUNT);
  });

  it('keeps one seat in the tab order: Tab enters the map at the first free seat', async () => {
    const user = userEvent.setup();
    render(<PickingMap states={statesWith({ 0: 'sold' })} />);

    const tabbable = screen.getAllByRole('checkbox').filter((element) => element.tabIndex === 0);
    expect(tabbable).toEqual([seat(/^Section Left, Row A, Seat 2,/)]);

    // Past the view's buttons: Zoom in, Zoom out, Reset view.
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();

    expect(seat(/^Section Left, Row A, Seat 2,/)).toHaveFocus();
  });

  it('moves focus along a row with the arrows, Home and End, and only one seat stays tabbable', async () => {
    const user = userEvent.setup();
    render(<PickingMap />);
    focusSeat(/^Section Left, Row A, Seat 1,/);

    await user.keyboard('{ArrowRight}');
    expect(seat(/^Section Left, Row A, Seat 2,/)).toHaveFocus();

    await user.keyboard('{End}');
    expect(seat(/^Section Left, Row A, Seat 4,/)).toHaveFocus();

    // At the row's end, the arrow stays put.
    await user.keyboard('{ArrowRight}');
    expect(seat(/^Section Left, Row A, Seat 4,/)).toHaveFocus();

    await user.keyboard('{Home}');
    expect(seat(/^Section Left, Row A, Seat 1,/)).toHaveFocus();

    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowLeft}');
    expect(seat(/^Section Left, Row A, Seat 2,/)).toHaveFocus();
    expect(screen.getAllByRole('checkbox').filter((element) => element.tabIndex === 0)).toEqual([
      seat(/^Section Left, Row A, Seat 2,/),
    ]);
  });

  it('moves up and down to the nearest seat of the previous or next row, across sections', async () => {
    const user = userEvent.setup();
    render(<PickingMap />);
    focusSeat(/^Section Left, Row A, Seat 3,/);

    await user.keyboard('{ArrowDown}');
    expect(seat(/^Section Left, Row B, Seat 3,/)).toHaveFocus();

    // Left's last row is followed by Right's first: its nearest seat is its leftmost.
    await user.keyboard('{ArrowDown}');
    expect(seat(/^Section Right, Row A, Seat 1,/)).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    expect(seat(/^Section Right, Row B, Seat 1,/)).toHaveFocus();

    // No row after the last.
    await user.keyboard('{ArrowDown}');
    expect(seat(/^Section Right, Row B, Seat 1,/)).toHaveFocus();

    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(seat(/^Section Left, Row B, Seat 4,/)).toHaveFocus();
  });

  it('picks a free seat with Enter and lets it go with Space, telling the shopper', async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(<PickingMap onToggle={onToggle} />);
    focusSeat(/^Section Left, Row B, Seat 2,/);

    await user.keyboard('{Enter}');

    expect(onToggle).toHaveBeenCalledExactlyOnceWith('Left-B-2');
    expect(seat(/^Section Left, Row B, Seat 2,/)).toBeChecked();
    expect(announced()).toHaveTextContent('Section Left, Row B, Seat 2 selected.');

    await user.keyboard(' ');

    expect(onToggle).toHaveBeenLastCalledWith('Left-B-2');
    expect(seat(/^Section Left, Row B, Seat 2,/)).not.toBeChecked();
  });

  it('picks a seat on click', async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(<PickingMap onToggle={onToggle} />);

    await user.click(seat(/^Section Right, Row A, Seat 2,/));

    expect(onToggle).toHaveBeenCalledExactlyOnceWith('Right-A-2');
    expect(seat(/^Section Right, Row A, Seat 2,/)).toBeChecked();
  });

  it('does nothing for a seat held by another shopper or sold, by key or click', async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(<PickingMap states={statesWith({ 1: 'held', 2: 'sold' })} onToggle={onToggle} />);
    const held = seat(/^Section Left, Row A, Seat 2,/);
    const sold = seat(/^Section Left, Row A, Seat 3,/);

    focusSeat(/^Section Left, Row A, Seat 2,/);
    await user.keyboard('{Enter}');
    await user.keyboard('{ArrowRight}');
    expect(sold).toHaveFocus();
    await user.keyboard(' ');
    await user.click(held);

    expect(onToggle).not.toHaveBeenCalled();
    expect(held).not.toBeChecked();
    expect(held).toHaveAttribute('aria-disabled', 'true');
    expect(sold).not.toBeChecked();
    expect(sold).toHaveAttribute('aria-disabled', 'true');
  });

  it('lets the shopper let go of a seat held for them', async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(
      <PickingMap
        states={statesWith({ 5: 'held' })}
        own={new Set(['Left-B-2'])}
        onToggle={onToggle}
      />,
    );
    const mine = seat('Section Left, Row B, Seat 2, Circle, €30.00, your seat');
    expect(mine).toBeChecked();
    expect(mine).not.toHaveAttribute('aria-disabled');

    focusSeat('Section Left, Row B, Seat 2, Circle, €30.00, your seat');
    await user.keyboard('{Enter}');

    expect(onToggle).toHaveBeenCalledExactlyOnceWith('Left-B-2');
  });

  it('picks nothing while disabled', async () => {
    const user = userEvent.setup();
    const onToggle = vi.fn();
    render(<PickingMap disabled onToggle={onToggle} />);

    focusSeat(/^Section Left, Row A, Seat 1,/);
    await user.keyboard('{Enter}');
    await user.click(seat(/^Section Left, Row A, Seat 2,/));

    expect(onToggle).not.toHaveBeenCalled();
    expect(seat(/^Section Left, Row A, Seat 1,/)).toHaveAttribute('aria-disabled', 'true');
  });

  it('announces a picked seat that another shopper took first, and shows it as taken', () => {
    const { rerender } = render(<PickingMap initiallySelected={['Right-A-2']} />);
    expect(announced()).toBeEmptyDOMElement();

    rerender(<PickingMap initiallySelected={['Right-A-2']} states={statesWith({ 9: 'held' })} />);

    expect(announced()).toHaveTextContent(
      'Section Right, Row A, Seat 2 was just taken by another shopper.',
    );
    expect(
      seat('Section Right, Row A, Seat 2, Stalls, €45.00, held by another shopper'),
    ).toBeChecked();
  });

  it('announces a picked seat dropped in the update that shows another shopper took it as taken and removed', () => {
    const plan = testPlan();
    const map = (states: SeatState[], selected: ReadonlySet<string>) => (
      <SeatMap
        plan={plan}
        states={states}
        tiers={TIERS}
        selected={selected}
        own={NONE}
        onToggle={vi.fn()}
      />
    );
    const { rerender } = render(map(statesWith(), new Set(['Right-A-2'])));

    rerender(map(statesWith({ 9: 'sold' }), NONE));

    expect(announced()).toHaveTextContent(
      'Section Right, Row A, Seat 2 was just taken by another shopper — removed from your selection.',
    );
    expect(seat('Section Right, Row A, Seat 2, Stalls, €45.00, sold')).not.toBeChecked();
  });

  it('marks a picked seat another shopper took, and keys the mark only while there is one', () => {
    const { rerender } = render(<PickingMap initiallySelected={['Right-A-2']} />);
    const key = () => screen.getByRole('list', { name: 'Seat map key' });
    expect(key()).not.toHaveTextContent('Your pick, taken by another shopper');

    rerender(<PickingMap initiallySelected={['Right-A-2']} states={statesWith({ 9: 'held' })} />);

    expect(key()).toHaveTextContent('Your pick, taken by another shopper');
  });

  it('does not announce picks as taken while disabled, as they may be turning held for this shopper', () => {
    const { rerender } = render(<PickingMap initiallySelected={['Right-A-2']} disabled />);

    rerender(
      <PickingMap initiallySelected={['Right-A-2']} states={statesWith({ 9: 'held' })} disabled />,
    );

    expect(announced()).toBeEmptyDOMElement();
  });

  it('keys each zone on the map with its colour and price, and the looks of states and flags', () => {
    render(<PickingMap plan={testPlan({ 'Left-A-1': ['wheelchair'] })} />);
    const key = within(screen.getByRole('list', { name: 'Seat map key' }));

    expect(key.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Stalls €45.00',
      'Circle €30.00',
      'Selected or yours',
      'Held by another shopper',
      'Sold',
      'Wheelchair space',
    ]);
  });

  it('draws the stage and each section’s name', () => {
    const { container } = render(<PickingMap />);

    const texts = [...container.querySelectorAll('svg text')].map((text) => text.textContent);

    expect(texts).toEqual(['Stage', 'Left', 'Right']);
  });

  it('zooms in and out about the centre with its buttons, and resets the view', async () => {
    const user = userEvent.setup();
    const { container } = render(<PickingMap />);
    const plan = testPlan();
    expect(viewOf(container)).toEqual({ x: 0, y: 0, scale: 1 });
    expect(screen.getByRole('button', { name: 'Zoom out' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );

    await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    await user.click(screen.getByRole('button', { name: 'Zoom in' }));

    const zoomed = viewOf(container);
    expect(zoomed.scale).toBeCloseTo(2.25);
    // The centre of the plan is still drawn at the centre.
    expect(zoomed.scale * (plan.width / 2) + zoomed.x).toBeCloseTo(plan.width / 2);
    expect(zoomed.scale * (plan.height / 2) + zoomed.y).toBeCloseTo(plan.height / 2);

    await user.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(viewOf(container).scale).toBeCloseTo(1.5);

    await user.click(screen.getByRole('button', { name: 'Reset view' }));
    expect(viewOf(container)).toEqual({ x: 0, y: 0, scale: 1 });
  });

  it('pans to keep the focused seat in view when zoomed in', async () => {
    const user = userEvent.setup();
    const { container } = render(<PickingMap />);
    const plan = testPlan();
    for (let step = 0; step < 6; step += 1) {
      await user.click(screen.getByRole('button', { name: 'Zoom in' }));
    }
    focusSeat(/^Section Left, Row A, Seat 1,/);
    const before = viewOf(container);

    await user.keyboard('{ArrowDown}{ArrowDown}{End}');

    const after = viewOf(container);
    const rightA3 = plan.sections[1]?.rows[0]?.seats[2];
    expect(after).not.toEqual(before);
    const drawnAt = after.scale * (rightA3?.x ?? 0) + after.x;
    expect(drawnAt).toBeGreaterThan(0);
    expect(drawnAt).toBeLessThan(plan.width);
  });
});
