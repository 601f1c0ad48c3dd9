// Public surface of the plugin installer (`rayvision install-plugins [--houdini] [--maya] [--clarisse] [--uninstall]`).
export { installPlugins, uninstallPlugins, formatReport, noHostFound, findPluginRoot, InstallError } from './install';
export { PLUGIN_HOSTS } from './types';
export type { PluginHost, InstallOptions, InstallAction, InstallReport, ActionKind } from './types';
export { inspectPlugins, type PluginInstallState, type PluginState } from './inspect';
