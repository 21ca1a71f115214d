import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../test/test-config.js';
import { createApiDocument } from './document.js';
import { OPERATIONS } from './operations.js';

/**
 * Redocly's recommended rules, less one: the product is not published under a license, so its
 * document names none, where `info-license` asks for one.
 */
const LINT_RULES = { extends: ['recommended'], rules: { 'info-license': 'off' as const } };

const document = createApiDocument(testConfig());

describe('the OpenAPI document, linted', () => {
  it('meets Redocly’s recommended rules with no error and no warning', async () => {
    const config = await createConfig(LINT_RULES);

    const problems = await lintFromString({
      source: JSON.stringify(document),
      absoluteRef: 'openapi.json',
      config,
    });

    expect(
      problems.map(
        (problem) =>
          `${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer ?? ''})`,
      ),
    ).toEqual([]);
  });

  it('names each operation as a generated client would call it: a unique camelCase identifier', () => {
    const ids = Object.values(document.paths ?? {}).flatMap((item) =>
      Object.values(item).map((operation) => (operation as { operationId?: string }).operationId),
    );

    expect(ids).toHaveLength(OPERATIONS.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z]*$/);
    expect(ids).toEqual(
      expect.arrayContaining([
        'listConcerts',
        'getConcert',
        'checkout',
        'heartbeat',
        'createBooking',
      ]),
    );
  });

  it('asks for a credential on the organizer’s and the door’s operations only', () => {
    const secured = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(
          ([, operation]) => ((operation as { security?: unknown[] }).security ?? []).length > 0,
        )
        .map(([method]) => `${method} ${path}`),
    );

    expect(secured.sort()).toEqual(
      OPERATIONS.filter(
        (operation) => operation.access === 'organizer' || operation.access === 'door',
      )
        .map((operation) => `${operation.method} ${operation.path.replace(/:(\w+)/g, '{$1}')}`)
        .sort(),
    );
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['organizer', 'door']);
  });

  it('says which server it describes', () => {
    expect(document.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });
});
