import type { RolloutSpec, TaskPlanV1 } from '@fleetcast/core';
import { describeWaveShare, waveShareNote } from './describe-wave-share.js';
import { formatCount } from './progress/format-number.js';

/** Tasks and devices one rollout wave got in a plan. */
export interface WaveFigures {
  /** 0-based, as every `wave` field in fleetcast's JSON. */
  wave: number;
  /** 1-based, as the text and task names (`_wave1`) show it. */
  waveNumber: number;
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
      wave: index,
      waveNumber: index + 1,
      percent: wave.percent,
      tasks: 0,
      devices: 0,
    }));
  }

  add(task: TaskPlanV1): void {
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
  const total = waves.reduce((sum, wave) => sum + wave.devices, 0);
  let cumulative = 0;
  return [
    `  waves:            ${waves.length} (created one at a time; every target expanded; ${waveShareNote})`,
    ...waves.map((wave) => {
      cumulative += wave.devices;
      return `    wave ${wave.waveNumber} (${describeWaveShare(wave.percent, cumulative, total)}): ${formatCount(wave.tasks)} task${wave.tasks === 1 ? '' : 's'}, ${formatCount(wave.devices)} devices`;
    }),
  ];
}
