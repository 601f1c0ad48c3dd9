// Public surface of the api layer; re-exported by sidecar/src/index.ts.
export { RayvisionAPI, type RayvisionAPIOptions } from './rayvision-api';
export { withOwnTaskId } from './own-task-id';
export type { UserOperator, TaskOperator, QueryOperator, TagOperator, EnvOperator, TransmitOperator } from './operators';
export type * from './types';
export { ENDPOINTS, endpoint, type EndpointRow, type ArgSpec, type Group, type EndpointContext } from './endpoints';
export { SCHEMAS } from './schemas';
export { buildBody, makeMethod, makeGroup } from './methods';
export { buildRequest, randomNonce, unixSeconds, API_VERSION, CHANNEL, type Credentials as ApiCredentials, type RequestTarget, type BuiltRequest } from './build-request';
export { stringToSign, sign, hmacBase64, keySigner, flattenForSigning, type Signer, type StringToSignInput } from './sign';
export { PyFloat, pyFloat, pythonStr, pythonFloatRepr } from './python-format';
export { pythonJsonDumps, pythonJsonString } from './wire-json';
export { Transport as ApiTransport, type CallOptions as ApiCallOptions, type TransportOptions as ApiTransportOptions, type SendTarget } from './send';
export { decideRetry, backoffDelay, parseRetryAfter, DEFAULT_API_RETRY, TRANSIENT_FARM_CODES, RETRY_STATUSES, OVERLOAD_STATUSES, NOT_SENT_CODES, type ApiRetryPolicy, type ApiAttemptOutcome, type ApiRetryDecision } from './retry';
export { parseEnvelope, apiErrorFor, type Envelope } from './envelope';
export {
  RayvisionError,
  RayvisionAPIError,
  RayvisionAuthError,
  RayvisionValidationError,
  RayvisionCredentialsError,
  RayvisionTaskIdError,
  RayvisionNetworkError,
} from './errors';
export { DOMAIN_ALIASES, DEFAULT_DOMAIN, resolveDomain, languageFlag, platformsZone, transferServerZone, errorDetailLanguage } from './domains';
export { DCC_ID_MAPPINGS, dccId, dccName, localOsName } from './dcc-ids';
export { humpToUnderline, buildUserInfo, baseUserInfo, type UserInfo } from './user-info';
export { frameSelected, requireTaskId } from './frames';
export type { ApiLogger } from './logger';
export { TASK_STATUS_NAMES, taskStatusName } from './task-status';
export { fetchFrameThumbnail, readRenderLog, thumbnailUrl, type FrameThumbnail } from './frame-media';
