/**
 * Which Maya node types the readers keep (all their attributes), and the types of the shared
 * nodes a file edits with `select -ne :name` without creating them.
 */
import { FILE_ATTRS } from './file-attrs';

/** Render layers, Render Setup, cameras, render globals and expressions: what the facts need. */
const FACT_TYPES = new Set([
  'camera', 'stereoRigCamera',
  'renderLayer', 'renderSetup', 'renderSetupLayer', 'collection', 'renderSettingsCollection',
  'aovCollection', 'lightsCollection', 'absOverride', 'absUniqueOverride', 'relOverride',
  'relUniqueOverride', 'simpleSelector',
  'renderGlobals', 'resolution', 'aiOptions', 'aiAOVDriver', 'VRaySettingsNode', 'RedshiftOptions',
  'expression', 'reference',
  'script', // script nodes run on open may set dirmap entries (resolve/path-map.ts)
]);

/** True when the readers must keep this node type and its attributes. */
export function isKeptType(type: string): boolean {
  return FACT_TYPES.has(type) || type in FILE_ATTRS;
}

/** Shared (default) nodes edited with `select -ne :<name>` → their node type. */
export const SHARED_NODE_TYPES: Record<string, string> = {
  defaultRenderGlobals: 'renderGlobals',
  defaultResolution: 'resolution',
  defaultArnoldRenderOptions: 'aiOptions',
  defaultArnoldDriver: 'aiAOVDriver',
  vraySettings: 'VRaySettingsNode',
  redshiftOptions: 'RedshiftOptions',
  defaultColorMgtGlobals: 'colorManagementGlobals',
  perspShape: 'camera',
  topShape: 'camera',
  frontShape: 'camera',
  sideShape: 'camera',
};

/** Node types whose string attributes are outputs or settings, never input files. */
export const NOT_INPUT_TYPES = new Set([
  'renderGlobals', 'aiAOVDriver', 'aiOptions', 'VRaySettingsNode', 'RedshiftOptions', 'script',
  'expression', 'reference', 'renderSetupLayer', 'renderSetup', 'collection', 'simpleSelector',
  'absOverride', 'absUniqueOverride', 'relOverride', 'relUniqueOverride', 'renderLayer', 'camera',
  'hardwareRenderingGlobals', 'polyExtrudeFace',
]);
