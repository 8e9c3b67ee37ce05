import type { RolloutSpec, TaskPlan } from '@fleetcast/core';
import { formatCount } from './progress/format-number.js';

/** Tasks and devices one rollout wave got in a plan. */
export interface WaveFigures {
  /** 1-based, as task names show it. */
  wave: number;
  /** Cumulative percent of the wave. */
  percent: number;
  tasks: number;
  devices: number;
}

/** Counts a streamed plan's tasks per rollout wave; waves that got no task are listed with zeros. */
export class WaveTally {
  private readonly figures: WaveFigures[];

  constructor(rollout: RolloutSpec) {
    this.figures = rollout.waves.map((wave, index) => ({
      wave: index + 1,
      percent: wave.percent,
      tasks: 0,
      devices: 0,
    }));
  }

  add(task: TaskPlan): void {
    const entry = task.wave === undefined ? undefined : this.figures[task.wave];
    if (entry === undefined) return;
    entry.tasks += 1;
    if (task.kind === 'explicit') entry.devices += task.deviceIds.length;
  }

  list(): WaveFigures[] {
    return this.figures.map((entry) => ({ ...entry }));
  }
}

/** Lines for the readable plan: one per wave. */
export function formatWaveFigures(waves: readonly WaveFigures[]): string[] {
  return [
    `  waves:            ${waves.length} (created one at a time; every target expanded)`,
    ...waves.map(
      (wave) =>
        `    wave ${wave.wave} (up to ${wave.percent} %): ${formatCount(wave.tasks)} task${wave.tasks === 1 ? '' : 's'}, ${formatCount(wave.devices)} devices`,
    ),
  ];
}
