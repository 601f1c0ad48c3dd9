/**
 * .mb node forms name their node type by Maya's 4-character type id: a mnemonic for built-in
 * types, the plugin's numeric MTypeId for plugin types (resolved through the PLUG chunks, which
 * list `nodeType NUL id(4)` for the plugin node types the scene uses).
 * Verified on real files: XFRM DCAM RTFT RNDL RNLM SCRP DSPL DPLM SLCT RLLK SDML PSDM (§4.3);
 * the others follow Maya's built-in type ids and are marked (unverified) in the review notes.
 */
const BUILT_IN: Record<string, string> = {
  XFRM: 'transform', DCAM: 'camera', RTFT: 'file', RNDL: 'renderLayer', RNLM: 'renderLayerManager',
  SCRP: 'script', DSPL: 'displayLayer', DPLM: 'displayLayerManager', RLLK: 'lightLinker',
  SDML: 'shapeEditorManager', PSDM: 'poseInterpolatorManager',
  // unverified mnemonics (no sample file): reference, expression, imagePlane, cacheFile, psdFileTex
  RFRN: 'reference', DEXP: 'expression', DIMP: 'imagePlane', CFLE: 'cacheFile', PSDT: 'psdFileTex',
  DMSH: 'mesh', NSRF: 'nurbsSurface', NCRV: 'nurbsCurve', RPL2: 'place2dTexture', SHAD: 'shadingEngine',
};

/** The node type of a form, from its 4 type-id bytes and the plugin type ids of the scene. */
export function nodeTypeOf(formType: Buffer, pluginTypes: Map<string, string>): string {
  const plugin = pluginTypes.get(formType.toString('hex'));
  if (plugin) return plugin;
  const text = formType.toString('latin1');
  return BUILT_IN[text] ?? (/^[A-Z0-9]{4}$/.test(text) ? `mb:${text}` : `mb:0x${formType.toString('hex')}`);
}
