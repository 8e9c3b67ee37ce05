import { describe, expect, it } from 'vitest';
import { expectOnly, issuesOf, legacyCapabilities } from './__test-helpers__/campaign-fixtures.js';

describe('validateCampaign: operation', () => {
  it('reports an unknown operation type', () => {
    expectOnly(
      { operation: { type: 'reboot' } },
      'operation.type',
      'unknown_type',
      'operation.type: "reboot" is not an operation type (one of command, asyncCommand, message, shadowUpdate, firmwareUpgrade, softwareUpgrade, deleteDevices, freezeDevices, unfreezeDevices)',
    );
  });

  it('refuses documented v5 task types fleetcast cannot create, saying why (batch files)', () => {
    for (const type of ['createDevices', 'updateDevices']) {
      const issues = issuesOf({ operation: { type } });
      expect(issues).toEqual([
        expect.objectContaining({ path: 'operation.type', code: 'unsupported_task_type' }),
      ]);
      expect(issues[0]!.message).toMatch(
        new RegExp(
          `^operation\\.type: "${type}" is the v5 task type ${type}, which fleetcast cannot create: .*document_source.*/batchtask-files.*30,000 rows.*does not upload batch files$`,
        ),
      );
    }
  });

  it('refuses the legacy task types beyond DeviceCmd, naming the reason (no source documents their param)', () => {
    for (const type of ['DeviceReg', 'DeviceLocation', 'DeviceMod', 'DeviceDel', 'DeviceLicense']) {
      expectOnly(
        { operation: { type } },
        'operation.type',
        'unsupported_task_type',
        `operation.type: "${type}" is a legacy task type that only the PHP and older SDK docs list; no source documents its param, so fleetcast cannot build it (legacy tasks are DeviceCmd, operation.type "command")`,
      );
    }
    expect(issuesOf({ operation: { type: 'DeviceCmd' } })[0]!.message).toMatch(
      /write operation\.type "command"/,
    );
  });

  it('refuses the v5 upgrade fields task_mode and task_ext_info in either spelling, saying why', () => {
    const operation = {
      type: 'firmwareUpgrade',
      packageIds: ['p'],
      taskMode: 'GATEWAY',
      task_ext_info: { note: 'x' },
    };
    const issues = issuesOf({ operation });
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['operation.taskMode', 'unsupported_field'],
      ['operation.task_ext_info', 'unsupported_field'],
    ]);
    expect(issues[0]!.message).toMatch(
      /^operation\.taskMode is the v5 upgrade field task_mode \(only GATEWAY exists\), which fleetcast does not send: /,
    );
    expect(issues[1]!.message).toMatch(/task_ext_info .*at most 512 characters.*does not send yet/);
    // On other operations they are simply unknown fields.
    expect(issuesOf({ operation: { type: 'freezeDevices', taskMode: 'GATEWAY' } })[0]!.code).not.toBe(
      'unsupported_field',
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
      'operation.expireTime: -1 is out of range (0–172800 seconds)',
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
      /^operation\.shadow is 10\d{3} bytes as the JSON document sent \(\{"shadow":\[\{"service_id","desired"\}\]\}; at most 10240 bytes, 10 KB\)$/,
    );
    expect(issuesOf({ operation: { type: 'shadowUpdate', shadow: [] } })[0]).toMatchObject({
      code: 'empty_list',
    });
    expect(issuesOf({ operation: { type: 'shadowUpdate', shadow: [{ serviceId: 'a' }] } })[0]).toMatchObject({
      path: 'operation.shadow[0].desired',
      code: 'required',
    });
  });

  it('measures the 10 KB on the JSON document sent (service_id, the shadow wrapper), not the camelCase form', () => {
    // Exactly 10,240 bytes in the campaign's own form; the document the v5 adapter sends is longer.
    const camel = (blob: string) => [{ serviceId: 'a', desired: { blob } }];
    const overhead = JSON.stringify(camel('')).length;
    const shadow = camel('x'.repeat(10_240 - overhead));
    expect(Buffer.byteLength(JSON.stringify(shadow))).toBe(10_240);
    const sent = JSON.stringify({ shadow: [{ service_id: 'a', desired: shadow[0]!.desired }] });
    expect(Buffer.byteLength(sent)).toBeGreaterThan(10_240);
    expect(issuesOf({ operation: { type: 'shadowUpdate', shadow } })).toEqual([
      expect.objectContaining({ path: 'operation.shadow', code: 'too_large' }),
    ]);
    const fits = camel('x'.repeat(10_240 - Buffer.byteLength(sent) + 10_240 - overhead));
    expect(issuesOf({ operation: { type: 'shadowUpdate', shadow: fits } })).toEqual([]);
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

describe('validateCampaign: every operation rule has an example with its code and message', () => {
  const command = { type: 'command', serviceId: 'w', commandName: 'c' };
  it.each([
    [
      { operation: undefined },
      'operation',
      'required',
      'operation is required (an object with a type: command, asyncCommand, message, shadowUpdate, firmwareUpgrade, softwareUpgrade, deleteDevices, freezeDevices, unfreezeDevices)',
    ],
    [
      { operation: [] },
      'operation',
      'wrong_type',
      'operation: must be an object, got an array (an array of 0)',
    ],
    [
      { operation: {} },
      'operation.type',
      'required',
      'operation.type: undefined is not an operation type (one of command, asyncCommand, message, shadowUpdate, firmwareUpgrade, softwareUpgrade, deleteDevices, freezeDevices, unfreezeDevices)',
    ],
    [
      { operation: { type: 'command', commandName: 'ON' } },
      'operation.serviceId',
      'required',
      'operation.serviceId is required (a string of 1–64 characters)',
    ],
    [
      { operation: { ...command, commandName: 'c'.repeat(129) } },
      'operation.commandName',
      'too_long',
      `operation.commandName: "${'c'.repeat(40)}…" is 129 characters long (1–128 characters)`,
    ],
    [
      { operation: { ...command, paras: 'x' } },
      'operation.paras',
      'wrong_type',
      'operation.paras: must be an object, got a string ("x")',
    ],
    [
      { operation: { ...command, type: 'asyncCommand', expireTime: 1.5 } },
      'operation.expireTime',
      'wrong_type',
      'operation.expireTime: must be an integer, 0–172800 seconds, got a number (1.5)',
    ],
    [
      { operation: { type: 'message', message: 'hi', encoding: 'utf8' } },
      'operation.encoding',
      'invalid_value',
      'operation.encoding: "utf8" is not one of none, base64',
    ],
    [
      { operation: { type: 'message', message: 'hi', payloadFormat: 'json' } },
      'operation.payloadFormat',
      'invalid_value',
      'operation.payloadFormat: "json" is not one of standard, raw',
    ],
    [
      { operation: { type: 'message', message: 'hi', messageId: 5 } },
      'operation.messageId',
      'wrong_type',
      'operation.messageId: must be a string of at least 1 character, got a number (5)',
    ],
    [
      { operation: { type: 'shadowUpdate' } },
      'operation.shadow',
      'required',
      'operation.shadow is required (a non-empty list of {serviceId, desired})',
    ],
    [
      { operation: { type: 'shadowUpdate', shadow: [] } },
      'operation.shadow',
      'empty_list',
      'operation.shadow is empty (at least one {serviceId, desired} is needed)',
    ],
    [
      { operation: { type: 'shadowUpdate', shadow: ['a'] } },
      'operation.shadow[0]',
      'wrong_type',
      'operation.shadow[0]: must be an object {serviceId, desired}, got a string ("a")',
    ],
    [
      { operation: { type: 'shadowUpdate', shadow: [{ serviceId: 'a' }] } },
      'operation.shadow[0].desired',
      'required',
      'operation.shadow[0].desired is required (an object)',
    ],
    [
      { operation: { type: 'shadowUpdate', shadow: [{ serviceId: 'a', desired: [] }] } },
      'operation.shadow[0].desired',
      'wrong_type',
      'operation.shadow[0].desired: must be an object, got an array (an array of 0)',
    ],
    [
      { operation: { type: 'softwareUpgrade' } },
      'operation.packageIds',
      'required',
      'operation.packageIds is required (a non-empty list of package IDs)',
    ],
    [
      { operation: { type: 'firmwareUpgrade', packageIds: [''] } },
      'operation.packageIds[0]',
      'invalid_value',
      'operation.packageIds[0]: "" is not a valid entry (a string of 1–64 characters)',
    ],
  ])('%j: %s %s', (patch, path, code, message) => {
    expectOnly(patch, path, code, message);
  });
});
