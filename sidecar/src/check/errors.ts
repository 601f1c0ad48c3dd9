/**
 * Errors of the check (spec/api.md §5): the old SDK's exception names, each a `FarmError` with the
 * documented numeric code, plus `CheckFailedError`, the one report that lists every problem found
 * (which file, which setting, what to do) when the check refuses to go on.
 */
import { FarmError, type FarmErrorOptions } from '../errors';
import { problemsOf } from './problems';

export type Severity = 'error' | 'warning';

/** One finding of the check. */
export interface CheckIssue {
  severity: Severity;
  /** Tip code ("15024") or our string code ("ERR_SOFTWARE_VERSION"). */
  code: string;
  message: string;
  /** What to do about it (the farm's solution text or ours). */
  solution?: string;
  solutionUrl?: string;
  /** The file the problem is in (task.json, tips.json …) and the setting inside it. */
  file?: string;
  setting?: string;
  /** The analyzer's messages for a tip (node paths, missing files …). */
  details?: string[];
  /** The option the issue is about and the words of `message` naming it (protocol/src/field-words.ts). */
  field?: string;
  fieldPhrase?: string;
}

/** Base of the check's own errors. */
export class CheckError extends FarmError {
  readonly setting?: string;
  constructor(code: string, message: string, options: FarmErrorOptions & { setting?: string } = {}) {
    super(code, message, options);
    if (options.setting !== undefined) this.setting = options.setting;
  }
}

/** task.json's software version is not offered by the farm (old RayvisionError 1000000). */
export class UnsupportedSoftwareVersionError extends CheckError {
  constructor(message: string, details: Record<string, unknown>) {
    super('ERR_SOFTWARE_VERSION', message, { farmCode: 1000000, details, setting: 'software_config.cg_version' });
  }
}

/** No enabled hardware configuration matches (old HardwareConfigIdError; 1000001 for the C4D 2024 rule). */
export class HardwareConfigIdError extends CheckError {
  constructor(message: string, farmCode = 1000000) {
    super('ERR_HARDWARE_CONFIG', message, { farmCode, setting: 'hardwareConfig' });
  }
}

/** The chosen hardware does not support one of the scene's plugins (old NotSupportPluginError). */
export class NotSupportPluginError extends CheckError {
  constructor(message: string) {
    super('ERR_HARDWARE_PLUGIN', message, { farmCode: 1000000, setting: 'software_config.plugins' });
  }
}

/** The chosen hardware does not support this software (old NotSupportCGSoftwareError). */
export class NotSupportCGSoftwareError extends CheckError {
  constructor(message: string) {
    super('ERR_HARDWARE_SOFTWARE', message, { farmCode: 1000000, setting: 'task_info.cg_id' });
  }
}

/** A tip code of the scene rules this hardware out (old NotSupportHardwareCodeError). */
export class NotSupportHardwareCodeError extends CheckError {
  constructor(message: string) {
    super('ERR_HARDWARE_TIP_CODE', message, { farmCode: 1000000, setting: 'hardwareConfig' });
  }
}

/** task.json is empty or lacks what the check needs (old RayvisionError 2000 / 1000002). */
export class TaskInfoError extends CheckError {
  constructor(message: string, farmCode = 2000, setting?: string) {
    super('ERR_TASK_INFO', message, { farmCode, ...(setting ? { setting } : {}) });
  }
}

/**
 * The check found error-level problems; `issues` lists all of them (warnings too), and
 * `details.problems` the same as a flat JSON list (code, severity, file/setting, node/parm, message,
 * solution) that the RPC layer hands to plugins unchanged.
 */
export class CheckFailedError extends CheckError {
  readonly issues: CheckIssue[];
  constructor(issues: CheckIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    const lines = errors.map((i) => `- [${i.code}] ${i.message}${i.file ? ` (${i.file}${i.setting ? `: ${i.setting}` : ''})` : ''}${i.details?.length ? `: ${i.details.slice(0, 3).join('; ')}` : ''}${i.solution ? ` → ${i.solution}` : ''}${i.solutionUrl ? `${i.solution ? ' ' : ' → '}${i.solutionUrl}` : ''}`);
    super('ERR_CHECK_FAILED', `There are ${errors.length} error(s); fix them and check again:\n${lines.join('\n')}`, {
      farmCode: 1000000,
      details: { errors: errors.length, warnings: issues.length - errors.length, problems: problemsOf(issues) },
    });
    this.issues = issues;
  }

  /** Only the error-level issues. */
  get errors(): CheckIssue[] {
    return this.issues.filter((i) => i.severity === 'error');
  }
}

/** Turn a thrown CheckError into an issue of the report. */
export function issueOf(error: CheckError, file?: string): CheckIssue {
  const d = error.details ?? {};
  return {
    ...(typeof d.field === 'string' && typeof d.fieldPhrase === 'string' ? { field: d.field, fieldPhrase: d.fieldPhrase } : {}),
    severity: 'error',
    code: error.code,
    message: error.message,
    ...(file ? { file } : {}),
    ...(error.setting ? { setting: error.setting } : {}),
  };
}
