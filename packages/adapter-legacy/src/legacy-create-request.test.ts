import type { Campaign, NativeTarget, TaskPlanV1 } from '@fleetcast/core';
import { CampaignValidationError } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { buildLegacyCreateRequest } from './legacy-create-request.js';

const campaign: Campaign = {
  name: 'valve_on',
  target: { type: 'Broadcast' },
  operation: { type: 'command', serviceId: 'WaterMeter', commandName: 'SET_VALVE', paras: { value: 'ON' } },
};
const options = { timeoutUnit: 'minutes', defaultTimeoutMinutes: 30 } as const;
const native = (target: NativeTarget): TaskPlanV1 => ({
  kind: 'native',
  name: 'valve_on_0001',
  index: 0,
  target,
});

describe('buildLegacyCreateRequest (golden bodies, checked against legacy-create-batch-task.*.txt)', () => {
  it('DeviceList from an explicit task, with every optional policy field', () => {
    const task: TaskPlanV1 = {
      kind: 'explicit',
      name: 'valve_on_0001',
      index: 0,
      deviceIds: ['dev-1', 'dev-2'],
    };
    const request = buildLegacyCreateRequest(
      task,
      {
        ...campaign,
        policy: {
          timeout: 120,
          maxRetransmit: 2,
          callbackUrl: 'https://app.example.com/cb',
          groupTag: 'east',
          appId: 'authorizedApp',
          tags: [{ name: 'campaign', value: 'valve_on' }],
        },
      },
      options,
    );
    expect(request).toMatchInlineSnapshot(`
      {
        "body": {
          "appId": "authorizedApp",
          "param": {
            "callbackUrl": "https://app.example.com/cb",
            "command": {
              "method": "SET_VALVE",
              "paras": {
                "value": "ON",
              },
              "serviceId": "WaterMeter",
            },
            "deviceList": [
              "dev-1",
              "dev-2",
            ],
            "groupTag": "east",
            "maxRetransmit": 2,
            "type": "DeviceList",
          },
          "tags": [
            {
              "tagName": "campaign",
              "tagValue": "valve_on",
            },
          ],
          "taskName": "valve_on_0001",
          "taskType": "DeviceCmd",
          "timeout": 120,
        },
        "headers": {
          "Content-Type": "application/json",
        },
        "method": "POST",
        "path": "/iocm/app/batchtask/v1.1.0/tasks",
      }
    `);
  });

  it('DeviceType with manufacturer and model', () => {
    expect(
      buildLegacyCreateRequest(
        native({ type: 'DeviceType', deviceType: 'WaterMeter', manufacturerId: 'HZWM', model: 'WM-NB200' }),
        campaign,
        options,
      ).body,
    ).toMatchInlineSnapshot(`
      {
        "param": {
          "command": {
            "method": "SET_VALVE",
            "paras": {
              "value": "ON",
            },
            "serviceId": "WaterMeter",
          },
          "deviceType": "WaterMeter",
          "manufacturerId": "HZWM",
          "model": "WM-NB200",
          "type": "DeviceType",
        },
        "taskName": "valve_on_0001",
        "taskType": "DeviceCmd",
        "timeout": 30,
      }
    `);
  });

  it('DeviceArea', () => {
    expect(
      buildLegacyCreateRequest(
        native({ type: 'DeviceArea', location: 'Shenzhen-Nanshan' }),
        campaign,
        options,
      ).body,
    ).toMatchInlineSnapshot(`
      {
        "param": {
          "command": {
            "method": "SET_VALVE",
            "paras": {
              "value": "ON",
            },
            "serviceId": "WaterMeter",
          },
          "deviceLocation": "Shenzhen-Nanshan",
          "type": "DeviceArea",
        },
        "taskName": "valve_on_0001",
        "taskType": "DeviceCmd",
        "timeout": 30,
      }
    `);
  });

  it('GroupList (names), GroupIdList and Filter (both group IDs)', () => {
    const param = (target: NativeTarget) =>
      (buildLegacyCreateRequest(native(target), campaign, options).body as { param: unknown }).param;
    expect(param({ type: 'GroupList', groupNames: ['north', 'south'] })).toMatchInlineSnapshot(`
      {
        "command": {
          "method": "SET_VALVE",
          "paras": {
            "value": "ON",
          },
          "serviceId": "WaterMeter",
        },
        "groupList": [
          "north",
          "south",
        ],
        "type": "GroupList",
      }
    `);
    expect(param({ type: 'GroupIdList', groupIds: ['g-1'] })).toMatchInlineSnapshot(`
      {
        "command": {
          "method": "SET_VALVE",
          "paras": {
            "value": "ON",
          },
          "serviceId": "WaterMeter",
        },
        "groupList": [
          "g-1",
        ],
        "type": "GroupIdList",
      }
    `);
    expect(param({ type: 'Filter', groupIds: ['g-1'] })).toEqual(
      param({ type: 'GroupIdList', groupIds: ['g-1'] }),
    );
  });

  it('Broadcast', () => {
    expect(
      buildLegacyCreateRequest(native({ type: 'Broadcast' }), campaign, options).body,
    ).toMatchInlineSnapshot(`
      {
        "param": {
          "command": {
            "method": "SET_VALVE",
            "paras": {
              "value": "ON",
            },
            "serviceId": "WaterMeter",
          },
          "type": "Broadcast",
        },
        "taskName": "valve_on_0001",
        "taskType": "DeviceCmd",
        "timeout": 30,
      }
    `);
  });

  it('sends the timeout in the configured unit and names the limit when it does not fit', () => {
    const withTimeout = (timeout: number, timeoutUnit: 'minutes' | 'seconds') =>
      (
        buildLegacyCreateRequest(
          native({ type: 'Broadcast' }),
          { ...campaign, policy: { timeout } },
          {
            timeoutUnit,
            defaultTimeoutMinutes: 30,
          },
        ).body as { timeout: number }
      ).timeout;
    expect(withTimeout(120, 'minutes')).toBe(120);
    expect(withTimeout(20, 'seconds')).toBe(1200);
    expect(() => withTimeout(60, 'seconds')).toThrow(/at most 48 minutes/);
    expect(() => withTimeout(2881, 'minutes')).toThrow(/policy\.timeout.*10–2880 minutes/);
    expect(() => withTimeout(5, 'minutes')).toThrow(CampaignValidationError);
  });

  it('refuses every operation but command, naming the adapter and the operation', () => {
    const upgrade: Campaign = { ...campaign, operation: { type: 'firmwareUpgrade', packageIds: ['p'] } };
    expect(() => buildLegacyCreateRequest(native({ type: 'Broadcast' }), upgrade, options)).toThrow(
      /operation\.type "firmwareUpgrade" is not supported by adapter "legacy"/,
    );
  });

  it('refuses names over 256 characters and more than 30,000 IDs', () => {
    expect(() =>
      buildLegacyCreateRequest(
        { ...native({ type: 'Broadcast' }), name: 'n'.repeat(257) },
        campaign,
        options,
      ),
    ).toThrow(/task\.name is 257 characters long; legacy allows .*at most 256 characters/);
    const ids = Array.from({ length: 30_001 }, (_, index) => `d${index}`);
    expect(() =>
      buildLegacyCreateRequest({ kind: 'explicit', name: 'n', index: 0, deviceIds: ids }, campaign, options),
    ).toThrow(/task\.deviceIds must hold 1–30000 device IDs on legacy, got 30001/);
  });
});
