/** `download/start`: the SDK's RayvisionDownload in every mode, as a job. */
import type { PartialHandlers } from './dispatcher';
import { unsupported } from './rpc-errors';

export const downloadHandlers: PartialHandlers<'download/start'> = {
  'download/start': () => {
    throw unsupported('RayvisionDownload');
  },
};
