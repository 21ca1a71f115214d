import fc from 'fast-check';

/**
 * Generators of hostile HTTP input for property-based tests: values no field should accept,
 * near-valid mutations of valid JSON bodies, raw bodies, header values, cookies and path segments.
 * They describe requests as plain data, so a failing case prints as something a person can replay.
 */

/** FUZZ_RUNS multiplies every property's runs, for a longer hunt than the test suite's. */
const RUNS_SCALE = Number(process.env.FUZZ_RUNS ?? 1);

/**
 * Run settings for a property. The seed is fixed so a run is repeatable (FUZZ_SEED picks
 * another); a failure prints its seed and path, which replay it when passed to `fc.assert`.
 */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return {
    seed: Number(process.env.FUZZ_SEED ?? 20300115),
    numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)),
  };
}

/** Room for a property's runs on a slow, busy machine; it grows with FUZZ_RUNS. */
export const FUZZ_TIMEOUT_MS = 180_000 * Math.max(1, RUNS_SCALE);

/** Where in a JSON body something was changed; numbers index arrays. */
export type JsonPath = (string | number)[];

/** Keys that have tripped up JavaScript servers that copy or merge request objects. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Text a field might hold but that is wrong for it, or right only by luck. */
const oddText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '0',
    '-1',
    '1e3',
    'true',
    'null',
    'undefined',
    'NaN',
    ...PROTOTYPE_KEYS,
    'vip',
    'VIP',
    'vip ',
    'balcony',
    'test-concert',
    '../etc/passwd',
    "' OR 1=1 --",
    '"; DROP TABLE bookings; --',
    '\u0000',
    '\ud800',
    '\u202e',
    '12/29',
    '13/35',
    '00/00',
    '4242 4242 4242 4241',
    '4000000000000002',
    '<script>alert(1)</script>',
  ),
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 121, maxLength: 4000 }),
  fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/),
);

/** Numbers at and past every edge a quantity, price or id could have. */
const oddNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1.5,
    -2.5,
    0.1,
    11,
    51,
    1000,
    1001,
    1e9,
    1e20,
    1e308,
    -1e308,
    2 ** 31,
    2 ** 53 + 2,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value small enough to send, with the odd keys mixed in. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 });

/** A value of any type to put where a field was: wrong types, edge numbers, odd strings. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}),
  oddNumber,
  oddText,
  fc.array(anyJson, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 }),
);

/** A key to add to an object: the prototype keys, names our schemas know elsewhere, or noise. */
export const oddKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...PROTOTYPE_KEYS,
    'toString',
    'hasOwnProperty',
    'valueOf',
    'priceCents',
    'sold',
    'sessionId',
    'status',
    'id',
    '',
  ),
  fc.string({ maxLength: 20 }),
);

/**
 * Sets a key as an own, enumerable property, so `__proto__` is sent as a key and not swallowed
 * as the object's prototype.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function copyJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyJson);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) setOwn(copy, key, copyJson(inner));
    return copy;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every path into a JSON value, the root (`[]`) first. */
function pathsOf(value: unknown, path: JsonPath = []): JsonPath[] {
  const inner = Array.isArray(value)
    ? value.flatMap((item, index) => pathsOf(item, [...path, index]))
    : isObject(value)
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))
      : [];
  return [path, ...inner];
}

function at(value: unknown, path: JsonPath): unknown {
  return path.reduce<unknown>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as never)[key] : undefined),
    value,
  );
}

type Edit =
  | { op: 'replace'; value: unknown }
  | { op: 'remove' }
  | { op: 'add-key'; key: string; value: unknown }
  | { op: 'empty' }
  | { op: 'duplicate' }
  | { op: 'repeat'; times: number };

function editsFor(target: unknown, path: JsonPath): fc.Arbitrary<Edit>[] {
  const edits: fc.Arbitrary<Edit>[] = [oddValue.map((value) => ({ op: 'replace', value }))];
  if (path.length > 0 && typeof path[path.length - 1] === 'string') {
    edits.push(fc.constant({ op: 'remove' }));
  }
  if (isObject(target)) {
    edits.push(fc.record({ op: fc.constant('add-key'), key: oddKey, value: oddValue }));
  }
  if (Array.isArray(target) && target.length > 0) {
    edits.push(
      fc.constant({ op: 'empty' }),
      fc.constant({ op: 'duplicate' }),
      fc.record({ op: fc.constant('repeat'), times: fc.integer({ min: 2, max: 60 }) }),
    );
  }
  return edits;
}

/** `body` with one edit made at `path`; the root may be replaced outright. */
function applyEdit(body: unknown, path: JsonPath, edit: Edit): unknown {
  const copy = copyJson(body);
  if (path.length === 0) {
    if (edit.op === 'replace') return edit.value;
    return (applyEdit({ root: copy }, ['root'], edit) as { root: unknown }).root;
  }
  const parent = at(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1]!;
  const target = parent[key];
  switch (edit.op) {
    case 'replace':
      if (Array.isArray(parent)) parent[key as number] = edit.value;
      else setOwn(parent, String(key), edit.value);
      break;
    case 'remove':
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
      delete parent[key];
      break;
    case 'add-key':
      setOwn(target as Record<string, unknown>, edit.key, edit.value);
      break;
    case 'empty':
      (target as unknown[]).length = 0;
      break;
    case 'duplicate':
      (target as unknown[]).push(copyJson((target as unknown[])[0]));
      break;
    case 'repeat': {
      const first = (target as unknown[])[0];
      (target as unknown[]).push(...Array.from({ length: edit.times }, () => copyJson(first)));
      break;
    }
  }
  return copy;
}

export interface Mutated {
  body: unknown;
  /** The field the edit touched, dotted as the API names fields (`(body)` for the root). */
  field: string;
  edit: Edit['op'];
  /**
   * A field was added that the body did not have, or one was taken away: wrong whatever the
   * values, unless the field is optional.
   */
  addsOrRemovesField: boolean;
}

/** `valid` with one thing wrong with it: a field replaced, removed, added to, emptied or repeated. */
export function mutationOf(valid: unknown): fc.Arbitrary<Mutated> {
  return fc.constantFrom(...pathsOf(valid)).chain((path) => {
    const target = at(valid, path);
    return fc.oneof(...editsFor(target, path)).map((edit) => ({
      body: applyEdit(valid, path, edit),
      field: fieldName(edit.op === 'add-key' ? [...path, edit.key] : path),
      edit: edit.op,
      addsOrRemovesField:
        edit.op === 'remove' ||
        (edit.op === 'add-key' && !Object.hasOwn(target as object, edit.key)),
    }));
  });
}

/** A path as the API's validation errors name it. */
export function fieldName(path: JsonPath): string {
  return path.length > 0 ? path.map(String).join('.') : '(body)';
}

/**
 * Whether an error about `reported` is about the field that was changed: the same field, one
 * inside it or one around it (a list reports a bad total on itself). List positions are not
 * compared, since a duplicate is reported at its second place, whichever one was edited.
 */
/**
 * Zod's own wording, which no answer may show: it names neither the field nor the rule in words
 * a person reads ("Invalid input: expected object, received undefined").
 */
export const LIBRARY_WORDING =
  /^(Invalid (input|string|number|option|key|value|element)|Too (small|big)|Unrecognized key)|expected \w+, received|must match pattern|Invalid (email|UUID|ISO)/;

export function isSameFieldOrRelated(changed: string, reported: string): boolean {
  if (changed === '(body)' || reported === '(body)') return true;
  const anyIndex = (field: string) => field.replace(/(^|\.)\d+(?=\.|$)/g, '$1#');
  const a = anyIndex(changed);
  const b = anyIndex(reported);
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/** Characters Node lets a header value carry: tab, printable ASCII and Latin-1. */
const headerChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.constant(0x09) },
);

/** A header value Node will send, up to `maxLength` characters. */
export function headerValue(maxLength = 200): fc.Arbitrary<string> {
  return fc.string({ unit: headerChar.map((code) => String.fromCharCode(code)), maxLength });
}

/** A header value of several kilobytes, still inside Node's 16 KiB limit on all headers. */
export const hugeHeaderValue = fc
  .tuple(fc.integer({ min: 2000, max: 3000 }), fc.constantFrom('a', '%', ';', '=', ' ', '\xff'))
  .map(([length, char]) => char.repeat(length));

/**
 * Characters a request path may carry unescaped. Node's HTTP parser itself refuses bytes past
 * ASCII in the request line with a bare 400 before any app sees them, so they are left out.
 */
const rawPathChar = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));

/**
 * One path segment that names nothing real: percent-encoded Unicode, raw bytes, encoded slashes,
 * dot segments, bad percent-encoding and very long ones.
 */
export const oddPathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%',
    '%%',
    '%ZZ',
    '%E0%A4%A',
    '%C0%AF',
    '%ED%A0%80',
    '%FF',
    '%00',
    '%2F',
    '%2f',
    '%5C',
    '.',
    '..',
    '%2e%2e',
    '..%2F..%2Fetc%2Fpasswd',
    '%252F',
    '%u0041',
    '%F0%9F%8E%B8',
    'test-concert%2F..',
    'TEST-CONCERT',
    'test-concert.json',
    '__proto__',
    'constructor',
    '00000000-0000-0000-0000-000000000000',
    ';',
    ':id',
    '*',
    '~',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  fc.string({ unit: rawPathChar, minLength: 1, maxLength: 30 }),
  fc.integer({ min: 300, max: 2000 }).map((length) => 'a'.repeat(length)),
  fc.uuid(),
);

/** A query string to tack on: the app reads none, so none may hurt. */
export const oddQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?',
    '?%ZZ',
    '?__proto__[admin]=1',
    '?constructor.prototype.admin=1',
    '?a=1&a=2&a[]=3',
    '?items[0][quantity]=99',
  ),
  fc.string({ unit: rawPathChar, maxLength: 40 }).map((query) => `?${query}`),
);
