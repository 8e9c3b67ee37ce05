import type { AdapterV1, TaskPlanV1 } from '@fleetcast/core';
import { describeAdapterConformance } from '@fleetcast/core/testing';
import { startConformanceSimulator } from '@fleetcast/simulator';
import { createLegacyAdapter } from '../src/index.js';

describeAdapterConformance({
  name: 'legacy adapter against the simulator',
  async setup() {
    const platform = await startConformanceSimulator('legacy');
    const { url, credentials } = platform.simulator;
    const adapterFor = (secret = credentials.legacy.secret) =>
      createLegacyAdapter({ endpoint: url, appId: credentials.legacy.appId, secret });
    const adapter = adapterFor();
    // The same adapter, but its next create sends `change(task)`: for faults only the request can cause.
    const withTask = (change: (task: TaskPlanV1) => TaskPlanV1): { adapter: AdapterV1 } => ({
      adapter: {
        ...adapter,
        doCreateTask: ({ task, ...options }) => adapter.doCreateTask({ task: change(task), ...options }),
      },
    });
    const injectFault = {
      ...platform.injectFault,
      auth: () => ({ adapter: adapterFor('wrong-secret-0000') }),
      // The platform checks device IDs against letters, digits, _ and -.
      invalidInput: () => withTask((task) => ({ ...task, kind: 'explicit', deviceIds: ['not a device!'] })),
      // 101001 with HTTP 200: a group name the platform does not know.
      notFound: () =>
        withTask((task) => ({
          ...task,
          kind: 'native',
          target: { type: 'GroupList', groupNames: ['no_such_group'] },
        })),
      // 105002 with HTTP 200: the same name twice.
      nameExists: () => ({
        adapter: {
          ...adapter,
          doCreateTask: async (...call: Parameters<AdapterV1['doCreateTask']>) => {
            await adapter.doCreateTask(...call);
            return adapter.doCreateTask(...call);
          },
        },
      }),
    };
    const teardown = async () => {
      await adapter.close();
      await platform.teardown();
    };
    return { ...platform, adapter, injectFault, teardown };
  },
});
