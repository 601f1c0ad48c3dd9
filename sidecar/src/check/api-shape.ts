/**
 * The slice of `RayvisionAPI` the check uses, typed structurally from the api layer's own operator
 * types, so the check depends on the agreed method names only.
 */
import type { RayvisionAPI } from '../api';

export type CheckApi = Pick<RayvisionAPI, 'domain' | 'platform' | 'userInfo' | 'getUserId' | 'checkAndAddProjectName'> & {
  query: Pick<RayvisionAPI['query'], 'supportedPlugin' | 'errorDetail'>;
  user: Pick<RayvisionAPI['user'], 'getHardwareConfig'>;
  task: Pick<RayvisionAPI['task'], 'getTaskId'>;
};
