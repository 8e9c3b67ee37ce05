import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationTypes } from '../campaign/operation.js';
import { targetTypes } from '../campaign/target-spec.js';
import { validateCampaign } from './validate-campaign.js';

const now = new Date('2026-11-22T04:00:00Z');
/** The documented device-ID rule, written independently of the validator's character loop. */
const deviceIdRule = /^[A-Za-z0-9_-]{1,128}$/;

// Campaign-shaped JSON with known and unknown type tags and wrong types in every field.
const loose = fc.jsonValue({ maxDepth: 3 });
const campaignish = fc.record(
  {
    name: fc.oneof(fc.string(), loose),
    target: fc.oneof(
      fc.record(
        {
          type: fc.oneof(fc.constantFrom(...targetTypes), fc.string()),
          deviceIds: fc.oneof(fc.array(fc.oneof(fc.string(), loose)), loose),
          groupIds: loose,
          groupNames: loose,
          deviceType: loose,
          location: loose,
          exclude: loose,
          conditions: loose,
          namedConditions: loose,
        },
        { requiredKeys: ['type'] },
      ),
      loose,
    ),
    operation: fc.oneof(
      fc.record(
        {
          type: fc.oneof(fc.constantFrom(...operationTypes), fc.string()),
          serviceId: loose,
          commandName: loose,
          shadow: loose,
          packageIds: loose,
          message: loose,
        },
        { requiredKeys: ['type'] },
      ),
      loose,
    ),
    policy: loose,
  },
  { requiredKeys: [] },
);

describe('validateCampaign on untrusted input', () => {
  it('never throws, and every issue has a path, a code and a message naming the path', () => {
    fc.assert(
      fc.property(fc.oneof(campaignish, fc.anything()), (input) => {
        const issues = validateCampaign(input, { now });
        for (const issue of issues) {
          expect(typeof issue.code).toBe('string');
          expect(issue.message.startsWith(issue.path === '' ? '' : issue.path.split('[')[0]!)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reports exactly the invalid entries of a device list', () => {
    const entry = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
      fc.string({ maxLength: 12 }),
      fc.integer(),
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 60 }), (deviceIds) => {
        const issues = validateCampaign(
          { name: 'n', target: { type: 'DeviceList', deviceIds }, operation: { type: 'deleteDevices' } },
          { now },
        );
        const expected = deviceIds.flatMap((id, index) =>
          typeof id === 'string' && deviceIdRule.test(id) ? [] : [`target.deviceIds[${index}]`],
        );
        expect(issues.map((issue) => issue.path)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
