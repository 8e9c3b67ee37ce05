import { describeAdapterConformance } from '@fleetcast/core/testing';
import { startConformanceContext } from '@fleetcast/simulator';
import { createLegacyAdapter } from '../src/index.js';

// The simulator fills in the settings and injects every fault legacy documents a code for, including the
// ones only a request can cause (a bad device ID, an unknown group, a name in use).
describeAdapterConformance({
  name: 'legacy adapter against the simulator',
  setup: () => startConformanceContext('legacy', createLegacyAdapter),
});
