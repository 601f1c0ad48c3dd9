/**
 * Path maps: rules that say "a path saved under `sourcePath` now lives under `destinationPath`"
 * (spec/path-resolution.md §4, the Open Job Description / Deadline path-mapping shape). They come
 * from the user (settings, `--path-map`, the `pathMap` param) and from the scene or session itself
 * (Maya `dirmap`, `HOUDINI_PATHMAP`), and are applied before any fallback search.
 * @since 1.1
 */
import { z } from 'zod';

/** One mapping rule. Matching is by whole path components; the longest `sourcePath` wins. */
export const PathMapRule = z.object({
  /**
   * `WINDOWS`: either slash, drive letters and names compared case-insensitively; `POSIX`: exact.
   * Default: WINDOWS when `sourcePath` is a drive or UNC path, else POSIX.
   */
  sourcePathFormat: z.enum(['WINDOWS', 'POSIX']).optional(),
  sourcePath: z.string().min(1),
  destinationPath: z.string().min(1),
  /** Where the rule comes from: `user`, `dirmap` (Maya), `HOUDINI_PATHMAP`; shown in tips. */
  origin: z.string().optional(),
});
export type PathMapRule = z.infer<typeof PathMapRule>;

/** An Open Job Description path-mapping document (`pathmapping-1.0`). */
export const OjdPathMapping = z.object({
  version: z.string().optional(),
  path_mapping_rules: z.array(z.object({
    source_path_format: z.enum(['WINDOWS', 'POSIX']).optional(),
    source_path: z.string().min(1),
    destination_path: z.string().min(1),
  })),
});

/**
 * A user path map in any of three spellings: `{"D:/projects": "/mnt/projects"}`, a list of
 * rules, or an OJD path-mapping document.
 */
export const PathMapInput = z.union([z.record(z.string().min(1), z.string().min(1)), z.array(PathMapRule), OjdPathMapping]);
export type PathMapInput = z.infer<typeof PathMapInput>;
