import { describe, expect, it } from 'vitest';
import { call, v5Tasks, v5UpgradeTask } from './__test-helpers__/sim-client.js';
import { useV5Fixture } from './__test-helpers__/v5-fixture.js';

// Reference B3/B4 details the operations of issue 14 depend on: subtask paging past offset 500 by marker,
// a stopped device staying stopped, retry refused on a stopped task, a retried device pending then run again.
const v5 = useV5Fixture();
const { ids, create, show } = v5;

type Details = {
  task_details: { target: string; status: string }[];
  page: { marker: string; count: number };
};

describe('v5 subtask listing, stop and retry as documented', () => {
  it('pages task_details by marker past offset 500: every subtask exactly once; offset 501 and limit 51 refused', async () => {
    v5.sim.configure({ failureProbability: 0 });
    const targets = ids(1_234);
    const { body } = await create(v5UpgradeTask('Paging', targets));
    const taskId = body.task_id as string;
    const seen: string[] = [];
    let marker: string | undefined;
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await show(taskId, `?limit=50${marker === undefined ? '' : `&marker=${marker}`}`);
      const details = page.body as unknown as Details;
      seen.push(...details.task_details.map((detail) => detail.target));
      if (details.task_details.length < 50) break;
      marker = details.page.marker;
    }
    expect(seen).toEqual(targets);
    expect((await show(taskId, '?offset=501')).status).toBe(400);
    expect((await show(taskId, '?limit=51')).status).toBe(400);
  });

  it('a stopped device stays stopped; a stopped task takes no retry', async () => {
    v5.sim.configure({ deviceRatePerSecond: 1, failureProbability: 0 });
    const { body } = await create(v5UpgradeTask('StopStays', ids(6)));
    const taskId = body.task_id as string;
    v5.sim.clock.advance(2_000);
    const stop = await call(v5.sim, 'POST', `${v5Tasks(v5.sim)}/${taskId}/stop`, {
      headers: v5.headers,
      body: {},
    });
    expect(stop.status).toBe(200);
    v5.sim.clock.advance(3_600_000);
    const later = (await show(taskId, '?limit=50')).body as unknown as Details & {
      batchtask: { status: string };
    };
    expect(later.batchtask.status).toBe('Stopped');
    const stopped = later.task_details.filter((detail) => detail.status === 'Stopped');
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.length + later.task_details.filter((detail) => detail.status === 'Success').length).toBe(
      6,
    );
    const retry = await call(v5.sim, 'POST', `${v5Tasks(v5.sim)}/${taskId}/retry`, {
      headers: v5.headers,
      body: { targets: [stopped[0]?.target] },
    });
    expect(retry.status).toBe(400);
  });

  it('a retried device goes back to waiting, then runs again; a device that succeeded cannot be retried', async () => {
    v5.sim.configure({ failureProbability: 1, deviceRatePerSecond: 1_000 });
    const targets = ids(3);
    const { body } = await create(v5UpgradeTask('RetryRuns', targets));
    const taskId = body.task_id as string;
    v5.sim.clock.advance(10_000);
    v5.sim.configure({ failureProbability: 0, deviceRatePerSecond: 1 });
    const retry = await call<{ targets: { target: string; status: string }[] }>(
      v5.sim,
      'POST',
      `${v5Tasks(v5.sim)}/${taskId}/retry`,
      { headers: v5.headers, body: { targets: [targets[0]] } },
    );
    expect(retry.body.targets).toEqual([{ target: targets[0], status: 'success' }]);
    const right = (await show(taskId, `?target=${targets[0]}`)).body as unknown as Details;
    expect(['Waitting', 'Processing']).toContain(right.task_details[0]?.status);
    v5.sim.clock.advance(60_000);
    const after = (await show(taskId, `?target=${targets[0]}`)).body as unknown as Details;
    expect(after.task_details[0]?.status).toBe('Success');
    const again = await call<{ targets: { target: string; status: string; error_code?: string }[] }>(
      v5.sim,
      'POST',
      `${v5Tasks(v5.sim)}/${taskId}/retry`,
      { headers: v5.headers, body: { targets: [targets[0], targets[1]] } },
    );
    expect(again.body.targets).toEqual([
      expect.objectContaining({ target: targets[0], status: 'failure', error_code: 'IOTDA.014219' }),
      { target: targets[1], status: 'success' },
    ]);
  });
});
