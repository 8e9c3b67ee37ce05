import type { AdapterV1, HttpRequestSpecV1, TaskStateV1 } from '@fleetcast/core';
import { CampaignValidationError } from '@fleetcast/core';
import {
  createHttpTransport,
  type PlatformErrorTableEntry,
  platformErrorFromTable,
  readPlatformFailure,
} from '@fleetcast/core/adapter-kit';

/** Settings of the imaginary Acme Fleet platform. */
export interface AcmeAdapterSettings {
  endpoint: string;
  apiKey: string;
}

// Step 1: the platform's documented errors, one row each.
const acmeErrors: readonly PlatformErrorTableEntry[] = [
  { httpStatus: 400, code: 'ACME_INVALID', kind: 'invalidInput', meaning: 'the job is malformed' },
  { httpStatus: 401, code: 'ACME_AUTH', kind: 'auth', meaning: 'unknown API key' },
  { httpStatus: 404, code: 'ACME_NOT_FOUND', kind: 'notFound', meaning: 'no such job' },
  { httpStatus: 409, code: 'ACME_DUPLICATE', kind: 'nameExists', meaning: 'a job with this name exists' },
  { httpStatus: 429, code: 'ACME_RATE', kind: 'throttled', meaning: 'too many calls' },
  { httpStatus: 429, code: 'ACME_TOO_MANY_JOBS', kind: 'taskLimit', meaning: 'too many running jobs' },
  { httpStatus: 503, code: 'ACME_BUSY', kind: 'server', meaning: 'try again later' },
];

// Step 2: the platform's job states in fleetcast's terms.
const states: Record<string, TaskStateV1> = {
  queued: 'pending',
  active: 'running',
  done: 'succeeded',
  partial: 'partiallySucceeded',
  failed: 'failed',
  cancelled: 'stopped',
};

type AcmeJob = { id: string; name: string; state: string; total: number; ok: number; failed: number };

/** An adapter for the Acme Fleet API: jobs that run one command on up to 1,000 listed devices. */
export function createAcmeAdapter(settings: AcmeAdapterSettings): AdapterV1 {
  const secrets = [settings.apiKey];
  const transport = createHttpTransport({
    endpoint: settings.endpoint,
    adapter: 'acme',
    secrets: () => secrets,
  });

  // Step 3: one authenticated call; any failure becomes a PlatformError through the table, key redacted.
  async function call<T>(request: HttpRequestSpecV1, operation: string, signal?: AbortSignal): Promise<T> {
    const response = await transport.send(request, {
      authHeaders: { Authorization: `Bearer ${settings.apiKey}` },
      ...(signal ? { signal } : {}),
    });
    if (response.status < 300) return response.body as T;
    const failure = readPlatformFailure(response, { code: 'code', message: 'message' });
    throw platformErrorFromTable(acmeErrors, failure, { adapter: 'acme', operation, secrets });
  }

  const nameRule = { maxLength: 64, allowedCharacter: /^[a-z0-9_]$/, description: 'a–z, 0–9 and _' };

  return {
    specificationVersion: 'v1',
    name: 'acme',
    // Step 4: what the platform can do; the planner expands every selector to device lists.
    capabilities: {
      nativeSelectors: [],
      supportedOperations: ['command'],
      maxTargetsPerTask: 1000,
      taskNameRule: nameRule,
      rateLimitPerMinute: 600,
      maxUnfinishedTasks: 'unknown',
      rejectsDuplicateNames: true,
    },

    // Step 5: the pure request, checked before anything is sent.
    buildCreateRequest(task, campaign) {
      const invalid = (path: string, message: string) =>
        new CampaignValidationError([{ path, code: 'unsupported', message }]);
      const operation = campaign.operation;
      if (operation.type !== 'command')
        throw invalid(
          'operation.type',
          `operation.type "${operation.type}" is not supported by adapter "acme"`,
        );
      if (task.kind !== 'explicit' || task.deviceIds.length > 1000)
        throw invalid('task.deviceIds', 'task.deviceIds must list 1–1000 devices on acme');
      if (task.name.length > 64 || ![...task.name].every((c) => nameRule.allowedCharacter.test(c))) {
        throw invalid('task.name', `task.name must be 1–64 characters of ${nameRule.description}`);
      }
      const action = {
        service: operation.serviceId,
        command: operation.commandName,
        params: operation.paras ?? {},
      };
      return {
        method: 'POST',
        path: '/api/jobs',
        headers: { 'Content-Type': 'application/json' },
        body: { name: task.name, deviceIds: task.deviceIds, action },
      };
    },

    // Step 6: the engine-facing calls.
    async doCreateTask({ task, operation, policy, signal }) {
      const request = this.buildCreateRequest(task, { operation, policy });
      const job = await call<AcmeJob>(request, 'create job', signal);
      return { taskId: job.id };
    },

    async doGetTask({ taskId, signal }) {
      const job = await call<AcmeJob>(
        { method: 'GET', path: `/api/jobs/${encodeURIComponent(taskId)}`, headers: {} },
        'get job',
        signal,
      );
      const state = states[job.state] ?? 'running';
      const finished = job.ok + job.failed;
      return {
        taskId: job.id,
        name: job.name,
        state,
        counts: {
          total: job.total,
          succeeded: job.ok,
          failed: job.failed,
          timedOut: 0,
          pending: state === 'pending' ? job.total - finished : 0,
          running: state === 'pending' ? 0 : job.total - finished,
          stopped: 0,
        },
        progress:
          state === 'pending' || state === 'running' ? (job.total === 0 ? 0 : finished / job.total) : 1,
        raw: job,
      };
    },

    async doFindTaskByName({ name, signal }) {
      const { jobs } = await call<{ jobs: AcmeJob[] }>(
        { method: 'GET', path: `/api/jobs?name=${encodeURIComponent(name)}`, headers: {} },
        'find job',
        signal,
      );
      const job = jobs.find((candidate) => candidate.name === name);
      return job ? { taskId: job.id } : undefined;
    },
  };
}
