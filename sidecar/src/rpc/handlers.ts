/** The complete handler table: one entry per protocol method, gathered from the domain files. */
import type { HandlerTable } from './dispatcher';
import { discoverHandlers } from './discover';
import { sessionHandlers } from './session';
import { farmHandlers } from './farm';
import { jobHandlers } from './jobs';
import { taskHandlers } from './task';
import { analyzeHandlers } from './analyze';
import { jobfilesHandlers } from './jobfiles';
import { checkHandlers } from './check';
import { transferHandlers } from './transfer';
import { downloadHandlers } from './download';
import { submitHandlers } from './submit';
import { monitorHandlers } from './monitor';

export const handlers: HandlerTable = {
  ...discoverHandlers,
  ...sessionHandlers,
  ...farmHandlers,
  ...jobHandlers,
  ...taskHandlers,
  ...analyzeHandlers,
  ...jobfilesHandlers,
  ...checkHandlers,
  ...transferHandlers,
  ...downloadHandlers,
  ...submitHandlers,
  ...monitorHandlers,
};
