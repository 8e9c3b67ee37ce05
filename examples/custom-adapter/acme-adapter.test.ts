import { describeAdapterConformance } from '@fleetcast/core/testing';
import { createAcmeAdapter } from './acme-adapter.js';
import { startAcmePlatform } from './acme-platform.js';

const apiKey = 'acme-key-2f8e61b0';

describeAdapterConformance({
  name: 'acme adapter (docs/custom-adapter.md)',
  async setup() {
    const platform = await startAcmePlatform(apiKey);
    const unreachable = createAcmeAdapter({ endpoint: 'http://127.0.0.1:9', apiKey });
    const adapter = createAcmeAdapter({ endpoint: platform.baseUrl, apiKey });
    let networkDown = false;
    return {
      // Route creates to a closed port while a network fault is armed.
      adapter: {
        ...adapter,
        doCreateTask: ({ task, ...options }) => {
          if (!networkDown) return adapter.doCreateTask({ task, ...options });
          networkDown = false;
          return unreachable.doCreateTask({ task, ...options });
        },
      },
      secrets: [apiKey],
      deviceIds: (count) => Array.from({ length: count }, (_, index) => `meter_${index}`),
      injectFault: {
        throttled: () => platform.failNextCreate(429, 'ACME_RATE'),
        taskLimit: () => platform.failNextCreate(429, 'ACME_TOO_MANY_JOBS'),
        invalidInput: () => platform.failNextCreate(400, 'ACME_INVALID'),
        auth: () => platform.failNextCreate(401, 'ACME_AUTH'),
        notFound: () => platform.failNextCreate(404, 'ACME_NOT_FOUND'),
        nameExists: () => platform.failNextCreate(409, 'ACME_DUPLICATE'),
        server: () => platform.failNextCreate(503, 'ACME_BUSY'),
        network: () => {
          networkDown = true;
        },
      },
      completeTask: (taskId, outcome) =>
        platform.finish(taskId, outcome === 'succeeded' ? 4 : outcome === 'failed' ? 0 : 2),
      teardown: () => platform.close(),
    };
  },
});
