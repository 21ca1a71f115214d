import { buildSeatPlan, MAX_PLAN_SEATS } from '@ticket-booking/shared';
import { describe, expect, it } from 'vitest';
import {
  newSection,
  readPlanFile,
  readSeating,
  zoneRows,
  type SeatingValues,
} from './seating-form';

function building(sections: SeatingValues['sections']): SeatingValues {
  return { kind: 'build', curved: 'curved', sections, planJson: '', fileName: '' };
}

function uploading(plan: unknown): SeatingValues {
  const planJson = JSON.stringify(plan);
  return { kind: 'upload', curved: 'curved', sections: [], planJson, fileName: 'plan.json' };
}

describe('reading a plan file', () => {
  it('says where a seat is wrong by the names the file gives it', () => {
    const read = readPlanFile(
      JSON.stringify({
        width: 100,
        height: 100,
        sections: [
          {
            name: 'Stalls',
            tier: 'vip',
            rows: [{ label: 'B', seats: [{ number: '4', x: 'ten', y: 5 }] }],
          },
        ],
      }),
    );

    expect(read).toEqual({
      plan: undefined,
      message: 'Section Stalls, Row B, Seat 4: Positions must be numbers',
    });
  });

  it('names the fields a plan does not take', () => {
    const read = readPlanFile(
      JSON.stringify({
        width: 10,
        height: 10,
        sections: [
          {
            name: 'Pit',
            tier: 'vip',
            rows: [{ label: 'A', seats: [{ number: '1', x: 1, y: 1, colour: 'red' }] }],
          },
        ],
      }),
    );

    expect(read).toMatchObject({ message: 'Section Pit, Row A, Seat 1: Unknown field "colour"' });
  });

  it('names three problems and counts the rest', () => {
    const seat = { number: '1', x: 1, y: 1 };
    const read = readPlanFile(
      JSON.stringify({
        width: 10,
        height: 10,
        sections: [
          {
            name: 'A',
            tier: 'vip',
            rows: ['A', 'B', 'C', 'D', 'E'].map((label) => ({ label, seats: [seat, seat] })),
          },
        ],
      }),
    );

    expect(read.plan).toBeUndefined();
    expect(read).toMatchObject({
      message:
        'Seat "A-A-1" appears more than once; Seat "A-B-1" appears more than once; Seat "A-C-1" appears more than once; and 2 more problems',
    });
  });

  it('says a file that is not JSON is not', () => {
    expect(readPlanFile('{ "width": 10,')).toMatchObject({
      message: expect.stringMatching(/^This file is not valid JSON \(.+\)$/),
    });
  });
});

describe('reading the seating', () => {
  it('seats the tiers an uploaded plan names, and refuses codes that no tier has', () => {
    const plan = {
      width: 50,
      height: 50,
      sections: [
        {
          name: 'Pit',
          rows: [
            { label: 'A', tier: 'vip', seats: [{ number: '1', x: 10, y: 10 }] },
            { label: 'B', tier: 'pit', seats: [{ number: '1', x: 10, y: 20 }] },
          ],
        },
      ],
    };

    const read = readSeating(uploading(plan), ['vip', 'ga']);

    expect([...read.seated]).toEqual(['vip', 'pit']);
    expect(read.issues).toEqual([
      {
        path: ['planJson'],
        message:
          'The plan sells seats in tier "pit", which is not one of the concert’s tiers: add a tier with that code',
      },
    ]);
  });

  it('gives the last zone of a section the rows the others leave, and no fewer than one', () => {
    const section = {
      ...newSection('vip'),
      name: 'Stalls',
      rows: '5',
      zones: [
        { tier: 'vip', rows: '2' },
        { tier: 'ga', rows: '' },
      ],
    };

    expect(zoneRows(section)).toEqual(['Rows A–B', 'Rows C–E']);
    expect(readSeating(building([section]), ['vip', 'ga']).seats).toEqual(
      new Map([
        ['vip', 40],
        ['ga', 60],
      ]),
    );

    const full = {
      ...section,
      zones: [
        { tier: 'vip', rows: '5' },
        { tier: 'ga', rows: '' },
      ],
    };
    expect(readSeating(building([full]), ['vip', 'ga']).issues).toEqual([
      {
        path: ['sections', 0, 'zones', 0, 'rows'],
        message: 'The section has 5 rows: leave some for the zones after this one',
      },
    ]);
  });

  it('builds straight rows with aisles, and a balcony behind the stalls', () => {
    const stalls = { ...newSection('vip'), name: 'Stalls', rows: '3', seatsPerRow: '8' };
    const circle = { ...newSection('ga'), name: 'Circle', rows: '2', seatsPerRow: '6', level: '1' };

    const read = readSeating(
      { ...building([{ ...stalls, aisleEvery: '4' }, circle]), curved: 'straight' },
      ['vip', 'ga'],
    );

    expect(read.issues).toEqual([]);
    expect(read.plan).toEqual(
      buildSeatPlan({
        curved: false,
        sections: [
          {
            name: 'Stalls',
            rows: 3,
            seatsPerRow: 8,
            aisleEvery: 4,
            zones: [{ tier: 'vip', rows: 3 }],
          },
          { name: 'Circle', rows: 2, seatsPerRow: 6, level: 1, zones: [{ tier: 'ga', rows: 2 }] },
        ],
      }),
    );
    expect([...read.seated]).toEqual(['vip', 'ga']);
  });

  it('refuses two sections of one name, and more seats than a plan may have', () => {
    const big = { ...newSection('vip'), name: 'Floor', rows: '100', seatsPerRow: '200' };
    const sections = [big, { ...big, name: 'Upper' }, { ...big, name: 'Upper' }];

    const read = readSeating(building(sections), ['vip']);

    expect(read.plan).toBeUndefined();
    expect(read.issues).toEqual([
      { path: ['sections', 2, 'name'], message: 'Another section is already called Upper' },
      {
        path: ['sections'],
        message: `A plan may have at most ${MAX_PLAN_SEATS.toLocaleString('en-US')} seats (this one has 60,000)`,
      },
    ]);
  });
});
