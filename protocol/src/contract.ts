/**
 * The whole contract in two lists: every method and every notification. The server registers its
 * handlers against `methods`; the generators (OpenRPC, Python table) walk both lists.
 * @since 1.0
 */
import type { MethodSpec, NotificationSpec } from './define';
import { discover } from './discover';
import { sessionMethods } from './session';
import { profileMethods } from './profiles';
import { farmMethods } from './farm';
import { jobMethods, jobNotifications } from './jobs';
import { taskMethods } from './task';
import { analyzeMethods } from './analyze';
import { jobfilesMethods } from './jobfiles';
import { checkMethods } from './check';
import { transferMethods } from './transfer';
import { downloadMethods, downloadNotifications } from './download';
import { submitMethods } from './submit';
import { monitorMethods, monitorNotifications } from './monitor';

export const methods = [
  discover,
  ...sessionMethods,
  ...profileMethods,
  ...farmMethods,
  ...jobMethods,
  ...taskMethods,
  ...analyzeMethods,
  ...jobfilesMethods,
  ...checkMethods,
  ...transferMethods,
  ...downloadMethods,
  ...submitMethods,
  ...monitorMethods,
] as const;

export const notifications = [...jobNotifications, ...downloadNotifications, ...monitorNotifications] as const;

export type AnyMethod = (typeof methods)[number];
export type MethodName = AnyMethod['method'];
/** The bundle of one method, by name. */
export type MethodByName<N extends MethodName> = Extract<AnyMethod, { method: N }>;

/** Looks a method bundle up by its wire name. */
export function findMethod(name: string): MethodSpec | undefined {
  return (methods as readonly MethodSpec[]).find((m) => m.method === name);
}

/** Looks a notification bundle up by its wire name. */
export function findNotification(name: string): NotificationSpec | undefined {
  return (notifications as readonly NotificationSpec[]).find((n) => n.method === name);
}
