// Public API of @fleetcast/simulator. Everything else in src/ is internal.
export { startSimulator, SIMULATOR_ADMIN_PREFIX } from './start-simulator.js';
export type { Simulator, StartSimulatorOptions } from './start-simulator.js';
export type { SimulatorCredentials } from './simulator-context.js';
export type { SimulatorSettings, SimulatorSettingsPatch } from './simulator-settings.js';
export { DEFAULT_SETTINGS } from './simulator-settings.js';
export type { SimulatorClock } from './simulator-clock.js';
export type { FaultAction, FaultController, FaultRule, FaultStep } from './fault-injector.js';
export { SIMULATOR_ROUTES } from './simulator-route.js';
export type { SimulatorRoute } from './simulator-route.js';
export type {
  SimulatedSubtask,
  SimulatedSubtaskState,
  SimulatedTask,
  SimulatedTaskCounts,
} from './simulated-task.js';
export type { RequestLogEntry } from './request-log.js';
export { generateFleet, MAX_FLEET_SIZE } from './fleet/generate-fleet.js';
export type { GenerateFleetOptions } from './fleet/generate-fleet.js';
export { Fleet } from './fleet/fleet.js';
export type { FleetDevice, FleetDeviceFacts, FleetGroup, FleetProduct } from './fleet/fleet.js';
export { SimulatorConfigError } from './simulator-config-error.js';
export { compactUtc, parseCompactUtc } from './compact-utc.js';
export {
  startConformanceSimulator,
  type ConformanceSimulator,
  type ConformanceTarget,
} from './conformance/start-conformance-simulator.js';
export {
  startConformanceContext,
  type ConformanceAdapter,
  type ConformanceAdapterFault,
  type ConformanceAdapterSettings,
  type ConformanceApi,
  type ConformanceContext,
} from './conformance/start-conformance-context.js';
