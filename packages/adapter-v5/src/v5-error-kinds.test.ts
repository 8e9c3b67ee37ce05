import type { AdapterV1, Campaign, PlatformErrorKind, TaskPlanV1 } from '@fleetcast/core';
import { PlatformError } from '@fleetcast/core';
import { platformErrorFromTable } from '@fleetcast/core/adapter-kit';
import { describe, expect, it } from 'vitest';
import { createV5Adapter } from './v5-adapter.js';
import { v5ErrorTable } from './v5-errors.js';

/**
 * The expected kind of every IoTDA (HTTP status, code), written by hand from the reference
 * (/work/shared/reference/huawei-api.md §B9) and from the codes the simulator chose where the reference
 * is silent. NOT derived from `v5ErrorTable`: a wrong row in the table fails here.
 */
const expected: readonly [number, string | undefined, PlatformErrorKind][] = [
  // §B9
  [400, 'IOTDA.000006', 'invalidInput'],
  [400, 'IOTDA.000008', 'invalidInput'],
  [400, 'IOTDA.000009', 'invalidInput'],
  [400, 'IOTDA.014602', 'invalidInput'],
  [400, 'IOTDA.014603', 'invalidInput'],
  [403, 'IOTDA.000004', 'auth'],
  [403, 'IOTDA.000021', 'auth'],
  [403, 'IOTDA.001000', 'auth'],
  [403, 'IOTDA.001002', 'auth'],
  [403, 'IOTDA.001005', 'auth'],
  [403, 'IOTDA.001006', 'auth'],
  [403, 'IOTDA.001007', 'auth'],
  [404, undefined, 'notFound'],
  [500, 'IOTDA.000020', 'server'],
  // API Gateway and IoTDA throttling, paging out of range, task not found, internal error: simulator-chosen.
  [429, 'APIGW.0308', 'throttled'],
  // iotda-auth-and-endpoints.md §1: throttling is 429 APIG.0308 (accept both spellings, at any status).
  [429, 'APIG.0308', 'throttled'],
  [403, 'APIG.0308', 'throttled'],
  [403, 'APIGW.0308', 'throttled'],
  [401, 'APIGW.0301', 'auth'],
  [401, 'APIG.0301', 'auth'],
  [401, 'APIGW.0303', 'auth'],
  [401, 'APIG.0303', 'auth'],
  [403, 'IOTDA.021102', 'throttled'],
  [400, 'IOTDA.000017', 'invalidInput'],
  [404, 'IOTDA.014000', 'notFound'],
  [500, 'IOTDA.000500', 'server'],
  [404, 'APIGW.0101', 'notFound'],
];

const token = 'iam-token-MIIdfake0123';
const campaign: Campaign = {
  name: 'fw',
  target: { type: 'DeviceList', deviceIds: ['d1'] },
  operation: { type: 'firmwareUpgrade', packageIds: ['pkg'] },
};
const task: TaskPlanV1 = { kind: 'explicit', name: 'fw_0001', index: 0, deviceIds: ['d1'] };
const taskId = '0123456789abcdef01234567';

function failingAdapter(status: number, code: string | undefined): AdapterV1 {
  const body =
    code === undefined ? null : JSON.stringify({ error_code: code, error_msg: `refused: ${token}` });
  return createV5Adapter({
    endpoint: 'https://iotda.example.com',
    projectId: 'p1',
    token,
    fetch: async () => new Response(body, { status }),
  });
}

describe('v5 error kinds (hand-written from the reference)', () => {
  const cases = expected.flatMap(([status, code, kind]) =>
    (['create', 'show'] as const).map((operation) => [operation, status, code ?? '(no code)', kind] as const),
  );

  it.each(cases)('%s answering HTTP %i %s is a %s PlatformError', async (operation, status, code, kind) => {
    const platformCode = code === '(no code)' ? undefined : code;
    const adapter = failingAdapter(status, platformCode);
    const attempt =
      operation === 'create'
        ? adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy })
        : adapter.doGetTask({ taskId });
    const failure = await attempt.catch((error: unknown) => error);
    expect(PlatformError.isInstance(failure), String(failure)).toBe(true);
    const error = failure as PlatformError;
    expect({ kind: error.kind, status: error.httpStatus, code: error.platformCode }).toEqual({
      kind,
      status,
      code: platformCode,
    });
    expect(error.message).not.toContain(token);
  });

  it('reads the per-target stop/retry code IOTDA.014219 as invalidInput (the subtask is in the wrong state)', () => {
    const error = platformErrorFromTable(
      v5ErrorTable,
      { httpStatus: 200, code: 'IOTDA.014219' },
      { adapter: 'v5', operation: 'stop' },
    );
    expect(error.kind).toBe('invalidInput');
  });

  it('has an expectation for every row of the error table, so a new row cannot go unchecked', () => {
    const written = new Set([
      ...expected.map(([status, code]) => `${status} ${code}`),
      'undefined IOTDA.014219',
      // Code-only rows (any status): checked above at 403, where the status alone would say `auth`.
      'undefined APIG.0308',
      'undefined APIGW.0308',
    ]);
    const missing = v5ErrorTable.filter((row) => !written.has(`${row.httpStatus} ${row.code}`));
    expect(missing).toEqual([]);
  });
});
