import type { NativeTarget } from '@fleetcast/core';
import { describeAdapterConformance } from '@fleetcast/core/testing';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { expect } from 'vitest';
import { createV5Adapter, type V5Adapter } from '../src/index.js';

// The whole conformance suite again, every request signed with temporary AK/SK keys (derived
// V11-HMAC-SHA256, the only algorithm this simulator accepts, as a standard/enterprise instance would).
let sim: Simulator;
let adapter: V5Adapter;

const adapterFor = (secretKey?: string) =>
  createV5Adapter({
    endpoint: sim.url,
    projectId: sim.credentials.v5.projectId,
    credentials: { ...sim.credentials.v5.temporary, ...(secretKey === undefined ? {} : { secretKey }) },
    region: 'cn-north-4',
  });

describeAdapterConformance({
  name: 'v5 adapter against the simulator on derived AK/SK signing',
  async setup() {
    sim = await startSimulator({
      devices: 30_001,
      timeScale: 0,
      seed: 6,
      rateLimit: { calls: 1_000_000_000 },
      unfinishedTaskLimit: { v5: 1_000_000 },
      failureProbability: 0,
      timeoutProbability: 0,
    });
    sim.configure({ v5Signing: 'V11-HMAC-SHA256' });
    adapter = adapterFor();
    const fleet = sim.fleet;
    const group = fleet.groups[0];
    const { accessKey, secretKey, securityToken } = sim.credentials.v5.temporary;
    return {
      adapter,
      secrets: [accessKey, secretKey, securityToken],
      deviceIds: (count) => Array.from({ length: count }, (_, index) => fleet.deviceId(index)),
      sampleTarget(type): NativeTarget | undefined {
        if (type === 'GroupIdList' || type === 'Filter') return group && { type, groupIds: [group.groupId] };
        if (type === 'GroupList') return group && { type, groupNames: [group.name] };
        return undefined;
      },
      // An input fault would have to change the body after signing, which the gateway answers as a bad
      // signature (auth); test/v5-conformance.test.ts covers invalidInput on token auth.
      injectFault: {
        throttled: () => sim.faults.set('v5.createTask', { script: ['throttle'] }),
        server: () => sim.faults.set('v5.createTask', { script: ['server-error'] }),
        network: () => sim.faults.set('v5.createTask', { script: ['reset'] }),
        auth: () => ({ adapter: adapterFor('a-wrong-secret-key-000') }),
      },
      resetFaults: () => sim.faults.clear(),
      async completeTask(taskId, outcome) {
        const failureProbability = outcome === 'succeeded' ? 0 : outcome === 'failed' ? 1 : 0.5;
        sim.configure({ failureProbability });
        sim.clock.advance(3_600_000);
        sim.configure({ failureProbability: 0 });
        expect(sim.task(taskId)?.status).toMatch(/Success|Fail|PartialSuccess/);
      },
      teardown: async () => {
        await adapter.close();
        await sim.close();
      },
    };
  },
});
