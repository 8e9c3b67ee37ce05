import type { Campaign, CampaignRun, DeviceTotals, RolloutSpec } from '../../src/index.js';
import { deviceCampaign } from './runner-test-kit.js';

/** A campaign over `count` explicit devices `d0…` with a rollout. */
export function waveCampaign(count: number, rollout: RolloutSpec, name = 'camp'): Campaign {
  return { ...deviceCampaign(count, name), rollout };
}

/** The 0-based wave a planned task name carries (`<name>_wave<w>[_part<n>]`, where `w` counts from 1). */
export function waveOfName(name: string): number {
  const match = /_wave(\d+)(?:_part\d+)?$/.exec(name);
  if (match === null) throw new Error(`task name ${name} carries no wave`);
  return Number(match[1]) - 1;
}

/** A deterministic per-device draw in [0, 100): the same device gets the same answer for a seed. */
export function devicePercent(deviceId: string, seed: number): number {
  let hash = seed >>> 0;
  for (let index = 0; index < deviceId.length; index++) {
    hash = Math.imul(hash ^ deviceId.charCodeAt(index), 0x01000193) >>> 0;
  }
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0x5bd1e995) >>> 0;
  hash ^= hash >>> 15;
  return (hash >>> 0) % 100;
}

/** What a listener saw of a run, in order: the runner's own view, which is what its gate may use. */
export interface RunLog {
  /** Event names in order, with wave or task index. */
  timeline: string[];
  /** Per task index: wave, targets, last counts, and whether it was created or refused. */
  tasks: Map<number, { wave: number; targets: number; counts?: DeviceCountsView; settled: boolean }>;
  /** Problems found while the run went on (checked at each `wave-started`). */
  problems: string[];
  /** The figures each `wave-passed` (via the gate) says the gate decided on, by wave. */
  passed: Map<number, DeviceTotals>;
}

/** Subtask counters as the runner last read them. */
export interface DeviceCountsView {
  succeeded: number;
  failed: number;
  timedOut: number;
  stopped: number;
}

/**
 * Records a run's events. At every `wave-started` after the first, `onWaveStart(previous, log)` may
 * report problems about the wave before it.
 */
export function logRun(run: CampaignRun, onWaveStart?: (previous: number, log: RunLog) => string[]): RunLog {
  const log: RunLog = { timeline: [], tasks: new Map(), problems: [], passed: new Map() };
  let previous: number | undefined;
  run.on('task-creating', (event) => {
    log.tasks.set(event.index, { wave: waveOfName(event.name), targets: event.targets ?? 0, settled: false });
    log.timeline.push(`creating ${event.index} wave ${waveOfName(event.name)}`);
  });
  run.on('task-created', (event) => {
    const task = log.tasks.get(event.index);
    if (task) task.settled = true;
  });
  run.on('task-failed', (event) => {
    const task = log.tasks.get(event.index);
    if (!task) return;
    task.settled = true;
    if (event.state === 'createFailed')
      task.counts = { succeeded: 0, failed: task.targets, timedOut: 0, stopped: 0 };
  });
  run.on('task-progress', (event) => {
    const task = log.tasks.get(event.index);
    if (task && event.counts) task.counts = { ...event.counts };
  });
  run.on('wave-passed', (event) => {
    if (event.via === 'gate') log.passed.set(event.wave, { ...event.devices });
  });
  for (const name of ['wave-gated', 'wave-passed', 'wave-aborted'] as const) {
    run.on(name, (event) => log.timeline.push(`${name} ${event.wave}`));
  }
  run.on('wave-started', (event) => {
    log.timeline.push(`wave-started ${event.wave}`);
    if (previous !== undefined && previous !== event.wave) {
      if (!log.timeline.includes(`wave-passed ${previous}`))
        log.problems.push(`wave ${event.wave} started before wave ${previous} passed`);
      for (const task of log.tasks.values()) {
        if (task.wave === previous && !task.settled)
          log.problems.push(`wave ${event.wave} started while a create of wave ${previous} was unanswered`);
      }
      log.problems.push(...(onWaveStart?.(previous, log) ?? []));
    }
    previous = event.wave;
  });
  return log;
}

/** Sum of finished devices in report totals. */
export function finishedOf(totals: DeviceTotals): number {
  return totals.succeeded + totals.failed + totals.timedOut + totals.stopped;
}
