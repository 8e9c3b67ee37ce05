/**
 * What a campaign does to each targeted device, platform-neutral. Adapters map each type to their
 * platform's task type (v5 `task_type`, legacy `DeviceCmd`) or refuse it at validation time.
 */
export type Operation =
  | CommandOperation
  | AsyncCommandOperation
  | MessageOperation
  | ShadowUpdateOperation
  | FirmwareUpgradeOperation
  | SoftwareUpgradeOperation
  | DeleteDevicesOperation
  | FreezeDevicesOperation
  | UnfreezeDevicesOperation;

/** The `type` tags of {@link Operation}. */
export type OperationType = Operation['type'];

/** Every operation type, in documentation order. */
export const operationTypes = [
  'command',
  'asyncCommand',
  'message',
  'shadowUpdate',
  'firmwareUpgrade',
  'softwareUpgrade',
  'deleteDevices',
  'freezeDevices',
  'unfreezeDevices',
] as const satisfies readonly OperationType[];

/** A command defined in the product model (v5 `createCommands`, legacy `DeviceCmd`). */
export interface CommandOperation {
  type: 'command';
  /** Service of the product model, 1–64 characters. */
  serviceId: string;
  /** Command name in that service, 1–128 characters (legacy `method`, v5 `command_name`). */
  commandName: string;
  paras?: Record<string, unknown>;
}

/** An asynchronous command (v5 `createAsyncCommands`). */
export interface AsyncCommandOperation {
  type: 'asyncCommand';
  serviceId: string;
  commandName: string;
  paras?: Record<string, unknown>;
  /** Seconds the platform keeps the command for an offline device; 0 = deliver now or never. */
  expireTime?: number;
  /** `immediately` or `delay` (delivered when the device next reports). */
  sendStrategy?: 'immediately' | 'delay';
}

/** A downstream message (v5 `createMessages`). */
export interface MessageOperation {
  type: 'message';
  message: unknown;
  messageId?: string;
  name?: string;
  encoding?: 'none' | 'base64';
  payloadFormat?: 'standard' | 'raw';
  topic?: string;
  topicFullName?: string;
}

/** Desired properties written to device shadows (v5 `updateDeviceShadows`). */
export interface ShadowUpdateOperation {
  type: 'shadowUpdate';
  /** At most 5 distinct serviceIds; the whole content at most 10 KB. */
  shadow: { serviceId: string; desired: Record<string, unknown> }[];
}

/** Firmware upgrade to uploaded packages (v5 `firmwareUpgrade`, `document.package_ids`). */
export interface FirmwareUpgradeOperation {
  type: 'firmwareUpgrade';
  packageIds: string[];
}

/** Software upgrade to uploaded packages (v5 `softwareUpgrade`). */
export interface SoftwareUpgradeOperation {
  type: 'softwareUpgrade';
  packageIds: string[];
}

/** Delete the targeted devices (v5 `deleteDevices`). */
export interface DeleteDevicesOperation {
  type: 'deleteDevices';
}

/** Freeze the targeted devices (v5 `freezeDevices`). */
export interface FreezeDevicesOperation {
  type: 'freezeDevices';
}

/** Unfreeze the targeted devices (v5 `unfreezeDevices`). */
export interface UnfreezeDevicesOperation {
  type: 'unfreezeDevices';
}
