// Static (no Houdini needed) reader of .hip/.hipnc/.hiplc scenes.
export { readHip, readHipStream, modelToFacts, type ReadHipOptions } from './read-hip';
export { readCpio, type CpioEntry } from './cpio';
export { parseParms, type ParmMap, type ParmValue } from './parm-parser';
