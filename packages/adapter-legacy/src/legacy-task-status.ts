import type { SubtaskStatusV1, TaskStateV1, TaskStatusV1 } from '@fleetcast/core';
import type { LegacyQueryOneTaskOut, LegacySubtaskState, LegacyTaskDetail } from './legacy-api.js';

/**
 * Normalizes `QueryOneTaskOutDTO`. `Complete` is split by its counters: all succeeded, some, or none.
 * Expired subtasks (never run) count as timed out; `progress` comes from the per-mille counter.
 */
export function normalizeLegacyTask(raw: LegacyQueryOneTaskOut): TaskStatusV1 {
  const total = count(raw.totalCnt);
  const succeeded = count(raw.successCnt);
  const failed = count(raw.failCnt);
  const timedOut = count(raw.timeoutCnt) + count(raw.expiredCnt);
  const unfinished = Math.max(0, total - succeeded - failed - timedOut);
  const state = legacyTaskState(raw.status, { total, succeeded });
  const progress =
    typeof raw.progress === 'number'
      ? clamp01(raw.progress / 1000)
      : total === 0
        ? 0
        : clamp01((total - unfinished) / total);
  return {
    taskId: raw.taskId,
    ...(raw.taskName === undefined ? {} : { name: raw.taskName }),
    state,
    counts: {
      total: Math.max(total, succeeded + failed + timedOut),
      succeeded,
      failed,
      timedOut,
      pending: raw.status === 'Pending' ? unfinished : 0,
      running: raw.status === 'Pending' ? 0 : unfinished,
      stopped: 0,
    },
    progress: state === 'pending' || state === 'running' ? progress : 1,
    raw,
  };
}

function legacyTaskState(status: string, counters: { total: number; succeeded: number }): TaskStateV1 {
  switch (status) {
    case 'Pending':
      return 'pending';
    case 'Running':
      return 'running';
    case 'Timeout':
      return 'timedOut';
    case 'Complete':
      if (counters.succeeded >= counters.total) return 'succeeded';
      return counters.succeeded === 0 ? 'failed' : 'partiallySucceeded';
    default:
      // An undocumented state: treat as still running so the runner keeps polling instead of giving up.
      return 'running';
  }
}

const subtaskStates: Record<LegacySubtaskState, SubtaskStatusV1['state']> = {
  Pending: 'pending',
  WaitResult: 'running',
  Success: 'succeeded',
  Fail: 'failed',
  Timeout: 'timedOut',
};

/** Normalizes one `taskDetails` entry; its `error` string is parsed (`error_code`/`error_desc`). */
export function normalizeLegacySubtask(raw: LegacyTaskDetail): SubtaskStatusV1 {
  const state = subtaskStates[raw.status] ?? 'running';
  const error = parseLegacySubtaskError(raw.error);
  return { deviceId: raw.param?.deviceId ?? '', state, ...(error ? { error } : {}), raw };
}

function parseLegacySubtaskError(text: string | undefined): { code: string; message: string } | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const parsed = JSON.parse(text) as { error_code?: unknown; error_desc?: unknown };
    return { code: String(parsed.error_code ?? ''), message: String(parsed.error_desc ?? '') };
  } catch {
    return { code: '', message: text };
  }
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
