/** `api/call` and `task/*`: REST operations of the SDK's RayvisionAPI groups. */
import type { PartialHandlers } from './dispatcher';
import { unsupported } from './rpc-errors';

const later = () => {
  throw unsupported('The REST client');
};

export const taskHandlers: PartialHandlers<
  'api/call' | 'task/list' | 'task/info' | 'task/frames' | 'task/submit' | 'task/stop' | 'task/start' | 'task/abort' | 'task/delete'
> = {
  'api/call': later,
  'task/list': later,
  'task/info': later,
  'task/frames': later,
  'task/submit': later,
  'task/stop': later,
  'task/start': later,
  'task/abort': later,
  'task/delete': later,
};
