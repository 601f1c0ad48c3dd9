/**
 * Software (DCC) ids the farm knows (spec/api.md §9.2). Keys are what `supportedPlugin(name)` and
 * `getRenderEnv(name)` accept; lookups trim and lower-case the name.
 */
export const DCC_ID_MAPPINGS: Readonly<Record<string, number>> = {
  maya: 2000,
  '3ds max': 2001,
  lightwave: 2002,
  arnold: 2003,
  houdini: 2004,
  cinema4d: 2005,
  softimage: 2006,
  blender: 2007,
  vr_standalone: 2008,
  mr_standalone: 2009,
  sketchup: 2010,
  vue: 2011,
  keyshot: 2012,
  clarisse: 2013,
  octane_render: 2014,
  katana: 2016,
  unreal: 2020,
};

/** The cg id of a DCC name, or `undefined` when the farm has no such software. */
export function dccId(name: string): number | undefined {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(DCC_ID_MAPPINGS, key) ? DCC_ID_MAPPINGS[key] : undefined;
}

/** The DCC name of a cg id (`2004` or `"2004"` → `houdini`), for the version check. */
export function dccName(cgId: number | string): string | undefined {
  const id = Number(cgId);
  return Object.entries(DCC_ID_MAPPINGS).find(([, v]) => v === id)?.[0];
}

/** The render OS name of this machine as the farm spells it (macOS counts as linux, not windows). */
export function localOsName(): 'windows' | 'linux' {
  return process.platform === 'win32' ? 'windows' : 'linux';
}
