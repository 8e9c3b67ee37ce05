import type { Simulator } from '../../src/index.js';

/** A parsed HTTP answer: status, JSON body (or undefined) and headers. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Sends a request to the simulator and parses the JSON answer, if any. */
export async function call<T = Record<string, unknown>>(
  sim: Simulator,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${sim.url}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
    headers: response.headers,
  };
}

/** Logs in to the legacy API and returns the headers of an authorised call. */
export async function legacyHeaders(sim: Simulator): Promise<Record<string, string>> {
  const { appId, secret } = sim.credentials.legacy;
  const response = await fetch(`${sim.url}/iocm/app/sec/v1.1.0/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ appId, secret }),
  });
  const login = (await response.json()) as { accessToken: string };
  return { app_key: appId, Authorization: `Bearer ${login.accessToken}` };
}

/** Headers of an authorised v5 call. */
export function v5Headers(sim: Simulator): Record<string, string> {
  return { 'X-Auth-Token': sim.credentials.v5.token };
}

/** A valid legacy create body for an explicit device list. */
export function legacyDeviceListTask(
  taskName: string,
  deviceList: string[],
  timeout = 10,
): Record<string, unknown> {
  return {
    taskName,
    taskType: 'DeviceCmd',
    timeout,
    param: {
      type: 'DeviceList',
      deviceList,
      command: { serviceId: 'WaterMeter', method: 'SET_INTERVAL', paras: { value: 60 } },
    },
  };
}

/** A valid v5 firmware upgrade body for explicit targets. */
export function v5UpgradeTask(
  taskName: string,
  targets: string[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    task_name: taskName,
    task_type: 'firmwareUpgrade',
    targets,
    document: { package_ids: ['32822e5744a45ede319d2c50'] },
    ...extra,
  };
}

/** Path of the v5 batch-task collection of a simulator. */
export function v5Tasks(sim: Simulator): string {
  return `/v5/iot/${sim.credentials.v5.projectId}/batchtasks`;
}

/** Legacy batch-task base path. */
export const LEGACY_TASKS = '/iocm/app/batchtask/v1.1.0/tasks';
