import { match } from 'ts-pattern';
import { operationTypes, type OperationType } from '../campaign/operation.js';
import { describeValue, isPlainObject } from '../errors/describe-value.js';
import {
  checkEnum,
  checkInteger,
  checkKnownFields,
  checkNonEmptyStringList,
  checkObject,
  checkString,
  reportMissing,
  reportWrongType,
} from './field-checks.js';
import type { IssueCollector } from './issue-collector.js';

/** v5 `updateDeviceShadows`: at most 5 distinct service IDs and 10 KB of content. */
export const maxShadowServices = 5;
/** The 10 KB shadow limit, measured as the UTF-8 bytes of the JSON that is sent. */
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
    json = JSON.stringify(shadow);
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
      `${path} is ${bytes} bytes as JSON (at most ${maxShadowBytes} bytes, 10 KB)`,
    );
  }
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
  checkKnownFields(issues, 'operation', operation, fieldsByType[type]);
  match(type)
    .with('command', () => checkCommand(issues, operation))
    .with('asyncCommand', () => {
      checkCommand(issues, operation);
      checkInteger(issues, 'operation.expireTime', operation.expireTime, { min: 0, unit: 'seconds' });
      checkEnum(issues, 'operation.sendStrategy', operation.sendStrategy, ['immediately', 'delay']);
    })
    .with('message', () => checkMessage(issues, operation))
    .with('shadowUpdate', () => checkShadow(issues, operation.shadow))
    .with('firmwareUpgrade', 'softwareUpgrade', () => {
      checkNonEmptyStringList(issues, 'operation.packageIds', operation.packageIds, 'package IDs');
    })
    .with('deleteDevices', 'freezeDevices', 'unfreezeDevices', () => undefined)
    .exhaustive();
}
