// Public surface of the static Clarisse reader (.project text files).
export { readClarisseProject, readClarisseModel } from './read-clarisse-project';
export { SceneParseError } from '../../errors';
