import type { Campaign, Operation, TaskPlanV1 } from '@fleetcast/core';
import { CampaignValidationError } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { v5AsciiTaskNameRule } from './v5-task-name-rule.js';
import { buildV5CreateRequest, type V5CreateOptions } from './v5-create-request.js';

const options: V5CreateOptions = {
  projectId: 'proj01',
  upgradePackageKey: 'package_ids',
  groupIdsByName: new Map([['north', 'e495cf17-ff79-4294-8f64-4d367919d665']]),
};
const explicit: TaskPlanV1 = {
  kind: 'explicit',
  name: 'campaign_0001',
  index: 0,
  deviceIds: ['dev_1', 'dev-2'],
};
const campaignOf = (operation: Operation, policy?: Campaign['policy']): Campaign => ({
  name: 'campaign',
  target: { type: 'DeviceList', deviceIds: ['dev_1'] },
  operation,
  ...(policy ? { policy } : {}),
});
const body = (task: TaskPlanV1, operation: Operation, extra: Partial<V5CreateOptions> = {}) =>
  buildV5CreateRequest(task, campaignOf(operation), { ...options, ...extra }).body;

describe('buildV5CreateRequest (golden bodies, checked against v5-create-batch-task.en.txt)', () => {
  it('createCommands to explicit targets, with policy, app_id and Instance-Id', () => {
    const request = buildV5CreateRequest(
      explicit,
      campaignOf(
        { type: 'command', serviceId: 'water', commandName: 'ON_OFF', paras: { value: 'ON' } },
        { retryCount: 3, retryInterval: 10, scheduleTime: '20261123T010000Z', appId: 'space_1' },
      ),
      { ...options, instanceId: 'inst-1' },
    );
    expect(request).toMatchInlineSnapshot(`
      {
        "body": {
          "app_id": "space_1",
          "document": {
            "command_name": "ON_OFF",
            "paras": {
              "value": "ON",
            },
            "service_id": "water",
          },
          "targets": [
            "dev_1",
            "dev-2",
          ],
          "task_name": "campaign_0001",
          "task_policy": {
            "retry_count": 3,
            "retry_interval": 10,
            "schedule_time": "20261123T010000Z",
          },
          "task_type": "createCommands",
        },
        "headers": {
          "Content-Type": "application/json",
          "Instance-Id": "inst-1",
        },
        "method": "POST",
        "path": "/v5/iot/proj01/batchtasks",
      }
    `);
  });

  it('createAsyncCommands', () => {
    expect(
      body(explicit, {
        type: 'asyncCommand',
        serviceId: 'water',
        commandName: 'ON_OFF',
        paras: { value: 'ON' },
        expireTime: 0,
        sendStrategy: 'immediately',
      }),
    ).toMatchInlineSnapshot(`
      {
        "document": {
          "command_name": "ON_OFF",
          "expire_time": 0,
          "paras": {
            "value": "ON",
          },
          "send_strategy": "immediately",
          "service_id": "water",
        },
        "targets": [
          "dev_1",
          "dev-2",
        ],
        "task_name": "campaign_0001",
        "task_type": "createAsyncCommands",
      }
    `);
  });

  it('createMessages', () => {
    expect(
      body(explicit, {
        type: 'message',
        messageId: '99b32da9-cd17-4cdf-a286-f6e849cbc364',
        name: 'messageName',
        message: 'HelloWorld',
        encoding: 'none',
        payloadFormat: 'standard',
        topic: 'messageDown',
        topicFullName: '/device/message/down',
      }),
    ).toMatchInlineSnapshot(`
      {
        "document": {
          "encoding": "none",
          "message": "HelloWorld",
          "message_id": "99b32da9-cd17-4cdf-a286-f6e849cbc364",
          "name": "messageName",
          "payload_format": "standard",
          "topic": "messageDown",
          "topic_full_name": "/device/message/down",
        },
        "targets": [
          "dev_1",
          "dev-2",
        ],
        "task_name": "campaign_0001",
        "task_type": "createMessages",
      }
    `);
  });

  it('updateDeviceShadows', () => {
    expect(
      body(explicit, {
        type: 'shadowUpdate',
        shadow: [{ serviceId: 'WaterMeter', desired: { temperature: '60' } }],
      }),
    ).toMatchInlineSnapshot(`
      {
        "document": {
          "shadow": [
            {
              "desired": {
                "temperature": "60",
              },
              "service_id": "WaterMeter",
            },
          ],
        },
        "targets": [
          "dev_1",
          "dev-2",
        ],
        "task_name": "campaign_0001",
        "task_type": "updateDeviceShadows",
      }
    `);
  });

  it('firmwareUpgrade and softwareUpgrade with package_ids, or the older package_id', () => {
    expect(
      body(explicit, { type: 'firmwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] }),
    ).toMatchInlineSnapshot(`
      {
        "document": {
          "package_ids": [
            "32822e5744a45ede319d2c50",
          ],
        },
        "targets": [
          "dev_1",
          "dev-2",
        ],
        "task_name": "campaign_0001",
        "task_type": "firmwareUpgrade",
      }
    `);
    expect(
      (
        body(
          explicit,
          { type: 'softwareUpgrade', packageIds: ['32822e5744a45ede319d2c50'] },
          { upgradePackageKey: 'package_id' },
        ) as { document: unknown }
      ).document,
    ).toEqual({ package_id: '32822e5744a45ede319d2c50' });
    expect(() =>
      body(
        explicit,
        { type: 'softwareUpgrade', packageIds: ['a', 'b'] },
        { upgradePackageKey: 'package_id' },
      ),
    ).toThrow(/operation\.packageIds must hold exactly 1/);
  });

  it('deleteDevices, freezeDevices and unfreezeDevices carry no document', () => {
    for (const type of ['deleteDevices', 'freezeDevices', 'unfreezeDevices'] as const) {
      expect(body(explicit, { type })).toEqual({
        task_name: 'campaign_0001',
        task_type: type,
        targets: ['dev_1', 'dev-2'],
      });
    }
  });

  it('GroupIdList and Filter become targets_filter.group_ids; GroupList uses resolved IDs', () => {
    const native = (target: Extract<TaskPlanV1, { kind: 'native' }>['target']): TaskPlanV1 => ({
      kind: 'native',
      name: 'campaign_0001',
      index: 0,
      target,
    });
    const freeze = { type: 'freezeDevices' } as const;
    expect(body(native({ type: 'Filter', groupIds: ['g1', 'g2'] }), freeze)).toMatchInlineSnapshot(`
      {
        "targets_filter": {
          "group_ids": [
            "g1",
            "g2",
          ],
        },
        "task_name": "campaign_0001",
        "task_type": "freezeDevices",
      }
    `);
    expect(body(native({ type: 'GroupIdList', groupIds: ['g1', 'g2'] }), freeze)).toEqual(
      body(native({ type: 'Filter', groupIds: ['g1', 'g2'] }), freeze),
    );
    expect(body(native({ type: 'GroupList', groupNames: ['north'] }), freeze)).toMatchObject({
      targets_filter: { group_ids: ['e495cf17-ff79-4294-8f64-4d367919d665'] },
    });
    expect(() => body(native({ type: 'GroupList', groupNames: ['south'] }), freeze)).toThrow(
      /"south" are not resolved/,
    );
    expect(() => body(native({ type: 'DeviceType', deviceType: 'WaterMeter' }), freeze)).toThrow(
      /not native on adapter "v5"/,
    );
  });

  it('every operation × selector: task_type, exactly one target source, document keys', () => {
    const operations: Operation[] = [
      { type: 'command', serviceId: 's', commandName: 'c' },
      { type: 'asyncCommand', serviceId: 's', commandName: 'c', expireTime: 0 },
      { type: 'message', message: 'm' },
      { type: 'shadowUpdate', shadow: [{ serviceId: 's', desired: { a: 1 } }] },
      { type: 'firmwareUpgrade', packageIds: ['p'] },
      { type: 'softwareUpgrade', packageIds: ['p'] },
      { type: 'deleteDevices' },
      { type: 'freezeDevices' },
      { type: 'unfreezeDevices' },
    ];
    const tasks: Record<string, TaskPlanV1> = {
      explicit: explicit,
      GroupIdList: { kind: 'native', name: 'n', index: 0, target: { type: 'GroupIdList', groupIds: ['g'] } },
      Filter: { kind: 'native', name: 'n', index: 0, target: { type: 'Filter', groupIds: ['g'] } },
      GroupList: {
        kind: 'native',
        name: 'n',
        index: 0,
        target: { type: 'GroupList', groupNames: ['north'] },
      },
    };
    const table: Record<string, string> = {};
    for (const operation of operations) {
      for (const [selector, task] of Object.entries(tasks)) {
        const sent = body(task, operation) as Record<string, unknown>;
        const source = ['targets', 'targets_filter'].filter((key) => key in sent).join('+');
        const document = Object.keys((sent.document as object | undefined) ?? {}).join(',');
        table[`${operation.type} × ${selector}`] = `${sent.task_type} ${source} [${document}]`;
      }
    }
    expect(table).toMatchInlineSnapshot(`
      {
        "asyncCommand × Filter": "createAsyncCommands targets_filter [service_id,command_name,paras,expire_time]",
        "asyncCommand × GroupIdList": "createAsyncCommands targets_filter [service_id,command_name,paras,expire_time]",
        "asyncCommand × GroupList": "createAsyncCommands targets_filter [service_id,command_name,paras,expire_time]",
        "asyncCommand × explicit": "createAsyncCommands targets [service_id,command_name,paras,expire_time]",
        "command × Filter": "createCommands targets_filter [service_id,command_name,paras]",
        "command × GroupIdList": "createCommands targets_filter [service_id,command_name,paras]",
        "command × GroupList": "createCommands targets_filter [service_id,command_name,paras]",
        "command × explicit": "createCommands targets [service_id,command_name,paras]",
        "deleteDevices × Filter": "deleteDevices targets_filter []",
        "deleteDevices × GroupIdList": "deleteDevices targets_filter []",
        "deleteDevices × GroupList": "deleteDevices targets_filter []",
        "deleteDevices × explicit": "deleteDevices targets []",
        "firmwareUpgrade × Filter": "firmwareUpgrade targets_filter [package_ids]",
        "firmwareUpgrade × GroupIdList": "firmwareUpgrade targets_filter [package_ids]",
        "firmwareUpgrade × GroupList": "firmwareUpgrade targets_filter [package_ids]",
        "firmwareUpgrade × explicit": "firmwareUpgrade targets [package_ids]",
        "freezeDevices × Filter": "freezeDevices targets_filter []",
        "freezeDevices × GroupIdList": "freezeDevices targets_filter []",
        "freezeDevices × GroupList": "freezeDevices targets_filter []",
        "freezeDevices × explicit": "freezeDevices targets []",
        "message × Filter": "createMessages targets_filter [message]",
        "message × GroupIdList": "createMessages targets_filter [message]",
        "message × GroupList": "createMessages targets_filter [message]",
        "message × explicit": "createMessages targets [message]",
        "shadowUpdate × Filter": "updateDeviceShadows targets_filter [shadow]",
        "shadowUpdate × GroupIdList": "updateDeviceShadows targets_filter [shadow]",
        "shadowUpdate × GroupList": "updateDeviceShadows targets_filter [shadow]",
        "shadowUpdate × explicit": "updateDeviceShadows targets [shadow]",
        "softwareUpgrade × Filter": "softwareUpgrade targets_filter [package_ids]",
        "softwareUpgrade × GroupIdList": "softwareUpgrade targets_filter [package_ids]",
        "softwareUpgrade × GroupList": "softwareUpgrade targets_filter [package_ids]",
        "softwareUpgrade × explicit": "softwareUpgrade targets [package_ids]",
        "unfreezeDevices × Filter": "unfreezeDevices targets_filter []",
        "unfreezeDevices × GroupIdList": "unfreezeDevices targets_filter []",
        "unfreezeDevices × GroupList": "unfreezeDevices targets_filter []",
        "unfreezeDevices × explicit": "unfreezeDevices targets []",
      }
    `);
  });

  it('enforces the task-name rule and the 30,000-target limit, naming field and limit', () => {
    const op = { type: 'deleteDevices' } as const;
    expect(() => body({ ...explicit, name: 'with-hyphen' }, op)).toThrow(
      /task\.name contains "-", which is not allowed/,
    );
    expect(() => body({ ...explicit, name: 'a'.repeat(129) }, op)).toThrow(
      /task\.name is 129 characters long; v5 allows .*at most 128 characters/,
    );
    expect(body({ ...explicit, name: `升级_${'a'.repeat(125)}` }, op)).toMatchObject({
      task_type: 'deleteDevices',
    });
    expect(() => body({ ...explicit, name: '升级' }, op, { taskNameRule: v5AsciiTaskNameRule })).toThrow(
      /task\.name contains "升", which is not allowed; v5 allows letters, digits and _/,
    );
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `d${index}`);
    expect((body({ ...explicit, deviceIds: ids(30_000) }, op) as { targets: string[] }).targets).toHaveLength(
      30_000,
    );
    expect(() => body({ ...explicit, deviceIds: ids(30_001) }, op)).toThrow(CampaignValidationError);
    expect(() => body({ ...explicit, deviceIds: ids(30_001) }, op)).toThrow(
      /1–30000 device IDs on v5, got 30001/,
    );
  });
});
