import { describeAdapterConformance } from '@fleetcast/core/testing';
import { startConformanceContext } from '@fleetcast/simulator';
import { createV5Adapter } from '../src/index.js';

// No taskLimit, nameExists or notFound fault: v5 documents no code for them (docs/adapters/v5.md, Errors).
describeAdapterConformance({
  name: 'v5 adapter against the simulator',
  setup: () => startConformanceContext('v5', createV5Adapter),
});
