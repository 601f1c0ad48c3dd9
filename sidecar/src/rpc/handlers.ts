/**
 * The complete handler table: one entry per protocol method, gathered from the domain files. A
 * domain file (and the SDK layers it maps to) loads on the first call of one of its methods, so a
 * sidecar that only answers `session/*` and `job/*` never reads the analysis, transfer or farm
 * code (issue 13). The method names come from the protocol's lists, so a domain that misses a
 * method of its list does not compile.
 */
import { discover } from '../../../protocol/src/discover';
import { sessionMethods } from '../../../protocol/src/session';
import { profileMethods } from '../../../protocol/src/profiles';
import { farmMethods } from '../../../protocol/src/farm';
import { jobMethods } from '../../../protocol/src/jobs';
import { taskMethods } from '../../../protocol/src/task';
import { analyzeMethods } from '../../../protocol/src/analyze';
import { jobfilesMethods } from '../../../protocol/src/jobfiles';
import { checkMethods } from '../../../protocol/src/check';
import { transferMethods } from '../../../protocol/src/transfer';
import { downloadMethods } from '../../../protocol/src/download';
import { submitMethods } from '../../../protocol/src/submit';
import { monitorMethods } from '../../../protocol/src/monitor';
import type { MethodName } from '../../../protocol/src/index';
import type { Handler, HandlerTable, PartialHandlers } from './dispatcher';

/** Handlers for `specs` that load the domain's module on the first call of any of them. */
function lazyDomain<N extends MethodName>(specs: readonly { method: N }[], load: () => Promise<PartialHandlers<N>>): PartialHandlers<N> {
  let loaded: Promise<PartialHandlers<N>> | undefined;
  const table: Partial<Record<N, Handler<never>>> = {};
  for (const { method } of specs) {
    table[method] = async (params: never, ctx) => {
      const domain = await (loaded ??= load());
      return (domain[method] as unknown as Handler<never>)(params, ctx);
    };
  }
  return table as unknown as PartialHandlers<N>;
}

export const handlers: HandlerTable = {
  ...lazyDomain([discover], () => import('./discover').then((m) => m.discoverHandlers)),
  ...lazyDomain(sessionMethods, () => import('./session').then((m) => m.sessionHandlers)),
  ...lazyDomain(profileMethods, () => import('./profiles').then((m) => m.profileHandlers)),
  ...lazyDomain(farmMethods, () => import('./farm').then((m) => m.farmHandlers)),
  ...lazyDomain(jobMethods, () => import('./jobs').then((m) => m.jobHandlers)),
  ...lazyDomain(taskMethods, () => import('./task').then((m) => m.taskHandlers)),
  ...lazyDomain(analyzeMethods, () => import('./analyze').then((m) => m.analyzeHandlers)),
  ...lazyDomain(jobfilesMethods, () => import('./jobfiles').then((m) => m.jobfilesHandlers)),
  ...lazyDomain(checkMethods, () => import('./check').then((m) => m.checkHandlers)),
  ...lazyDomain(transferMethods, () => import('./transfer').then((m) => m.transferHandlers)),
  ...lazyDomain(downloadMethods, () => import('./download').then((m) => m.downloadHandlers)),
  ...lazyDomain(submitMethods, () => import('./submit').then((m) => m.submitHandlers)),
  ...lazyDomain(monitorMethods, () => import('./monitor').then((m) => m.monitorHandlers)),
};
