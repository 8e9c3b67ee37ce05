import type { Operation, OperationType } from '../campaign/operation.js';

/** One plausible operation of each type, used when the adapter under test supplies none. */
export const defaultConformanceOperations: Readonly<Record<OperationType, Operation>> = {
  command: { type: 'command', serviceId: 'WaterMeter', commandName: 'SET_VALVE', paras: { value: 'ON' } },
  asyncCommand: {
    type: 'asyncCommand',
    serviceId: 'WaterMeter',
    commandName: 'SET_VALVE',
    paras: { value: 'ON' },
    expireTime: 0,
    sendStrategy: 'immediately',
  },
  message: { type: 'message', message: 'HelloWorld', encoding: 'none', payloadFormat: 'standard' },
  shadowUpdate: { type: 'shadowUpdate', shadow: [{ serviceId: 'WaterMeter', desired: { interval: 60 } }] },
  firmwareUpgrade: { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
  softwareUpgrade: { type: 'softwareUpgrade', packageIds: ['32822e5744a45ede319d2c51'] },
  deleteDevices: { type: 'deleteDevices' },
  freezeDevices: { type: 'freezeDevices' },
  unfreezeDevices: { type: 'unfreezeDevices' },
};
