import type { ServerResponse } from 'node:http';
import type { HealthResponse, ReadinessResponse } from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { readiness, type HealthDeps } from './health.service.js';

function sendProbe(res: ServerResponse, status: number, body: unknown): void {
  res.setHeader('Cache-Control', 'no-store');
  sendJson(res, status, body);
}

/** Probes for a process supervisor or load balancer: no session, so no cookie. */
export function healthRoutes(deps: HealthDeps): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/api/health',
      operationId: 'getHealth',
      pipeline: 'open',
      handle: (_req, res) => {
        const body: HealthResponse = { status: 'ok' };
        sendProbe(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/ready',
      operationId: 'getReadiness',
      pipeline: 'open',
      handle: async (_req, res) => {
        const body: ReadinessResponse = await readiness(deps);
        sendProbe(res, body.status === 'ready' ? 200 : 503, body);
      },
    },
  ];
}
