import { z } from 'zod';

/** `GET /api/health`: the process is up and answering. */
export const HealthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/** One readiness check; `detail` says what is wrong when it failed. */
export const ReadinessCheckSchema = z.object({
  ok: z.boolean(),
  detail: z.string().optional(),
});
export type ReadinessCheck = z.infer<typeof ReadinessCheckSchema>;

/**
 * `GET /api/ready`: 200 `ready` when every check passed, else 503 `not_ready`. The database check
 * asks it a query; the migrations check compares its schema version with the server's newest.
 */
export const ReadinessResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: ReadinessCheckSchema,
    migrations: ReadinessCheckSchema,
  }),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponseSchema>;
