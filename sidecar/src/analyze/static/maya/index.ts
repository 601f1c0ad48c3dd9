// Public surface of the static Maya readers (.ma, .mb).
export { readMayaAscii, readMayaAsciiModel } from './read-maya-ascii';
export { SceneParseError } from '../../errors';
export type { StaticReadOptions } from '../read-scene';
export { MayaSceneModel } from './scene-model';
export { modelToFacts } from './model-to-facts';
export { readMayaBinary, readMayaBinaryModel } from './read-maya-binary';
