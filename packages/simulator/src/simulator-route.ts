/** Names of the simulated endpoints; faults and the request log refer to routes by these names. */
export const SIMULATOR_ROUTES = [
  'legacy.login',
  'legacy.refreshToken',
  'legacy.createTask',
  'legacy.getTask',
  'legacy.taskDetails',
  'v5.createTask',
  'v5.listTasks',
  'v5.showTask',
  'v5.stopTask',
  'v5.retryTask',
  'v5.confirmTask',
  'v5.deleteTask',
  'v5.listDevices',
  'v5.showDevice',
  'v5.listProducts',
  'v5.listGroups',
  'v5.groupDevices',
  'iam.createToken',
] as const;

/** One simulated endpoint. */
export type SimulatorRoute = (typeof SIMULATOR_ROUTES)[number];
