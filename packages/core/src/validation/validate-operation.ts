import { match } from 'ts-pattern';
import { operationTypes, type OperationType } from '../campaign/operation.js';
import { describeValue, isPlainObject } from '../errors/describe-value.js';
import {
  checkEnum,
  checkInteger,
  checkKnownFields,
  checkListLength,
  checkNonEmptyStringList,
  checkObject,
  checkString,
  reportMissing,
  reportWrongType,
} from './field-checks.js';
import type { IssueCollector } from './issue-collector.js';

/** v5 `document.package_ids`: at most 10 package IDs of at most 64 characters. */
export const maxPackageIds = 10;
/** See {@link maxPackageIds}. */
export const maxPackageIdLength = 64;
/** v5 `document.expire_time` of an asynchronous command: at most 172,800 s (48 h). */
export const maxExpireTimeSeconds = 172_800;

/** v5 `updateDeviceShadows`: at most 5 distinct service IDs and 10 KB of content. */
export const maxShadowServices = 5;
/**
 * The 10 KB shadow limit, measured as the UTF-8 bytes of the JSON that is sent: the v5 `document`
 * `{"shadow":[{"service_id","desired"}]}`, not the campaign's camelCase form (`service_id` is longer).
 */
export const maxShadowBytes = 10 * 1024;

const fieldsByType: Record<OperationType, readonly string[]> = {
  command: ['type', 'serviceId', 'commandName', 'paras'],
  asyncCommand: ['type', 'serviceId', 'commandName', 'paras', 'expireTime', 'sendStrategy'],
  message: ['type', 'message', 'messageId', 'name', 'encoding', 'payloadFormat', 'topic', 'topicFullName'],
  shadowUpdate: ['type', 'shadow'],
  firmwareUpgrade: ['type', 'packageIds'],
  softwareUpgrade: ['type', 'packageIds'],
  deleteDevices: ['type'],
  freezeDevices: ['type'],
  unfreezeDevices: ['type'],
};

const batchFileReason =
  'its devices come only from a batch file (v5 document_source: an xlsx/xls file uploaded multipart to /batchtask-files, signed UNSIGNED-PAYLOAD, at most 30,000 rows, aged out after an hour), and fleetcast does not upload batch files';
const undocumentedLegacyReason =
  'is a legacy task type that only the PHP and older SDK docs list; no source documents its param, so fleetcast cannot build it (legacy tasks are DeviceCmd, operation.type "command")';

/**
 * Task types the platform documents but fleetcast cannot create, each with the reason: a campaign that
 * names one is refused in validation, never sent as something else or dropped silently.
 */
export const unsupportedTaskTypes: Readonly<Record<string, string>> = {
  createDevices: `is the v5 task type createDevices, which fleetcast cannot create: ${batchFileReason}`,
  updateDevices: `is the v5 task type updateDevices, which fleetcast cannot create: ${batchFileReason}`,
  DeviceReg: undocumentedLegacyReason,
  DeviceLocation: undocumentedLegacyReason,
  DeviceMod: undocumentedLegacyReason,
  DeviceDel: undocumentedLegacyReason,
  DeviceLicense: undocumentedLegacyReason,
  DeviceCmd: 'is the legacy task type; write operation.type "command" (fleetcast maps it to DeviceCmd)',
};

/** v5 upgrade fields fleetcast does not send, each with the reason (spelt as in a campaign or on the wire). */
const unsupportedUpgradeFields: Readonly<Record<string, string>> = {
  taskMode:
    'is the v5 upgrade field task_mode (only GATEWAY exists), which fleetcast does not send: what a GATEWAY task reports per subtask is not documented in the references it follows, so its per-device results could not be checked',
  taskExtInfo:
    'is the v5 upgrade field task_ext_info (an object of at most 512 characters passed through to devices in upgrade notifications), which fleetcast does not send yet: devices get the packages only',
};

function isOperationType(value: unknown): value is OperationType {
  return typeof value === 'string' && (operationTypes as readonly string[]).includes(value);
}

function checkCommand(issues: IssueCollector, operation: Record<string, unknown>): void {
  checkString(issues, 'operation.serviceId', operation.serviceId, { min: 1, max: 64, required: true });
  checkString(issues, 'operation.commandName', operation.commandName, { min: 1, max: 128, required: true });
  checkObject(issues, 'operation.paras', operation.paras);
}

function checkMessage(issues: IssueCollector, operation: Record<string, unknown>): void {
  if (operation.message === undefined) reportMissing(issues, 'operation.message', 'the message content');
  for (const field of ['messageId', 'name', 'topic', 'topicFullName'] as const) {
    checkString(issues, `operation.${field}`, operation[field]);
  }
  checkEnum(issues, 'operation.encoding', operation.encoding, ['none', 'base64']);
  checkEnum(issues, 'operation.payloadFormat', operation.payloadFormat, ['standard', 'raw']);
}

function checkShadow(issues: IssueCollector, shadow: unknown): void {
  const path = 'operation.shadow';
  if (shadow === undefined) {
    reportMissing(issues, path, 'a non-empty list of {serviceId, desired}');
    return;
  }
  if (!Array.isArray(shadow)) {
    reportWrongType(issues, path, shadow, 'a non-empty list of {serviceId, desired}');
    return;
  }
  if (shadow.length === 0) {
    issues.add(path, 'empty_list', `${path} is empty (at least one {serviceId, desired} is needed)`);
    return;
  }
  const seen = new Set<string>();
  shadow.forEach((entry: unknown, index) => {
    const entryPath = `${path}[${index}]`;
    if (!isPlainObject(entry)) {
      reportWrongType(issues, entryPath, entry, 'an object {serviceId, desired}');
      return;
    }
    checkKnownFields(issues, entryPath, entry, ['serviceId', 'desired']);
    const serviceId = checkString(issues, `${entryPath}.serviceId`, entry.serviceId, {
      min: 1,
      max: 64,
      required: true,
    });
    if (entry.desired === undefined) reportMissing(issues, `${entryPath}.desired`, 'an object');
    else checkObject(issues, `${entryPath}.desired`, entry.desired);
    if (serviceId === undefined) return;
    if (seen.has(serviceId)) {
      issues.add(
        `${entryPath}.serviceId`,
        'duplicate',
        `${entryPath}.serviceId: ${describeValue(serviceId)} appears more than once (each serviceId at most once)`,
      );
    }
    seen.add(serviceId);
  });
  if (seen.size > maxShadowServices) {
    issues.add(
      path,
      'too_many_entries',
      `${path} names ${seen.size} services (at most ${maxShadowServices} distinct serviceIds)`,
    );
  }
  let json: string;
  try {
    // The wire form, as the v5 adapter sends it: what the platform measures.
    json = JSON.stringify({
      shadow: shadow.map((entry: unknown) =>
        isPlainObject(entry) ? { service_id: entry.serviceId, desired: entry.desired } : entry,
      ),
    });
  } catch {
    // Only programmatic input gets here (a cycle or a BigInt): JSON text cannot hold either.
    issues.add(path, 'invalid_value', `${path} cannot be serialised as JSON (a cycle or a BigInt)`);
    return;
  }
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > maxShadowBytes) {
    issues.add(
      path,
      'too_large',
      `${path} is ${bytes} bytes as the JSON document sent ({"shadow":[{"service_id","desired"}]}; at most ${maxShadowBytes} bytes, 10 KB)`,
    );
  }
}

function unsupportedField(field: string): string | undefined {
  const camel = field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return Object.hasOwn(unsupportedUpgradeFields, camel) ? unsupportedUpgradeFields[camel] : undefined;
}

/**
 * Checks `campaign.operation`: a known type, its fields and limits, and, when the caller names the
 * supported operations (or an adapter), that the platform can run it.
 */
export function validateOperation(
  issues: IssueCollector,
  operation: unknown,
  supported: { operations: readonly OperationType[] | undefined; adapterName: string | undefined },
): void {
  if (operation === undefined) {
    reportMissing(issues, 'operation', `an object with a type: ${operationTypes.join(', ')}`);
    return;
  }
  if (!isPlainObject(operation)) {
    reportWrongType(issues, 'operation', operation, 'an object');
    return;
  }
  const type = operation.type;
  if (typeof type === 'string' && Object.hasOwn(unsupportedTaskTypes, type)) {
    issues.add(
      'operation.type',
      'unsupported_task_type',
      `operation.type: ${describeValue(type)} ${unsupportedTaskTypes[type]}`,
    );
    return;
  }
  if (!isOperationType(type)) {
    issues.add(
      'operation.type',
      type === undefined ? 'required' : 'unknown_type',
      `operation.type: ${describeValue(type)} is not an operation type (one of ${operationTypes.join(', ')})`,
    );
    return;
  }
  if (supported.operations && !supported.operations.includes(type)) {
    const who = supported.adapterName ? `the ${supported.adapterName} adapter` : 'the platform';
    issues.add(
      'operation.type',
      'unsupported_operation',
      `operation.type: ${describeValue(type)} is not supported by ${who} ` +
        `(supported: ${supported.operations.join(', ') || 'none'})`,
    );
  }
  const upgrade = type === 'firmwareUpgrade' || type === 'softwareUpgrade';
  const refusedFields = upgrade
    ? Object.keys(operation).filter((field) => unsupportedField(field) !== undefined)
    : [];
  for (const field of refusedFields) {
    issues.add(`operation.${field}`, 'unsupported_field', `operation.${field} ${unsupportedField(field)}`);
  }
  checkKnownFields(issues, 'operation', operation, [...fieldsByType[type], ...refusedFields]);
  match(type)
    .with('command', () => checkCommand(issues, operation))
    .with('asyncCommand', () => {
      checkCommand(issues, operation);
      // v5 createAsyncCommands: 0–172,800 s (48 h), as the platform (and the simulator) check it.
      checkInteger(issues, 'operation.expireTime', operation.expireTime, {
        min: 0,
        max: maxExpireTimeSeconds,
        unit: 'seconds',
      });
      checkEnum(issues, 'operation.sendStrategy', operation.sendStrategy, ['immediately', 'delay']);
    })
    .with('message', () => checkMessage(issues, operation))
    .with('shadowUpdate', () => checkShadow(issues, operation.shadow))
    .with('firmwareUpgrade', 'softwareUpgrade', () => {
      // v5 document.package_ids: 1–10 IDs of 1–64 characters.
      const ids = checkNonEmptyStringList(
        issues,
        'operation.packageIds',
        operation.packageIds,
        'package IDs',
        {
          max: maxPackageIdLength,
        },
      );
      checkListLength(issues, 'operation.packageIds', ids, maxPackageIds, 'package IDs');
    })
    .with('deleteDevices', 'freezeDevices', 'unfreezeDevices', () => undefined)
    .exhaustive();
}
