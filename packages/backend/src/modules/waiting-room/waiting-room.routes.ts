import type { WaitingRoomPlaceResponse } from '@ticket-booking/shared';
import { sendJson } from '../../http/json.js';
import { sessionOf } from '../../http/request-context.js';
import type { ApiRoute } from '../../http/route-registry.js';
import { concertIdParam } from '../../http/validate.js';
import {
  joinWaitingRoom,
  leaveWaitingRoom,
  placeInWaitingRoom,
  type WaitingRoomDeps,
} from './waiting-room.service.js';

export function waitingRoomRoutes(deps: WaitingRoomDeps): ApiRoute[] {
  const path = '/api/concerts/:id/waiting-room';
  return [
    {
      method: 'POST',
      path,
      operationId: 'joinWaitingRoom',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const place = await joinWaitingRoom(deps, sessionOf(req), concertIdParam(params.id));
        const body: WaitingRoomPlaceResponse = { place };
        sendJson(res, 201, body);
      },
    },
    {
      method: 'GET',
      path,
      operationId: 'getWaitingRoomPlace',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        const place = await placeInWaitingRoom(deps, sessionOf(req), concertIdParam(params.id));
        const body: WaitingRoomPlaceResponse = { place };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'DELETE',
      path,
      operationId: 'leaveWaitingRoom',
      pipeline: 'shopper',
      handle: async (req, res, params) => {
        await leaveWaitingRoom(deps, sessionOf(req), concertIdParam(params.id));
        res.statusCode = 204;
        res.end();
      },
    },
  ];
}
