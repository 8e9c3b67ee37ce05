import { describeAdapterConformance } from '@fleetcast/core/testing';
import { startConformanceContext } from '@fleetcast/simulator';
import { createV5Adapter } from '../src/index.js';

// The whole conformance suite again, every request signed with temporary AK/SK keys (derived
// V11-HMAC-SHA256, as a standard/enterprise instance would). No invalidInput fault: changing the body after
// signing is a bad signature (auth); v5-conformance.test.ts covers invalidInput on token auth.
describeAdapterConformance({
  name: 'v5 adapter against the simulator on derived AK/SK signing',
  setup: () => startConformanceContext('v5-aksk', createV5Adapter),
});
