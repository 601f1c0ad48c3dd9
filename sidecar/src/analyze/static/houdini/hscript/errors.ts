import { AnalyzeError } from '../../../errors';

/**
 * Why the static HScript evaluator gave up on a value. Each becomes a "needs the DCC" tip (50001)
 * naming the node and parm; none is ever thrown out of the scene reader.
 */
export type HscriptFailure =
  /** Not valid HScript (unbalanced quotes, parentheses, backticks). */
  | 'syntax'
  /** A Python expression (`hou.*`, pythonexprs(), a channel in language python). */
  | 'python'
  /** Valid HScript the evaluator does not implement (a function, a statement, an animated channel). */
  | 'unsupported'
  /** Channel references that lead back to themselves. */
  | 'cycle'
  /** Too deep, too long or too much work: the evaluator's bounds. */
  | 'limit'
  /** A referenced node, parm or input that the scene does not hold. */
  | 'missing'
  /** A value of the wrong type (a string where a number is needed …). */
  | 'type'
  /** The value depends on the frame in a way a file pattern cannot express (a comparison with $F …). */
  | 'frame';

/** The typed error of the HScript evaluator (code ERR_HSCRIPT_EVAL; becomes tip 50001). */
export class HscriptError extends AnalyzeError {
  constructor(readonly failure: HscriptFailure, message: string) {
    super('ERR_HSCRIPT_EVAL', message, { details: { failure } });
  }
}
