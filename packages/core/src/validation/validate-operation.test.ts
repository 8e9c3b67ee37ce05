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
