import { FarmError, type FarmErrorOptions } from '../errors';

/** Root of the analysis errors (rayvision_utils AnalyzeError family). */
export class AnalyzeError extends FarmError {
  constructor(code: string, message: string, options: FarmErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The scene file (or the workspace folder) does not exist. Tip 15024. */
export class CGFileNotExistsError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_CG_FILE_NOT_EXISTS', message, { farmCode: 15024, ...options });
  }
}

/** The DCC executable (hython, mayapy/mayabatch, cnode) was not found. Tip 15019. */
export class CGExeNotExistError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_CG_EXE_NOT_EXIST', message, { farmCode: 15019, ...options });
  }
}

/** The analysis ran but did not produce valid results. Tip 999. */
export class AnalyseFailError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_ANALYSE_FAIL', message, { farmCode: 999, ...options });
  }
}

/** The scene's saved version does not match the requested one (a tip unless strict). Tip 15013. */
export class VersionNotMatchError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_VERSION_NOT_MATCH', message, { farmCode: 15013, ...options });
  }
}

/** The scene's DCC version could not be read. */
export class GetCGVersionError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_GET_CG_VERSION', message, options);
  }
}

/** The scene path has characters the farm refuses. */
export class FileNameContainsChineseError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_FILE_NAME_CONTAINS_CHINESE', message, options);
  }
}

/** A scene file that is not in the format its extension says (not a cpio .hip, a broken .mb …). */
export class SceneFormatError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_SCENE_FORMAT', message, { farmCode: 15002, ...options });
  }
}

/**
 * The static scene readers' error (.ma, .mb, .project): the file is not a scene we can read (truncated,
 * corrupted, not the format its extension says). Carries the file and the byte offset where reading failed.
 */
export class SceneParseError extends AnalyzeError {
  constructor(file: string, offset: number, what: string, cause?: unknown) {
    super(
      'ERR_SCENE_PARSE',
      `Cannot read scene ${file}: ${what} (at byte ${offset}). ` +
        'Re-save the scene in its DCC, or analyse it with the DCC (batch analysis) instead of the static reader.',
      { details: { file, offset }, cause },
    );
  }
}

/** The user's path map is not one of its documented spellings, or a source is not absolute. */
export class PathMapError extends AnalyzeError {
  constructor(message: string, options: FarmErrorOptions = {}) {
    super('ERR_PATH_MAP', message, options);
  }
}
