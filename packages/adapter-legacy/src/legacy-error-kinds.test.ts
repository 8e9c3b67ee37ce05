import type { AdapterV1, Campaign, PlatformErrorKind, TaskPlanV1 } from '@fleetcast/core';
import { PlatformError } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import { createLegacyAdapter } from './legacy-adapter.js';
import { legacyErrorTable } from './legacy-errors.js';

/**
 * The expected kind of every legacy (HTTP status, code), written by hand from the reference
 * (/work/shared/reference/huawei-api.md §A1 create, §A2 query one, §A3 subtask details) and NOT derived
 * from `legacyErrorTable`: a wrong row in the table fails here.
 */
type Operation = 'create' | 'query' | 'subtasks' | 'login';
const expected: readonly [Operation, number, string, PlatformErrorKind][] = [
  // §A1 create: business errors arrive with HTTP 200.
  ['create', 200, '100203', 'auth'],
  ['create', 200, '101001', 'notFound'],
  ['create', 200, '105001', 'taskLimit'],
  ['create', 200, '105002', 'nameExists'],
  ['create', 400, '105201', 'invalidInput'],
  ['create', 400, '50400', 'invalidInput'],
  ['create', 401, '100028', 'auth'],
  ['create', 403, '100203', 'auth'],
  ['create', 403, '100217', 'auth'],
  ['create', 403, '1010009', 'throttled'],
  ['create', 403, '1010005', 'auth'],
  ['create', 404, '105202', 'notFound'],
  ['create', 500, '100203', 'server'],
  ['create', 500, '50252', 'server'],
  // §A2 query one task.
  ['query', 400, '100019', 'invalidInput'],
  ['query', 400, '100022', 'invalidInput'],
  ['query', 403, '100203', 'auth'],
  ['query', 403, '100217', 'auth'],
  ['query', 403, '1010009', 'throttled'],
  ['query', 403, '1010005', 'auth'],
  ['query', 404, '105005', 'notFound'],
  ['query', 500, '100203', 'server'],
  // §A3 subtask details.
  ['subtasks', 400, '100022', 'invalidInput'],
  ['subtasks', 403, '100203', 'auth'],
  ['subtasks', 403, '100217', 'auth'],
  ['subtasks', 403, '1010009', 'throttled'],
  ['subtasks', 403, '1010005', 'auth'],
  ['subtasks', 404, '105005', 'notFound'],
  ['subtasks', 500, '100203', 'server'],
  ['subtasks', 500, '50252', 'server'],
  // Chosen by the simulator for a wrong app secret (no documented login code): an auth failure.
  ['login', 401, '100208', 'auth'],
];

const secret = 'app-secret-5c1d8e';
const campaign: Campaign = {
  name: 'valve_on',
  target: { type: 'Broadcast' },
  operation: { type: 'command', serviceId: 'WaterMeter', commandName: 'SET_VALVE' },
};
const task: TaskPlanV1 = { kind: 'native', name: 'valve_on_0001', index: 0, target: { type: 'Broadcast' } };

/** A platform that answers `operation`'s path (or the login) with this status and code, the rest with success. */
function failingAdapter(operation: Operation, status: number, code: string): AdapterV1 {
  const failure = () =>
    Response.json({ error_code: code, error_desc: `refused (${secret}, token-abcdef-42)` }, { status });
  return createLegacyAdapter({
    endpoint: 'https://iot.example.com:8743',
    appId: 'myApp01',
    secret,
    fetch: async (url) => {
      const path = new URL(String(url)).pathname;
      if (path === '/iocm/app/sec/v1.1.0/login') {
        if (operation === 'login') return failure();
        return Response.json({ accessToken: 'token-abcdef-42', expiresIn: 3600, tokenType: 'bearer' });
      }
      return failure();
    },
  });
}

function call(adapter: AdapterV1, operation: Operation): Promise<unknown> {
  if (operation === 'query') return adapter.doGetTask({ taskId: 'T-1' });
  if (operation === 'subtasks') return adapter.doListTaskDevices!({ taskId: 'T-1', pageSize: 10 });
  return adapter.doCreateTask({ task, operation: campaign.operation, policy: campaign.policy });
}

describe('legacy error kinds (hand-written from the reference)', () => {
  it.each(expected)(
    '%s answering HTTP %i %s is a %s PlatformError',
    async (operation, status, code, kind) => {
      const failure = await call(failingAdapter(operation, status, code), operation).catch(
        (error: unknown) => error,
      );
      expect(PlatformError.isInstance(failure), String(failure)).toBe(true);
      const error = failure as PlatformError;
      expect({ kind: error.kind, status: error.httpStatus, code: error.platformCode }).toEqual({
        kind,
        status,
        code,
      });
      expect(error.message).not.toContain(secret);
      // A failed login never issued the token; every other call carried it.
      if (operation !== 'login') expect(error.message).not.toContain('token-abcdef-42');
    },
  );

  it('has an expectation for every row of the error table, so a new row cannot go unchecked', () => {
    const written = new Set(expected.map(([, status, code]) => `${status} ${code}`));
    const missing = legacyErrorTable.filter((row) => !written.has(`${row.httpStatus} ${row.code}`));
    expect(missing).toEqual([]);
  });
});
