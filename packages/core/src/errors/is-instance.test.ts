import { describe, expect, it } from 'vitest';
import * as core from '../index.js';

// One instance of every error class the package exports; the test below fails when a new class is exported
// without an entry here, so every class is checked against every other.
const samples: Record<string, () => core.FleetcastError> = {
  FleetcastError: () => new core.FleetcastError('FLEETCAST_TEST', 'base'),
  CampaignValidationError: () =>
    new core.CampaignValidationError([{ path: 'name', code: 'too_long', message: 'name is too long' }]),
  PlatformError: () => new core.PlatformError({ kind: 'server', message: 'platform failed' }),
  PlanningError: () => new core.PlanningError('FLEETCAST_EMPTY_TARGET', 'no device left'),
  AdapterArgumentError: () => new core.AdapterArgumentError('endpoint', 'endpoint must be https'),
  RunnerOptionError: () => new core.RunnerOptionError('concurrency', 0, 'an integer from 1 to 64'),
  JournalCorruptError: () => new core.JournalCorruptError('c1', 3),
  CampaignNotFoundError: () => new core.CampaignNotFoundError('c1'),
  ResumeMismatchError: () => new core.ResumeMismatchError('c1', 'the adapter differs'),
  RuleCompileError: () => new core.RuleCompileError('FLEETCAST_RULES_INVALID', 'conditions', 'malformed'),
  RulesUnevaluableError: () => new core.RulesUnevaluableError(1, [{ deviceId: 'd1', reason: 'no fact' }]),
  RolloutError: () => new core.RolloutError('rollout.waves', 'must not be empty'),
  CampaignOperationError: () =>
    new core.CampaignOperationError('FLEETCAST_CAMPAIGN_STOPPED', 'c1', 'campaign c1 was stopped'),
  JournalWriteError: () => new core.JournalWriteError('c1', 'task-intent', 'nested too deep'),
};

type ErrorClass = typeof core.FleetcastError;
const errorClasses = Object.entries(core).filter(
  (entry): entry is [string, ErrorClass] =>
    typeof entry[1] === 'function' &&
    (entry[1] === core.FleetcastError || entry[1].prototype instanceof core.FleetcastError),
);

describe('isInstance of the error classes', () => {
  it('has a sample for every exported error class', () => {
    expect(errorClasses.map(([name]) => name).sort()).toEqual(Object.keys(samples).sort());
  });

  it("accepts its own class's errors and no other class's (each class has its own marker)", () => {
    for (const [name, errorClass] of errorClasses) {
      for (const [sampleName, sample] of Object.entries(samples)) {
        const expected = name === 'FleetcastError' || name === sampleName;
        expect(errorClass.isInstance(sample()), `${name}.isInstance(${sampleName})`).toBe(expected);
      }
    }
  });

  it('accepts an error from another copy of the package, which carries the same Symbol.for markers', () => {
    for (const [name, errorClass] of errorClasses) {
      const foreign = {
        [Symbol.for('fleetcast.error')]: true,
        [Symbol.for(`fleetcast.error.${name}`)]: true,
      };
      expect(errorClass.isInstance(foreign), name).toBe(true);
      expect(errorClass.isInstance({ name, code: 'FLEETCAST_TEST' }), name).toBe(false);
    }
  });
});
