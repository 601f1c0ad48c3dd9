// Public surface of the farm layer; re-exported by sidecar/src/index.ts.
export { startFarm } from './start-farm';
export type { Farm, StartFarmOptions } from './start-farm';
export type { FarmFaults } from './faults';
export type { FarmRequestRecord } from './context';
export { runFarmCli } from './main';
