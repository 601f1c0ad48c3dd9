/**
 * The file-carrying node types of Maya and their path attributes (spec/analysis.md §3.2), by long
 * AND short name: .ma files write short names (`.ftn`), scripts may use long ones. Node types not in
 * this table still get a generic check (generic-path.ts) so plugin nodes are not silently missed.
 */
import type { ReferenceKind } from '../../../../../protocol/src/scene';

/** One path attribute of a node type. */
export interface FileAttrSpec {
  /** Attribute names that hold the path: long first, then short / alternative spellings. */
  names: string[];
  kind: ReferenceKind;
}

const a = (kind: ReferenceKind, ...names: string[]): FileAttrSpec => ({ names, kind });
const numbered = (kind: ReferenceKind, base: string, n: number): FileAttrSpec[] =>
  Array.from({ length: n }, (_, i) => a(kind, `${base}${i}`));

/** Node type → its path attributes. */
export const FILE_ATTRS: Record<string, FileAttrSpec[]> = {
  file: [a('texture', 'fileTextureName', 'ftn')],
  psdFileTex: [a('texture', 'fileTextureName', 'ftn')],
  mentalrayTexture: [a('texture', 'fileTextureName', 'ftn')],
  mentalrayIblShape: [a('texture', 'texture', 'tex')],
  mib_ptex_lookup: [a('texture', 'S00')],
  AlembicNode: [a('alembic', 'abc_File', 'fn'), a('alembic', 'abc_layerFiles', 'fns')],
  ExocortexAlembicFile: [a('alembic', 'fileName', 'fn')],
  gpuCache: [a('alembic', 'cacheFileName', 'cfn')],
  cacheFile: [], // cachePath + cacheName, composed in collect-references.ts
  diskCache: [a('cache', 'cacheName', 'cn')],
  imagePlane: [a('image', 'imageName', 'imn')],
  aiStandIn: [a('procedural', 'dso')],
  aiImage: [a('texture', 'filename')],
  aiVolume: [a('vdb', 'filename')],
  aiPhotometricLight: [a('other', 'aiFilename', 'ai_filename')],
  aiMaterialx: [a('other', 'filename')],
  aiIncludeGraph: [a('other', 'filename')],
  VRayMesh: [a('geometry', 'fileName', 'fn', 'fileName2')],
  VRayProxy: [a('geometry', 'fileName', 'fn')],
  VRayLightIESShape: [a('other', 'iesFile', 'ies')],
  VRayVolumeGrid: [a('vdb', 'inPath', 'if')],
  VRayScene: [a('other', 'FilePath', 'fPath')],
  VRayPtex: [a('texture', 'ptexFile', 'ptex_file')],
  VRayTexOSL: [a('other', 'fileName', 'oslFile')],
  VRayMtlOSL: [a('other', 'fileName', 'oslFile')],
  VRaySettingsNode: [a('cache', 'ifile', 'imap_fileName'), a('cache', 'fnm', 'lc_fileName')],
  RedshiftProxyMesh: [a('geometry', 'fileName', 'fn')],
  RedshiftVolumeShape: [a('vdb', 'fileName', 'fn')],
  RedshiftDomeLight: [a('texture', 'tex0'), a('texture', 'tex1')],
  RedshiftIESLight: [a('other', 'profile')],
  RedshiftSprite: [a('texture', 'tex0')],
  RedshiftNormalMap: [a('texture', 'tex0')],
  RedshiftLightGobo: [a('texture', 'tex0')],
  RedshiftEnvironment: numbered('texture', 'tex', 5),
  RedshiftBokeh: [a('texture', 'dofBokehImage')],
  RedshiftCameraMap: [a('texture', 'tex0')],
  RedshiftOSLShader: [a('other', 'sourceFile')],
  PxrTexture: [a('texture', 'filename')],
  PxrBump: [a('texture', 'filename')],
  PxrNormalMap: [a('texture', 'filename')],
  PxrPtexture: [a('texture', 'filename')],
  PxrMultiTexture: numbered('texture', 'filename', 10),
  PxrDomeLight: [a('texture', 'lightColorMap')],
  PxrRectLight: [a('texture', 'lightColorMap')],
  PxrDiskLight: [a('texture', 'lightColorMap')],
  PxrSphereLight: [a('texture', 'lightColorMap')],
  PxrCookieLightFilter: [a('texture', 'map')],
  PxrGoboLightFilter: [a('texture', 'map')],
  RenderManArchive: [a('procedural', 'filename')],
  PxrOSL: [a('other', 'shadername')],
  PxrStdEnvMapLight: [a('texture', 'rman__EnvMap')],
  RMSEnvLight: [a('texture', 'rman__EnvMap')],
  pgYetiMaya: [a('cache', 'cacheFileName', 'cfn')],
  OpenVDBRead: [a('vdb', 'file')],
  BE_VDBRead: [a('vdb', 'VdbFilePath')],
  MASH_Audio: [a('other', 'filename')],
  substance: [a('texture', 'p')],
  substanceNode: [a('texture', 'substanceFile')],
  houdiniAsset: [a('hda', 'otlFilePath')],
  mayaUsdProxyShape: [a('usd', 'filePath', 'fp')],
  BifMeshImportNode: [a('geometry', 'bifMeshDirectory')],
  bifrostGraphShape: [a('geometry', 'bifMeshDirectory')],
  dx11Shader: [a('other', 'shader')],
  xgmPalette: [a('other', 'xgFileName')],
  xgmSplineCache: [a('cache', 'fileName')],
  colorManagementGlobals: [a('other', 'configFilePath', 'cfp')],
};

/** The spec of `attr` on a node of `type`, if it carries a path. */
export function fileAttrSpec(type: string, attr: string): FileAttrSpec | undefined {
  return FILE_ATTRS[type]?.find((s) => s.names.includes(attr));
}

/** Attributes whose value says the path is a frame sequence (file / imagePlane / aiStandIn …). */
export const FRAME_EXTENSION_ATTRS = ['useFrameExtension', 'ufe'];
