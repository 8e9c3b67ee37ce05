import { describe, expect, it } from 'vitest';
import type { DeviceDirectory } from '../directory/device-directory.js';
import type { DeviceRecord } from '../directory/device-record.js';
import type { Campaign } from '../campaign/campaign.js';
import { plan } from './plan.js';
import { PlanningError } from '../errors/planning-error.js';

/** Like the v5 directory: it lists devices and answers DeviceType, but its records carry no location. */
const withoutLocations: DeviceDirectory = {
  selectors: new Set(['Broadcast', 'DeviceType']),
  async *devices() {
    yield [
      { id: 'a', deviceType: 'Meter' },
      { id: 'b', deviceType: 'Meter' },
    ] satisfies DeviceRecord[];
    yield [{ id: 'c', deviceType: 'Valve' }];
  },
};

const campaign = (target: Campaign['target']): Campaign => ({
  name: 'fw',
  target,
  operation: { type: 'command', serviceId: 's', commandName: 'c', paras: {} },
});

describe('expanding a selector through a listing', () => {
  it('says the directory cannot answer DeviceArea (not "no device remains") when its records carry no location', async () => {
    const error = await plan(campaign({ type: 'DeviceArea', location: 'Shenzhen', exclude: ['a'] }), {
      directory: withoutLocations,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(PlanningError.isInstance(error)).toBe(true);
    expect((error as PlanningError).code).toBe('FLEETCAST_DIRECTORY_UNSUPPORTED_SELECTOR');
    expect((error as PlanningError).message).toBe(
      'target: the directory cannot answer DeviceArea: none of its 3 devices carries a location ' +
        '(it answers: Broadcast, DeviceType; filtering its full listing would select no device)',
    );
  });

  it('still reports an empty result as empty when the records do carry the field', async () => {
    const located: DeviceDirectory = {
      selectors: new Set(['Broadcast']),
      async *devices() {
        yield [{ id: 'a', location: 'Wuhan' }];
      },
    };
    const error = await plan(campaign({ type: 'DeviceArea', location: 'Shenzhen' }), {
      directory: located,
    }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as PlanningError).code).toBe('FLEETCAST_EMPTY_TARGET');
  });
});
