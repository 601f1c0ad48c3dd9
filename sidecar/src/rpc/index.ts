// Public surface of the rpc layer (the sidecar server). Not re-exported by sidecar/src/index.ts:
// the rpc layer sits on top of the SDK and imports it.
export { startSidecar, SidecarAlreadyRunningError, type Sidecar, type SidecarOptions } from './server';
export { readDiscovery, discoveryPath, findRunning, pidAlive, type DiscoveryInfo } from './discovery';
export { probeSidecar } from './ws-transport';
export { createMemoryPair } from './memory-transport';
export { sdkHome } from './sdk-home';
export { SIDECAR_VERSION } from './version';
export type { MessageReader, MessageWriter } from './transport';
export { SidecarClient, ConnectionLostError, progressLine } from './client';
export { connectWs } from './ws-transport';
export { RpcException } from './rpc-errors';
