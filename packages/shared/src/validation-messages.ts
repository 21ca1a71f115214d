import { z } from 'zod';
import type { FieldIssue } from './errors.js';

/** What each JSON type is called in a message: "Buyer must be an object". */
const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
  null: 'null',
};

/** What each string format asks for, for a schema that does not say it itself. */
const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  datetime: 'an ISO date and time, such as 2030-05-01T20:00:00Z',
  date: 'an ISO date, such as 2030-05-01',
  time: 'an ISO time, such as 20:00:00',
  uuid: 'a UUID',
  url: 'a URL',
};

/** `cardNumber` → "Card number"; names that are not camelCase words stay as they are. */
function humanize(key: string): string {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(key)) return key;
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The field an issue is about, in words: its last key (`items.0.quantity` → "Quantity"), the
 * position in a list (`items.1` → "Item 2"), or the body itself.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const last = path.at(-1);
  if (last === undefined) return 'The request body';
  if (typeof last === 'number') {
    const list = path.at(-2);
    const name = typeof list === 'string' ? humanize(list).replace(/s$/, '') : 'Entry';
    return `${name} ${last + 1}`;
  }
  return humanize(String(last));
}

/**
 * The error map of an object schema that says what it holds: "Buyer must be an object with a
 * name and an email", "Item 2 must be an object with a tier and a quantity". Its other issues
 * (unknown keys) keep the generic words.
 */
export function objectOf(holding: string) {
  return (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code !== 'invalid_type') return undefined;
    const field = fieldLabel(issue.path ?? []);
    return issue.input === undefined
      ? `${field} is missing`
      : `${field} must be an object with ${holding}`;
  };
}

/** A key the object does not take: `"coupon" is not a field of the request body`. */
export function unknownFieldMessage(key: string, path: readonly PropertyKey[]): string {
  const owner = fieldLabel(path);
  return `"${key}" is not a field of ${owner.charAt(0).toLowerCase()}${owner.slice(1)}`;
}

/** Whether the schema is `z.int()` and kin, which zod reports as wanting any number. */
function wholeNumber(issue: z.core.$ZodRawIssue): boolean {
  const def = issue.inst?._zod.def;
  return def !== undefined && 'format' in def && String(def.format).includes('int');
}

function sizeWords(
  origin: string,
  bound: number | bigint,
  inclusive: boolean,
  side: 'min' | 'max',
) {
  const count = Number(bound);
  const unit =
    origin === 'string'
      ? count === 1
        ? ' character'
        : ' characters'
      : origin === 'array' || origin === 'set'
        ? count === 1
          ? ' entry'
          : ' entries'
        : '';
  if (side === 'min') return `${inclusive ? 'at least' : 'more than'} ${count}${unit}`;
  return `${inclusive ? 'at most' : 'less than'} ${count}${unit}`;
}

/**
 * The words of a validation issue whose schema does not give its own: the field, then the rule
 * it broke ("Currency is missing", "Quantity must be at least 1"), never the library's wording.
 */
export function validationMessage(issue: z.core.$ZodRawIssue): string {
  const path = issue.path ?? [];
  const field = fieldLabel(path);
  switch (issue.code) {
    case 'invalid_type': {
      if (path.length === 0) {
        return issue.input === undefined
          ? 'The request body is missing: send a JSON object'
          : 'The request body must be a JSON object';
      }
      if (issue.input === undefined) return `${field} is missing`;
      return `${field} must be ${TYPE_WORDS[wholeNumber(issue) ? 'int' : issue.expected] ?? issue.expected}`;
    }
    case 'too_small': {
      const empty = Number(issue.minimum) === 1 && issue.inclusive !== false;
      if (empty && issue.origin === 'string') return `${field} must not be empty`;
      if (empty && issue.origin === 'array') return `${field} must have at least one entry`;
      const size = sizeWords(issue.origin, issue.minimum, issue.inclusive !== false, 'min');
      return issue.origin === 'array' || issue.origin === 'set'
        ? `${field} must have ${size}`
        : `${field} must be ${size}`;
    }
    case 'too_big': {
      const size = sizeWords(issue.origin, issue.maximum, issue.inclusive !== false, 'max');
      return issue.origin === 'array' || issue.origin === 'set'
        ? `${field} must have ${size}`
        : `${field} must be ${size}`;
    }
    case 'invalid_format':
      return issue.format in FORMAT_WORDS
        ? `${field} must be ${FORMAT_WORDS[issue.format]}`
        : `${field} is not in the form it takes`;
    case 'invalid_value':
      return `${field} must be ${issue.values.map((value) => (typeof value === 'string' ? `"${value}"` : String(value))).join(' or ')}`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownFieldMessage(key, path)).join('; ');
    default:
      return `${field} is not valid`;
  }
}

/** Turns zod issues into the `details` of a VALIDATION_FAILED answer: one per bad field. */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  const field = (path: readonly PropertyKey[]) =>
    path.length > 0 ? path.map(String).join('.') : '(body)';
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          field: field([...issue.path, key]),
          message: unknownFieldMessage(key, issue.path),
        }))
      : [{ field: field(issue.path), message: issue.message }],
  );
}

// Every schema parsed wherever this package is loaded, the API and the web app alike, speaks these
// words where it says nothing itself.
z.config({ customError: validationMessage });
