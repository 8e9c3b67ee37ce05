import { describe, expect, it } from 'vitest';
import { expectOnly, issuesOf } from './__test-helpers__/campaign-fixtures.js';

describe('validateCampaign: target', () => {
  it('reports an unknown or missing type', () => {
    expectOnly(
      { target: { type: 'Everything' } },
      'target.type',
      'unknown_type',
      'target.type: "Everything" is not a target type (one of DeviceList, DeviceType, DeviceArea, GroupList, GroupIdList, Broadcast, Filter, Rules)',
    );
    expect(issuesOf({ target: {} })[0]).toMatchObject({ path: 'target.type', code: 'required' });
    expect(issuesOf({ target: 'all' })[0]).toMatchObject({ path: 'target', code: 'wrong_type' });
  });

  it('reports an invalid device ID with its index, value and the rule', () => {
    const deviceIds = Array.from({ length: 40_212 }, (_, index) => `dev_${index}`);
    deviceIds[40_211] = 'dev 1';
    expectOnly(
      { target: { type: 'DeviceList', deviceIds } },
      'target.deviceIds[40211]',
      'invalid_device_id',
      'target.deviceIds[40211]: "dev 1" is not a valid device ID (letters, digits, _ and -, at most 128 characters)',
    );
  });

  it('reports device IDs that are too long or not strings', () => {
    const issues = issuesOf({
      target: { type: 'DeviceList', deviceIds: ['d'.repeat(129), 12, 'd'.repeat(128)] },
    });
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['target.deviceIds[0]', 'invalid_device_id'],
      ['target.deviceIds[1]', 'wrong_type'],
    ]);
  });

  it('reports an empty device list and a missing one', () => {
    expectOnly(
      { target: { type: 'DeviceList', deviceIds: [] } },
      'target.deviceIds',
      'empty_list',
      'target.deviceIds is empty (at least one device ID is needed)',
    );
    expectOnly(
      { target: { type: 'DeviceList' } },
      'target.deviceIds',
      'required',
      'target.deviceIds is required (a non-empty list of device IDs)',
    );
  });

  it('caps the issues of a huge bad list at 1,000 plus one summary', () => {
    const deviceIds = Array.from({ length: 5000 }, () => 'bad id');
    const issues = issuesOf({ target: { type: 'DeviceList', deviceIds } });
    expect(issues).toHaveLength(1001);
    expect(issues[1000]).toEqual({
      path: 'target.deviceIds',
      code: 'too_many_issues',
      message: 'target.deviceIds: 4000 more invalid device IDs not listed (only the first 1000 are reported)',
    });
    expect(issuesOf({ target: { type: 'DeviceList', deviceIds } }, { maxIssuesPerList: 10 })).toHaveLength(
      11,
    );
  });

  it('checks exclusions as device IDs', () => {
    expectOnly(
      { target: { type: 'Broadcast', exclude: ['ok', 'not ok'] } },
      'target.exclude[1]',
      'invalid_device_id',
      'target.exclude[1]: "not ok" is not a valid device ID (letters, digits, _ and -, at most 128 characters)',
    );
    expect(issuesOf({ target: { type: 'Broadcast', exclude: 'dev_1' } })[0]).toMatchObject({
      path: 'target.exclude',
      code: 'wrong_type',
    });
  });

  it('requires the fields of each selector', () => {
    expectOnly(
      { target: { type: 'DeviceType' } },
      'target.deviceType',
      'required',
      'target.deviceType is required (a string of 1–256 characters)',
    );
    expect(
      issuesOf({ target: { type: 'DeviceType', deviceType: 'WaterMeter', model: '' } })[0],
    ).toMatchObject({
      path: 'target.model',
      code: 'too_short',
    });
    expect(issuesOf({ target: { type: 'DeviceArea', location: 3 } })[0]).toMatchObject({
      path: 'target.location',
      code: 'wrong_type',
    });
    expectOnly(
      { target: { type: 'GroupList', groupNames: [] } },
      'target.groupNames',
      'empty_list',
      'target.groupNames is empty (at least one of group names is needed)',
    );
    expectOnly(
      { target: { type: 'Filter', groupIds: ['g1', ''] } },
      'target.groupIds[1]',
      'invalid_value',
      'target.groupIds[1]: "" is not a valid entry (a string of 1–64 characters)',
    );
    expect(issuesOf({ target: { type: 'GroupIdList', groupIds: 'g1' } })[0]).toMatchObject({
      path: 'target.groupIds',
      code: 'wrong_type',
    });
  });

  it('requires manufacturerId and model on DeviceType only when asked (the legacy docs disagree)', () => {
    const target = { type: 'DeviceType', deviceType: 'WaterMeter' };
    expect(issuesOf({ target })).toEqual([]);
    const issues = issuesOf({ target }, { requireManufacturerAndModel: true });
    expect(issues).toEqual([
      {
        path: 'target.manufacturerId',
        code: 'required',
        message: 'target.manufacturerId is required (a string of 1–256 characters)',
      },
      {
        path: 'target.model',
        code: 'required',
        message: 'target.model is required (a string of 1–256 characters)',
      },
    ]);
  });

  it('reports fields that do not belong to the selector', () => {
    expectOnly(
      { target: { type: 'Broadcast', deviceIds: ['a'] } },
      'target.deviceIds',
      'unknown_field',
      'target.deviceIds is not a known field (known: type, exclude)',
    );
  });
});

describe('validateCampaign: every target rule has an example with its code and message', () => {
  it.each([
    [
      { target: undefined },
      'target',
      'required',
      'target is required (an object with a type: DeviceList, DeviceType, DeviceArea, GroupList, GroupIdList, Broadcast, Filter, Rules)',
    ],
    [{ target: 'all' }, 'target', 'wrong_type', 'target: must be an object, got a string ("all")'],
    [
      { target: {} },
      'target.type',
      'required',
      'target.type: undefined is not a target type (one of DeviceList, DeviceType, DeviceArea, GroupList, GroupIdList, Broadcast, Filter, Rules)',
    ],
    [
      { target: { type: 'DeviceList', deviceIds: ['ok', 12] } },
      'target.deviceIds[1]',
      'wrong_type',
      'target.deviceIds[1]: 12 is not a valid device ID (letters, digits, _ and -, at most 128 characters)',
    ],
    [
      { target: { type: 'DeviceList', deviceIds: 'dev_1' } },
      'target.deviceIds',
      'wrong_type',
      'target.deviceIds: must be a list of device IDs, got a string ("dev_1")',
    ],
    [
      { target: { type: 'Broadcast', exclude: 'dev_1' } },
      'target.exclude',
      'wrong_type',
      'target.exclude: must be a list of device IDs, got a string ("dev_1")',
    ],
    [
      { target: { type: 'DeviceType', deviceType: 'WaterMeter', model: '' } },
      'target.model',
      'too_short',
      'target.model: "" is too short (1–256 characters)',
    ],
    [
      { target: { type: 'DeviceArea', location: 3 } },
      'target.location',
      'wrong_type',
      'target.location: must be a string of 1–256 characters, got a number (3)',
    ],
    [
      { target: { type: 'DeviceArea' } },
      'target.location',
      'required',
      'target.location is required (a string of 1–256 characters)',
    ],
    [
      { target: { type: 'GroupIdList', groupIds: 'g1' } },
      'target.groupIds',
      'wrong_type',
      'target.groupIds: must be a non-empty list of group IDs, got a string ("g1")',
    ],
    [
      { target: { type: 'GroupList' } },
      'target.groupNames',
      'required',
      'target.groupNames is required (a non-empty list of group names)',
    ],
    [
      { target: { type: 'GroupList', groupNames: [5] } },
      'target.groupNames[0]',
      'wrong_type',
      'target.groupNames[0]: 5 is not a valid entry (a string of 1–256 characters)',
    ],
  ])('%j: %s %s', (patch, path, code, message) => {
    expectOnly(patch, path, code, message);
  });
});
