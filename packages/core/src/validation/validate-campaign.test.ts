import { describe, expect, it } from 'vitest';
import type { AdapterCapabilitiesV1 } from '../adapter/v1/adapter-v1.js';
import { CampaignValidationError } from '../errors/campaign-validation-error.js';
import { FleetcastError } from '../errors/fleetcast-error.js';
import { assertValidCampaign } from './assert-valid-campaign.js';
import { legacyTaskNameRule, v5AsciiTaskNameRule } from './task-name-rules.js';
import { validateCampaign } from './validate-campaign.js';
import type { ValidationLimits } from './validation-limits.js';

const now = new Date('2026-11-22T04:00:00Z');
const valid = {
  name: 'meters_fw_2_1',
  target: { type: 'DeviceList', deviceIds: ['dev_1', 'dev-2'] },
  operation: { type: 'command', serviceId: 'water', commandName: 'ON_OFF', paras: { value: 'ON' } },
};

function issuesOf(patch: Record<string, unknown>, limits: ValidationLimits = {}) {
  return validateCampaign({ ...valid, ...patch }, { now, ...limits });
}

function expectOnly(
  patch: Record<string, unknown>,
  path: string,
  code: string,
  message: string,
  limits = {},
) {
  expect(issuesOf(patch, limits)).toEqual([{ path, code, message }]);
}

const legacyCapabilities: AdapterCapabilitiesV1 = {
  nativeSelectors: ['DeviceType', 'DeviceArea', 'GroupList', 'GroupIdList', 'Broadcast'],
  supportedOperations: ['command'],
  maxTargetsPerTask: 30_000,
  taskNameRule: legacyTaskNameRule,
  rateLimitPerMinute: 100,
  maxUnfinishedTasks: 'unknown',
  findTaskByName: false,
  rejectsDuplicateNames: true,
};

describe('validateCampaign: the campaign as a whole', () => {
  it('accepts a valid campaign', () => {
    expect(validateCampaign(valid, { now })).toEqual([]);
  });

  it.each([null, 42, 'text', [1, 2], undefined])(
    'reports a non-object campaign (%j) instead of throwing',
    (input) => {
      const issues = validateCampaign(input);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ path: 'campaign', code: 'wrong_type' });
      expect(issues[0]!.message).toMatch(/^campaign: must be an object/);
    },
  );

  it('reports unknown top-level fields', () => {
    expectOnly(
      { nmae: 'x' },
      'nmae',
      'unknown_field',
      'nmae is not a known field (known: name, target, operation, policy, rollout)',
    );
  });

  it('returns every problem at once', () => {
    const issues = issuesOf({
      name: 'a-b',
      target: { type: 'DeviceList', deviceIds: [] },
      policy: { timeout: 1 },
    });
    expect(issues.map((issue) => issue.code)).toEqual(['invalid_character', 'empty_list', 'out_of_range']);
  });
});

describe('validateCampaign: name', () => {
  it('requires a name', () => {
    const { name: _name, ...withoutName } = valid;
    expect(validateCampaign(withoutName, { now })).toEqual([
      {
        path: 'name',
        code: 'required',
        message: 'name is required (letters, digits, _ and Chinese characters, at most 128 characters)',
      },
    ]);
  });

  it('rejects a hyphen under the default (v5) rule but accepts Chinese characters', () => {
    expectOnly(
      { name: 'fw-rollout' },
      'name',
      'invalid_character',
      'name: "fw-rollout" contains "-", which is not allowed (letters, digits, _ and Chinese characters, at most 128 characters)',
    );
    expect(issuesOf({ name: '水表_升级_2' })).toEqual([]);
  });

  it('rejects names over 128 characters by default and over 256 under the legacy rule', () => {
    expectOnly(
      { name: 'n'.repeat(129) },
      'name',
      'too_long',
      `name: "${'n'.repeat(40)}…" is 129 characters long (letters, digits, _ and Chinese characters, at most 128 characters)`,
    );
    const legacy = { taskNameRule: legacyTaskNameRule };
    expect(issuesOf({ name: 'fw-rollout 2 n'.padEnd(256, 'x') }, legacy)).toEqual([]);
    expect(issuesOf({ name: 'x'.repeat(257) }, legacy)[0]).toMatchObject({ code: 'too_long' });
  });

  it('rejects control characters under the legacy rule and Chinese under the English v5 reading', () => {
    expect(issuesOf({ name: 'a\nb' }, { taskNameRule: legacyTaskNameRule })[0]).toMatchObject({
      code: 'invalid_character',
      message:
        'name: "a\\nb" contains "\\n", which is not allowed (any character except control characters, at most 256 characters)',
    });
    expect(issuesOf({ name: '水表' }, { taskNameRule: v5AsciiTaskNameRule })[0]).toMatchObject({
      code: 'invalid_character',
    });
  });

  it('takes the name rule from the adapter', () => {
    const adapter = { name: 'legacy', capabilities: legacyCapabilities };
    expect(issuesOf({ name: 'fw-rollout 2' }, { adapter })).toEqual([]);
  });

  it('reports an empty or non-string name', () => {
    expect(issuesOf({ name: '' })[0]).toMatchObject({ path: 'name', code: 'too_short' });
    expectOnly(
      { name: 7 },
      'name',
      'wrong_type',
      'name: must be a string (letters, digits, _ and Chinese characters, at most 128 characters), got a number (7)',
    );
  });
});

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
      'target.deviceType is required (a string of at least 1 characters)',
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
      'target.groupIds[1]: "" is not a valid entry (a string of at least 1 characters)',
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
        message: 'target.manufacturerId is required (a string of at least 1 characters)',
      },
      {
        path: 'target.model',
        code: 'required',
        message: 'target.model is required (a string of at least 1 characters)',
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

describe('validateCampaign: Rules target shape', () => {
  const rules = (conditions: unknown, namedConditions?: unknown) => ({
    target: { type: 'Rules', conditions, ...(namedConditions === undefined ? {} : { namedConditions }) },
  });

  it('accepts all/any/not/condition/leaf trees with named conditions', () => {
    const tree = {
      all: [
        { fact: 'firmwareVersion', operator: 'lessThan', value: '2.1' },
        { not: { fact: 'location', operator: 'equal', value: 'lab' } },
        { any: [{ condition: 'recent' }, { fact: 'model', operator: 'in', value: ['A', 'B'] }] },
      ],
    };
    expect(
      issuesOf(rules(tree, { recent: { all: [{ fact: 'lastSeen', operator: 'greaterThan', value: 5 }] } })),
    ).toEqual([]);
  });

  it('refuses a bare leaf as the top condition or as a named condition, as json-rules-engine does', () => {
    const leaf = { fact: 'lastSeen', operator: 'greaterThan', value: 5 };
    const message = (path: string) =>
      `${path}: a rule's top condition (and each named condition) must be all, any, not or a condition ` +
      'reference; json-rules-engine refuses a bare fact/operator/value here (wrap it: {"all": [ … ]})';
    expectOnly(rules(leaf), 'target.conditions', 'invalid_root', message('target.conditions'));
    expectOnly(
      rules({ all: [{ condition: 'recent' }] }, { recent: leaf }),
      'target.namedConditions.recent',
      'invalid_root',
      message('target.namedConditions.recent'),
    );
  });

  it('accepts a node with several boolean keys and checks only the one json-rules-engine uses (any > all > not)', () => {
    const leaf = { fact: 'model', operator: 'equal', value: 'A' };
    expect(issuesOf(rules({ all: [leaf], any: [leaf], not: leaf }))).toEqual([]);
    // `all` is ignored next to `any`, so its bad content is not an issue; `any`'s is.
    expect(issuesOf(rules({ any: [leaf], all: 'ignored' }))).toEqual([]);
    // A boolean key also wins over fact/operator/value, which json-rules-engine then ignores.
    expect(issuesOf(rules({ all: [{ all: [leaf], fact: 'x', operator: 'bogus' }] }))).toEqual([]);
    expect(issuesOf(rules({ any: [], all: [leaf] })).map((issue) => issue.path)).toEqual([
      'target.conditions.any',
    ]);
    expect(issuesOf(rules({ all: [{ fact: 'model' }], not: 'ignored' })).map((issue) => issue.path)).toEqual([
      'target.conditions.all[0].operator',
      'target.conditions.all[0].value',
    ]);
  });

  it('reports a node that is none or several of the kinds', () => {
    expectOnly(
      rules({ priority: 1 }),
      'target.conditions',
      'invalid_condition',
      'target.conditions: a condition needs exactly one of all, any, not, condition, or fact/operator/value',
    );
    expectOnly(
      rules({ all: [{ condition: 'x' }], condition: 'x' }),
      'target.conditions',
      'ambiguous_condition',
      'target.conditions: a condition is one of all/any/not, condition, fact (found all, condition)',
    );
  });

  it('reports leaves without operator or value, empty lists and bad priorities', () => {
    const issues = issuesOf(
      rules({ all: [{ fact: 'model' }, { any: [] }, { condition: 'x', priority: 0 }] }),
    );
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['target.conditions.all[0].operator', 'required'],
      ['target.conditions.all[0].value', 'required'],
      ['target.conditions.all[1].any', 'empty_list'],
      ['target.conditions.all[2].priority', 'out_of_range'],
      ['target.conditions.all[2].condition', 'unknown_condition'],
    ]);
    expect(issues[4]!.message).toBe(
      'target.conditions.all[2].condition: "x" is not defined in target.namedConditions',
    );
  });

  it('reports reference cycles among named conditions', () => {
    expectOnly(
      rules({ condition: 'a' }, { a: { condition: 'b' }, b: { all: [{ condition: 'a' }] } }),
      'target.namedConditions',
      'condition_cycle',
      'target.namedConditions: conditions refer to each other in a cycle (a → b → a)',
    );
  });

  it('follows a 100,000-long chain of named conditions without overflowing the stack', () => {
    const named: Record<string, unknown> = {};
    for (let index = 0; index < 100_000; index++) named[`c${index}`] = { condition: `c${index + 1}` };
    named.c100000 = { all: [{ fact: 'model', operator: 'equal', value: 'A' }] };
    expect(issuesOf(rules({ condition: 'c0' }, named))).toEqual([]);
    named.c100000 = { condition: 'c5' };
    const issues = issuesOf(rules({ condition: 'c0' }, named));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'condition_cycle' });
    expect(issues[0]!.message).toBe(
      'target.namedConditions: conditions refer to each other in a cycle (c5 → c6 → c7 → c8 → c9 → … → c99999 → c100000 → c5)',
    );
  });

  it('stops at nesting deeper than 32 levels instead of overflowing the stack', () => {
    let deep: unknown = { fact: 'a', operator: 'equal', value: 1 };
    for (let level = 0; level < 10_000; level++) deep = { not: deep };
    const issues = issuesOf(rules(deep));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'too_deep' });
    expect(issues[0]!.message).toMatch(/nested deeper than 32 levels/);
  });
});

describe('validateCampaign: operation', () => {
  it('reports an unknown operation type', () => {
    expectOnly(
      { operation: { type: 'reboot' } },
      'operation.type',
      'unknown_type',
      'operation.type: "reboot" is not an operation type (one of command, asyncCommand, message, shadowUpdate, firmwareUpgrade, softwareUpgrade, deleteDevices, freezeDevices, unfreezeDevices)',
    );
  });

  it('limits serviceId to 1–64 and commandName to 1–128 characters', () => {
    expectOnly(
      { operation: { type: 'command', serviceId: 's'.repeat(65), commandName: 'ON' } },
      'operation.serviceId',
      'too_long',
      `operation.serviceId: "${'s'.repeat(40)}…" is 65 characters long (1–64 characters)`,
    );
    expectOnly(
      { operation: { type: 'asyncCommand', serviceId: 'water', commandName: '' } },
      'operation.commandName',
      'too_short',
      'operation.commandName: "" is too short (1–128 characters)',
    );
    expect(
      issuesOf({ operation: { type: 'command', serviceId: 'w', commandName: 'c'.repeat(129) } }),
    ).toHaveLength(1);
  });

  it('checks async command fields', () => {
    const base = { type: 'asyncCommand', serviceId: 'water', commandName: 'ON' };
    expectOnly(
      { operation: { ...base, expireTime: -1 } },
      'operation.expireTime',
      'out_of_range',
      'operation.expireTime: -1 is out of range (at least 0 seconds)',
    );
    expectOnly(
      { operation: { ...base, sendStrategy: 'later' } },
      'operation.sendStrategy',
      'invalid_value',
      'operation.sendStrategy: "later" is not one of immediately, delay',
    );
  });

  it('checks message operations', () => {
    expectOnly(
      { operation: { type: 'message' } },
      'operation.message',
      'required',
      'operation.message is required (the message content)',
    );
    expect(issuesOf({ operation: { type: 'message', message: 'hi', encoding: 'utf8' } })[0]).toMatchObject({
      path: 'operation.encoding',
      code: 'invalid_value',
    });
  });

  it('limits a shadow update to 5 distinct serviceIds, unique, and 10 KB', () => {
    const entry = (serviceId: string) => ({ serviceId, desired: { on: true } });
    expectOnly(
      { operation: { type: 'shadowUpdate', shadow: ['a', 'b', 'c', 'd', 'e', 'f'].map(entry) } },
      'operation.shadow',
      'too_many_entries',
      'operation.shadow names 6 services (at most 5 distinct serviceIds)',
    );
    expectOnly(
      { operation: { type: 'shadowUpdate', shadow: [entry('a'), entry('a')] } },
      'operation.shadow[1].serviceId',
      'duplicate',
      'operation.shadow[1].serviceId: "a" appears more than once (each serviceId at most once)',
    );
    const big = [{ serviceId: 'a', desired: { blob: 'x'.repeat(10_240) } }];
    const issues = issuesOf({ operation: { type: 'shadowUpdate', shadow: big } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'operation.shadow', code: 'too_large' });
    expect(issues[0]!.message).toMatch(
      /^operation\.shadow is 10\d{3} bytes as JSON \(at most 10240 bytes, 10 KB\)$/,
    );
    expect(issuesOf({ operation: { type: 'shadowUpdate', shadow: [] } })[0]).toMatchObject({
      code: 'empty_list',
    });
    expect(issuesOf({ operation: { type: 'shadowUpdate', shadow: [{ serviceId: 'a' }] } })[0]).toMatchObject({
      path: 'operation.shadow[0].desired',
      code: 'required',
    });
  });

  it('reports a shadow that cannot be serialised instead of throwing', () => {
    const desired: Record<string, unknown> = {};
    desired.self = desired;
    expectOnly(
      { operation: { type: 'shadowUpdate', shadow: [{ serviceId: 'a', desired }] } },
      'operation.shadow',
      'invalid_value',
      'operation.shadow cannot be serialised as JSON (a cycle or a BigInt)',
    );
  });

  it('requires package IDs for upgrades', () => {
    expectOnly(
      { operation: { type: 'firmwareUpgrade', packageIds: [] } },
      'operation.packageIds',
      'empty_list',
      'operation.packageIds is empty (at least one of package IDs is needed)',
    );
    expect(issuesOf({ operation: { type: 'softwareUpgrade' } })[0]).toMatchObject({ code: 'required' });
  });

  it('reports unknown operation fields', () => {
    expectOnly(
      { operation: { type: 'deleteDevices', force: true } },
      'operation.force',
      'unknown_field',
      'operation.force is not a known field (known: type)',
    );
  });

  it('names the adapter and the operation it does not support', () => {
    const adapter = { name: 'legacy', capabilities: legacyCapabilities };
    expectOnly(
      { operation: { type: 'freezeDevices' } },
      'operation.type',
      'unsupported_operation',
      'operation.type: "freezeDevices" is not supported by the legacy adapter (supported: command)',
      { adapter },
    );
    expect(
      issuesOf({ operation: { type: 'deleteDevices' } }, { supportedOperations: ['deleteDevices'] }),
    ).toEqual([]);
  });

  it('does not object to a target type the adapter cannot select natively', () => {
    const adapter = { name: 'legacy', capabilities: legacyCapabilities };
    expect(issuesOf({ target: { type: 'Filter', groupIds: ['g1'] } }, { adapter })).toEqual([]);
  });
});

describe('validateCampaign: policy', () => {
  it('limits timeout to 10–2880 minutes', () => {
    expectOnly(
      { policy: { timeout: 9 } },
      'policy.timeout',
      'out_of_range',
      'policy.timeout: 9 is out of range (10–2880 minutes)',
    );
    expect(issuesOf({ policy: { timeout: 2881 } })[0]).toMatchObject({ code: 'out_of_range' });
    expect(issuesOf({ policy: { timeout: 10 } })).toEqual([]);
    expectOnly(
      { policy: { timeout: 12.5 } },
      'policy.timeout',
      'wrong_type',
      'policy.timeout: must be an integer, 10–2880 minutes, got a number (12.5)',
    );
  });

  it('limits maxRetransmit to 0–3', () => {
    expectOnly(
      { policy: { maxRetransmit: 4 } },
      'policy.maxRetransmit',
      'out_of_range',
      'policy.maxRetransmit: 4 is out of range (0–3)',
    );
    expect(issuesOf({ policy: { maxRetransmit: 0 } })).toEqual([]);
  });

  it('limits retryCount to 1–5 and retryInterval to 0–1440, given together', () => {
    expect(issuesOf({ policy: { retryCount: 5, retryInterval: 0 } })).toEqual([]);
    expectOnly(
      { policy: { retryCount: 6, retryInterval: 10 } },
      'policy.retryCount',
      'out_of_range',
      'policy.retryCount: 6 is out of range (1–5)',
    );
    expectOnly(
      { policy: { retryCount: 1, retryInterval: 1441 } },
      'policy.retryInterval',
      'out_of_range',
      'policy.retryInterval: 1441 is out of range (0–1440 minutes)',
    );
    expectOnly(
      { policy: { retryInterval: 30 } },
      'policy.retryCount',
      'required_together',
      'policy.retryCount is required when policy.retryInterval is given (both or neither)',
    );
  });

  it('accepts a scheduleTime within 7 days and rejects others', () => {
    expect(issuesOf({ policy: { scheduleTime: '20261128T120000Z' } })).toEqual([]);
    expectOnly(
      { policy: { scheduleTime: '20261201T000000Z' } },
      'policy.scheduleTime',
      'out_of_range',
      'policy.scheduleTime: "20261201T000000Z" is not within the next 7 days (20261122T040000Z to 20261129T040000Z)',
    );
    expect(issuesOf({ policy: { scheduleTime: '20261121T000000Z' } })[0]).toMatchObject({
      code: 'out_of_range',
    });
  });

  it('rejects a malformed or impossible scheduleTime', () => {
    expectOnly(
      { policy: { scheduleTime: '2026-11-23T12:00:00Z' } },
      'policy.scheduleTime',
      'invalid_format',
      `policy.scheduleTime: "2026-11-23T12:00:00Z" is not a valid time (yyyyMMdd'T'HHmmss'Z', UTC)`,
    );
    expect(issuesOf({ policy: { scheduleTime: '20261131T120000Z' } })[0]).toMatchObject({
      code: 'invalid_format',
    });
    expect(issuesOf({ policy: { scheduleTime: '20261123T246000Z' } })[0]).toMatchObject({
      code: 'invalid_format',
    });
  });

  it('limits tag names to 1–128 and values to 1–1024 characters', () => {
    expect(issuesOf({ policy: { tags: [{ name: 'n'.repeat(128), value: 'v'.repeat(1024) }] } })).toEqual([]);
    expectOnly(
      { policy: { tags: [{ name: 'n'.repeat(129), value: 'v' }] } },
      'policy.tags[0].name',
      'too_long',
      `policy.tags[0].name: "${'n'.repeat(40)}…" is 129 characters long (1–128 characters)`,
    );
    expectOnly(
      { policy: { tags: [{ name: 'n', value: '' }] } },
      'policy.tags[0].value',
      'too_short',
      'policy.tags[0].value: "" is too short (1–1024 characters)',
    );
  });

  it('checks callbackUrl, appId and unknown policy fields', () => {
    expectOnly(
      { policy: { callbackUrl: 'not a url' } },
      'policy.callbackUrl',
      'invalid_format',
      'policy.callbackUrl: "not a url" is not an absolute http(s) URL',
    );
    expect(issuesOf({ policy: { callbackUrl: 'https://example.com/cb', appId: 'app_1-x' } })).toEqual([]);
    expect(issuesOf({ policy: { appId: 'a'.repeat(37) } })[0]).toMatchObject({ code: 'invalid_format' });
    expectOnly(
      { policy: { timeOut: 30 } },
      'policy.timeOut',
      'unknown_field',
      'policy.timeOut is not a known field (known: timeout, maxRetransmit, retryCount, retryInterval, scheduleTime, callbackUrl, groupTag, tags, appId)',
    );
  });
});

describe('validation limits and assertValidCampaign', () => {
  it('refuses limits beyond the adapter and non-positive limits', () => {
    const adapter = { name: 'legacy', capabilities: legacyCapabilities };
    expect(() => validateCampaign(valid, { adapter, maxTargetsPerTask: 30_001 })).toThrow(
      'maxTargetsPerTask: 30001 exceeds 30000, the limit of the legacy adapter',
    );
    expect(() => validateCampaign(valid, { maxTargetsPerTask: 0 })).toThrow(FleetcastError);
  });

  it('throws a CampaignValidationError holding every issue', () => {
    const bad = { ...valid, name: 'a-b', policy: { timeout: 1 } };
    let caught: unknown;
    try {
      assertValidCampaign(bad, { now });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CampaignValidationError);
    const error = caught as CampaignValidationError;
    expect(error.code).toBe('FLEETCAST_INVALID_CAMPAIGN');
    expect(error.issues.map((issue) => issue.path)).toEqual(['name', 'policy.timeout']);
    expect(() => assertValidCampaign(valid, { now })).not.toThrow();
  });
});
