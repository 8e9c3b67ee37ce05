import { terminalTaskStates } from '../adapter-kit/terminal-task-states.js';
import type { CampaignState } from './campaign-state.js';
import type { JournalRecord } from './journal-record.js';

/**
 * Rebuilds a run's state from its journal: what was created, refused, unknown or finished. `runNow` is the
 * resuming run's clock (a status read needs none): an intent journaled by an earlier process counts as made at `runNow`, so a look-up
 * after an ambiguous create waits the full settle time once more. Journal times are wall-clock and a wall
 * clock may jump forward; this errs long, never short (and old journals, whose `at` mixed clocks, replay alike).
 */
export function replayJournal(state: CampaignState, records: Iterable<JournalRecord>, runNow = 0): void {
  for (const record of records) {
    if ('index' in record) {
      const task = state.tasks.get(record.index);
      if (task !== undefined) task.lastSeenAt = record.at;
    }
    switch (record.type) {
      case 'task-intent': {
        const task = state.record(record.index, record.name);
        task.lastSeenAt = record.at;
        task.intents = Math.max(task.intents, record.attempt);
        if (record.targets !== undefined) task.targets = record.targets;
        if (record.kind !== undefined) task.kind = record.kind;
        if (record.wave !== undefined) task.wave = record.wave;
        task.lastIntentAt = runNow;
        break;
      }
      case 'task-created': {
        const task = state.record(record.index, record.name);
        task.lastSeenAt = record.at;
        task.reopened = false;
        task.created = true;
        task.settled = true;
        if (record.taskId === undefined) {
          task.state = 'unknown';
          task.terminal = true;
        } else {
          task.taskId = record.taskId;
          task.state = 'pending';
          // Poll at once: it may have finished while no process watched it.
          task.nextPollAt = 0;
        }
        break;
      }
      case 'task-unknown': {
        const task = state.record(record.index, record.name);
        task.lastSeenAt = record.at;
        task.reopened = false;
        Object.assign(task, { created: 'unknown', state: 'unknown', settled: true, terminal: true });
        task.error = { code: 'FLEETCAST_TASK_UNKNOWN', message: record.reason };
        break;
      }
      case 'task-create-failed': {
        const task = state.record(record.index, record.name);
        task.lastSeenAt = record.at;
        task.reopened = false;
        Object.assign(task, { created: false, state: 'createFailed', settled: true, terminal: true });
        task.error = { ...record.error };
        break;
      }
      case 'task-finished': {
        const task = state.tasks.get(record.index);
        if (task === undefined) break;
        task.state = record.state;
        if (record.counts !== undefined) task.counts = { ...record.counts };
        task.terminal = record.state === 'unknown' || terminalTaskStates.has(record.state);
        break;
      }
      case 'wave-started':
        state.wave(record.wave).started = true;
        break;
      case 'wave-passed':
        state.wave(record.wave).passed = true;
        break;
      case 'wave-aborted': {
        const wave = state.wave(record.wave);
        wave.halt = {
          wave: record.wave,
          action: record.action,
          reason: record.reason,
          message: record.message,
        };
        break;
      }
      case 'task-reopened': {
        const task = state.record(record.index, record.name);
        task.lastSeenAt = record.at;
        Object.assign(task, { created: false, state: 'notCreated', settled: false, terminal: false });
        task.reopened = true;
        delete task.error;
        break;
      }
      case 'devices-retry': {
        for (const deviceId of record.deviceIds)
          state.deviceRetries.set(deviceId, (state.deviceRetries.get(deviceId) ?? 0) + 1);
        const task = state.tasks.get(record.index);
        if (task === undefined) break;
        // The retried devices run again: follow the task anew.
        task.terminal = false;
        task.state = 'running';
        task.nextPollAt = 0;
        break;
      }
      case 'retry-task-planned': {
        for (const deviceId of record.deviceIds)
          state.deviceRetries.set(deviceId, (state.deviceRetries.get(deviceId) ?? 0) + 1);
        const task = state.record(record.index, record.name);
        task.lastSeenAt = record.at;
        task.kind = 'explicit';
        task.targets = record.deviceIds.length;
        task.retry = {
          retryOf: record.retryOf,
          round: record.round,
          deviceIds: record.deviceIds,
          from: { ...record.from },
        };
        const parent = state.tasks.get(record.retryOf);
        if (parent?.wave !== undefined) task.wave = parent.wave;
        break;
      }
      case 'campaign-stop':
        state.stop = { mode: record.mode, at: record.at };
        break;
      case 'plan-complete':
        state.planned = record.tasks;
        state.planComplete = true;
        break;
      default:
        // campaign-started / campaign-finished carry nothing per task.
        break;
    }
  }
}
