/**
 * The one error of the static scene readers (.ma, .mb, .project): the file is not a scene we can read
 * (truncated, corrupted, not the format its extension says). Carries the file and byte offset.
 * Part of the analysis error family (AnalyzeError → FarmError); shared by the Clarisse reader.
 */
import { AnalyzeError } from '../../errors';

/** ERR_SCENE_PARSE: the scene file cannot be read statically (details: file, offset). */
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
