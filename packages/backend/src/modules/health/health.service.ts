import type { ReadinessResponse } from '@ticket-booking/shared';

export interface HealthDeps {
  /** The newest migration applied to the database; throws if the database does not answer. */
  schemaVersion(): Promise<number>;
  /** The newest migration this server knows. */
  latestSchemaVersion: number;
}

/** Whether this process can serve shoppers: its database answers and has every migration. */
export async function readiness(deps: HealthDeps): Promise<ReadinessResponse> {
  let version: number;
  try {
    version = await deps.schemaVersion();
  } catch {
    return {
      status: 'not_ready',
      checks: {
        database: { ok: false, detail: 'The database did not answer a query.' },
        migrations: { ok: false, detail: 'Not checked: the database did not answer.' },
      },
    };
  }
  if (version < deps.latestSchemaVersion) {
    return {
      status: 'not_ready',
      checks: {
        database: { ok: true },
        migrations: {
          ok: false,
          detail: `The database schema is at version ${version}; this server needs ${deps.latestSchemaVersion}.`,
        },
      },
    };
  }
  return { status: 'ready', checks: { database: { ok: true }, migrations: { ok: true } } };
}
