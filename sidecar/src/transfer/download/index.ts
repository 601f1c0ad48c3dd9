// Public surface of the download side of the transfer layer (issue 5) and its engines.
export { RayvisionDownload, type RayvisionDownloadOptions, type DownloadReport, type Logger } from './rayvision-download';
export type { DownloadCallOptions, EngineType } from './call-options';
export { DownloadEvents, type FileLanded, type DownloadEventMap } from './events';
export { DownloadFailed, DownloadTimeoutError, UnsafePathError, VerifyError, DownloadArgumentError } from './errors';
export { DownloadJournal, JOURNAL_FILE } from './journal';
export { safeLocalPath, unsafeReason } from './safe-path';
export { frameFromFileName } from './frame-number';
export { judgeTask, normaliseTask, leafCodes, outputEntries, END_CODES, TEST_STOP_CODE } from './task-status';
export type { DownloadApi } from './api-shape';
export { httpDownload, type HttpDownloadOptions } from '../engines/http-download';
export { PART_SUFFIX } from '../engines/http-download-file';
export { TransmitterEngine, type TransmitterEngineOptions } from '../engines/transmitter';
export { buildTransmitterArgs, type TransmitterCall, type TransmitType } from '../engines/transmitter-args';
export { parseTransmitterLine, type TransmitterLine } from '../engines/transmitter-output';
export { judgeExit, TransmitterError } from '../engines/transmitter-exit';
export { RaysyncProxyEngine, type RaysyncEngineOptions } from '../engines/raysyncproxy';
export { RaysyncControl, RaysyncAPIError, controlPortFromClusterXml } from '../engines/raysync-control';
