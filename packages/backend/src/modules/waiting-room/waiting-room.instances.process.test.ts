import { WaitingRoomPlaceResponseSchema } from '@ticket-booking/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows } from '../../test/inspect.js';
import { pooledFetch, type PooledFetch } from '../../test/pooled-fetch.js';
import { NO_ABUSE_LIMITS, startServerProcess } from '../../test/server-process.js';
import { stoppedAfterEach } from '../../test/stopped-after-each.js';
import { postgresSkipped } from '../../test/store-kinds.js';
import { createSharedTestDatabase } from '../../test/test-app.js';

const CONCERT = 'queue';
const SHOPPERS = 300;
const INSTANCES = 3;

describe('a waiting room over three server processes on one PostgreSQL database', () => {
  const started = stoppedAfterEach();
  let client: PooledFetch | undefined;

  afterEach(() => {
    client?.close();
  });

  it.skipIf(postgresSkipped())(
    `${SHOPPERS} shoppers joining at once, spread over the instances, get the places 1 to ${SHOPPERS}, each once`,
    async () => {
      const database = started.database(
        await createSharedTestDatabase(
          [{ id: CONCERT, tiers: [{ code: 'ga', total: 10 }], admitPerMinute: 60 }],
          'postgres',
        ),
      );
      const servers = started.servers(
        await Promise.all(
          Array.from({ length: INSTANCES }, () =>
            startServerProcess({ ...database.env, ...NO_ABUSE_LIMITS }),
          ),
        ),
      );
      client = pooledFetch(32);
      const send = client.fetch;

      const answers = await Promise.all(
        Array.from({ length: SHOPPERS }, async (_, i) => {
          const url = servers[i % INSTANCES]?.url ?? '';
          const res = await send(`${url}/api/concerts/${CONCERT}/waiting-room`, {
            method: 'POST',
          });
          const body: unknown = await res.json();
          return { status: res.status, body };
        }),
      );

      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
      const places = answers
        .map((answer) => WaitingRoomPlaceResponseSchema.parse(answer.body).place?.place ?? 0)
        .sort((a, b) => a - b);
      expect(places).toEqual(Array.from({ length: SHOPPERS }, (_, i) => i + 1));
      expect(await countRows(database.db, 'waiting_room')).toBe(SHOPPERS);
    },
  );
});
