/** `submit/scene`: the whole flow as one job. */
import type { PartialHandlers } from './dispatcher';
import { unsupported } from './rpc-errors';

export const submitHandlers: PartialHandlers<'submit/scene'> = {
  'submit/scene': () => {
    throw unsupported('submit/scene');
  },
};
