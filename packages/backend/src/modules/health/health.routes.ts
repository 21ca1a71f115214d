import { Router } from 'express';
import type { HealthResponse, ReadinessResponse } from '@ticket-booking/shared';
import { readiness, type HealthDeps } from './health.service.js';

/** Probes for a process supervisor or load balancer; mounted before sessions, so no cookie. */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.set('Cache-Control', 'no-store').json(body);
  });

  router.get('/ready', async (_req, res) => {
    const body: ReadinessResponse = await readiness(deps);
    res
      .status(body.status === 'ready' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(body);
  });

  return router;
}
