/** What a USD layer names, as authored: the one shape both the text and the crate readers give. */
export interface LayerDependency {
  /**
   * sublayer, reference and payload arcs; asset-valued metadata/attributes (and MaterialX file
   * names); a clip template (globbed); a MaterialX `xi:include`.
   */
  kind: 'sublayer' | 'reference' | 'payload' | 'asset' | 'clipTemplate' | 'include';
  /** The path exactly as authored (not anchored, not resolved). */
  path: string;
  /** The prim (or variant) path that names it, or a MaterialX element's name path; `/` for the layer itself. */
  prim: string;
  /** Metadata key path (`assetInfo:identifier`, `clips:default:assetPaths`) or attribute name. */
  key?: string;
}

/** ComputeAllDependencies skips this metadata key (spec/usd.md §6). */
export const isFilteredMetadata = (d: LayerDependency): boolean =>
  d.key === 'assetInfo:identifier' || (d.key?.endsWith(':assetInfo:identifier') ?? false);
