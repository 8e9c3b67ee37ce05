import { describeAdapterConformance } from '@fleetcast/core/testing';
import { startConformanceSimulator } from '@fleetcast/simulator';
import { createV5Adapter } from '../src/index.js';
import { withRequestBody } from './__test-helpers__/with-request-body.js';

describeAdapterConformance({
  name: 'v5 adapter against the simulator',
  async setup() {
    const platform = await startConformanceSimulator('v5');
    const { url, credentials } = platform.simulator;
    const adapterFor = (token = credentials.v5.token, fetch?: typeof globalThis.fetch) =>
      createV5Adapter({
        endpoint: url,
        projectId: credentials.v5.projectId,
        token,
        ...(fetch ? { fetch } : {}),
      });
    const adapter = adapterFor();
    // No taskLimit, nameExists or notFound fault: v5 documents no code for them (docs/adapters/v5.md, Errors).
    const injectFault = {
      ...platform.injectFault,
      auth: () => ({ adapter: adapterFor('revoked-token-000') }),
      // The platform checks app_id's pattern, which the adapter's own setting check would refuse first.
      invalidInput: () => ({
        adapter: adapterFor(undefined, withRequestBody({ app_id: 'not a resource space!' })),
      }),
    };
    const teardown = async () => {
      await adapter.close();
      await platform.teardown();
    };
    return { ...platform, adapter, injectFault, teardown };
  },
});
