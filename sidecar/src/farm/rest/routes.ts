/** Every REST endpoint of the farm, by exact path (spec/api.md §3.1–3.8). */
import { envRoutes } from './env-routes';
import { queryRoutes } from './query-routes';
import { recordRoutes } from './record-routes';
import type { RouteTable } from './route';
import { softwareRoutes } from './software-routes';
import { tagRoutes } from './tag-routes';
import { taskRoutes } from './task-routes';
import { transmitRoutes } from './transmit-routes';
import { userRoutes } from './user-routes';

export const farmRoutes: RouteTable = {
  ...userRoutes, ...taskRoutes, ...queryRoutes, ...softwareRoutes, ...tagRoutes, ...envRoutes, ...transmitRoutes, ...recordRoutes,
};
