/** The sidecar's own version (package.json "version"; a test keeps them equal). */
export const SIDECAR_VERSION = '0.1.0';
