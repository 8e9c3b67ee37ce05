import { type Campaign, type TaskPlanV1, validateCampaign } from '@fleetcast/core';
import { type Simulator, startSimulator } from '@fleetcast/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLegacyAdapter, type LegacyAdapterSettings } from '../src/index.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ devices: 50, seed: 3, timeScale: 0, rateLimit: { calls: 1_000_000 } });
});
afterAll(() => sim.close());

const urls: string[] = [];
const adapterWith = (extra: Pick<LegacyAdapterSettings, 'authorizedAppId' | 'tagsSelectValue'> = {}) =>
  createLegacyAdapter({
    endpoint: sim.url,
    appId: sim.credentials.legacy.appId,
    secret: sim.credentials.legacy.secret,
    fetch: (url, init) => {
      urls.push(String(url));
      return globalThis.fetch(url, init);
    },
    ...extra,
  });

const campaign = (policy: Campaign['policy']): Campaign => ({
  name: 'cmd',
  target: { type: 'DeviceList', deviceIds: [sim.fleet.deviceId(0)] },
  operation: { type: 'command', serviceId: 's', commandName: 'c' },
  policy,
});
let names = 0;
const task = (): TaskPlanV1 => ({
  kind: 'explicit',
  name: `auth_${names++}`,
  index: 0,
  deviceIds: [sim.fleet.deviceId(0), sim.fleet.deviceId(1)],
});

describe("legacy: an authorised application's task", () => {
  it('carries policy.appId on every call for the task: query and task details', async () => {
    const authorized = sim.credentials.legacy.authorizedAppId;
    const adapter = adapterWith();
    const { taskId } = await adapter.doCreateTask({ ...campaign({ appId: authorized }), task: task() });
    urls.length = 0;
    await expect(adapter.doGetTask({ taskId })).resolves.toMatchObject({ taskId });
    await expect(adapter.doListTaskDevices!({ taskId })).resolves.toMatchObject({
      items: expect.any(Array),
    });
    expect(urls.length).toBe(2);
    for (const url of urls) expect(new URL(url).searchParams.get('appId')).toBe(authorized);
    await adapter.close();
  });

  it('a new adapter (a resume in another process) follows the task with the authorizedAppId setting', async () => {
    const authorized = sim.credentials.legacy.authorizedAppId;
    const creator = adapterWith({ authorizedAppId: authorized });
    // No policy.appId: the setting names the authorised app for the create too.
    const planned = task();
    const { taskId } = await creator.doCreateTask({ ...campaign(undefined), task: planned });
    // The platform holds the task under the authorised app, with the planned name.
    expect(sim.tasks().find((candidate) => candidate.taskId === taskId)).toMatchObject({
      api: 'legacy',
      taskId,
      taskName: planned.name,
      appId: authorized,
    });
    const resumed = adapterWith({ authorizedAppId: authorized });
    await expect(resumed.doGetTask({ taskId })).resolves.toMatchObject({ taskId });
    // Without it, the platform does not find the authorised app's task.
    await expect(adapterWith().doGetTask({ taskId })).rejects.toMatchObject({ kind: 'notFound' });
    expect(() => adapterWith({ authorizedAppId: 'has space' })).toThrow(/authorizedAppId must be/);
  });

  it('asks for tags with the document spelling (select=tags) for tasks created with tags', async () => {
    const adapter = adapterWith();
    const value = `v${names}`;
    const tagged = await adapter.doCreateTask({
      ...campaign({ tags: [{ name: 'k', value }] }),
      task: task(),
    });
    const plain = await adapter.doCreateTask({ ...campaign(undefined), task: task() });
    urls.length = 0;
    const status = await adapter.doGetTask({ taskId: tagged.taskId });
    expect(new URL(urls[0] as string).searchParams.get('select')).toBe('tags');
    expect((status.raw as { tags?: unknown }).tags).toEqual([{ tagName: 'k', tagValue: value }]);
    await adapter.doGetTask({ taskId: plain.taskId });
    expect(new URL(urls[1] as string).searchParams.has('select')).toBe(false);
  });
});

describe('legacy: policy.appId is String(64)', () => {
  it('accepts up to 64 characters on legacy, while v5 (and no adapter) keeps the 36-character app_id rule', () => {
    const adapter = adapterWith();
    const legacy = { adapter: { name: adapter.name, capabilities: adapter.capabilities } };
    const withAppId = (appId: string) => ({ ...campaign({ appId }) });
    expect(validateCampaign(withAppId('a'.repeat(64)), legacy)).toEqual([]);
    expect(validateCampaign(withAppId('a'.repeat(65)), legacy)).toEqual([
      expect.objectContaining({
        path: 'policy.appId',
        code: 'invalid_format',
        message: expect.stringMatching(/at most 64 characters without spaces \(legacy String\(64\)\)/),
      }),
    ]);
    expect(validateCampaign(withAppId('a'.repeat(37)))).toEqual([
      expect.objectContaining({ path: 'policy.appId', code: 'invalid_format' }),
    ]);
  });
});
