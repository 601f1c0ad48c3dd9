import type { Progress, ProgressListener } from '../../../protocol/src/progress';

/**
 * Relays a step's progress inside a larger operation: the step's own `begin`/`end` become `report`s,
 * so the caller still sees exactly one begin and one end for the whole analysis.
 */
export function asReports(listener: ProgressListener | undefined, stage: string): ProgressListener | undefined {
  if (!listener) return undefined;
  return (p: Progress) => {
    const { kind: _kind, ...rest } = p as Progress & { cancellable?: boolean };
    delete (rest as { cancellable?: boolean }).cancellable;
    listener({ ...rest, kind: 'report', stage: rest.stage ?? stage });
  };
}
