/** `check/run`: the SDK's RayvisionCheck as a job. */
import type { PartialHandlers } from './dispatcher';
import { unsupported } from './rpc-errors';

export const checkHandlers: PartialHandlers<'check/run'> = {
  'check/run': () => {
    throw unsupported('RayvisionCheck');
  },
};
