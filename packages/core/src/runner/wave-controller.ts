import type { RolloutSpec, WaveApprovalInfo } from '../campaign/campaign.js';
import type { DeviceTotals, WaveHalt, WaveReport } from './campaign-report.js';
import type { TaskRecord } from './campaign-state.js';
import { type RunContext, pauseUntilChange } from './run-context.js';

/** Devices of a wave that reached an end: the denominator of success rates and abort thresholds. */
export function finishedDevices(totals: DeviceTotals): number {
  return totals.succeeded + totals.failed + totals.timedOut + totals.stopped;
}

/** What the controller asks of the executor. */
export interface WaveControllerHooks {
  /** Resolves once every create under way has been answered. */
  settleCreates(): Promise<void>;
  /** A wave was stopped: `pause` ends the run now, `abort` stops creating. */
  halted(halt: WaveHalt): void;
  /** Overrides `rollout.gate.approve` (a journal on disk cannot keep a function). */
  approve?: (info: WaveApprovalInfo) => Promise<boolean>;
}

/**
 * Runs a campaign's rollout waves: one wave at a time, the gate between two waves, and the abort
 * criteria on every poll of the current wave. Every transition is journaled before it takes effect, so a
 * resumed run knows which waves passed and where the rollout stopped.
 */
export class WaveController {
  private current: number | undefined;
  private halting = false;
  /** Waves whose pause an earlier run journaled: resuming is the operator's go-ahead for them. */
  private readonly released = new Set<number>();
  halt: WaveHalt | undefined;

  constructor(
    private readonly context: RunContext,
    private readonly rollout: RolloutSpec,
    private readonly hooks: WaveControllerHooks,
  ) {
    for (const [index, wave] of context.state.waves) {
      if (wave.halt?.action === 'abort') this.halt = wave.halt;
      else if (wave.halt?.action === 'pause' && !wave.passed) this.released.add(index);
    }
  }

  /** True once no task may be created any more (an abort, now or in an earlier run). */
  get creationHalted(): boolean {
    return this.halt !== undefined;
  }

  private tasksOf(wave: number): TaskRecord[] {
    return [...this.context.state.tasks.values()].filter((task) => task.wave === wave);
  }

  private totalsOf(wave: number): DeviceTotals {
    return this.context.state.totals((task) => task.wave === wave);
  }

  /**
   * Called with the wave of each planned task, before it is created. When the wave moves on, waits for the
   * previous wave's creates and gate. Returns false when nothing more may be created.
   */
  async enter(wave: number): Promise<boolean> {
    if (this.halt !== undefined || this.context.stopSignal.aborted) return false;
    if (this.current === wave) return true;
    if (this.current !== undefined) {
      await this.hooks.settleCreates();
      await this.passGate(this.current, wave);
      if (this.halt !== undefined || this.context.stopSignal.aborted) return false;
    }
    this.current = wave;
    const record = this.context.state.wave(wave);
    if (!record.started) {
      await this.context.journal({ type: 'wave-started', wave, at: this.context.clock.now() });
      record.started = true;
    }
    this.context.emit('wave-started', {
      wave,
      percent: this.rollout.waves[wave]?.percent ?? 100,
      waves: this.rollout.waves.length,
    });
    return true;
  }

  private gateThresholds() {
    const gate = this.rollout.gate ?? {};
    return {
      minFinishedFraction: gate.minFinishedFraction ?? 1,
      minSuccessRate: gate.minSuccessRate ?? 0,
      soakMs: gate.soakMs ?? 0,
      approve: this.hooks.approve ?? gate.approve,
    };
  }

  private async passGate(wave: number, nextWave: number): Promise<void> {
    const { context } = this;
    const record = context.state.wave(wave);
    if (record.passed) return;
    if (this.released.has(wave)) {
      await this.markPassed(wave, 'resume');
      return;
    }
    const gate = this.gateThresholds();
    context.emit('wave-gated', {
      wave,
      tasks: this.tasksOf(wave).length,
      devices: this.totalsOf(wave),
      gate: {
        minFinishedFraction: gate.minFinishedFraction,
        minSuccessRate: gate.minSuccessRate,
        soakMs: gate.soakMs,
        approval: gate.approve !== undefined,
      },
    });
    let metSince: number | undefined;
    // The figures the gate decided on: polls may change the wave's figures while the decision is journaled.
    let decided: DeviceTotals | undefined;
    while (!context.stopSignal.aborted && this.halt === undefined) {
      await this.checkAbort();
      if (this.halt !== undefined) return;
      const totals = this.totalsOf(wave);
      const finished = finishedDevices(totals);
      const finishedFraction = totals.targeted === 0 ? 1 : finished / totals.targeted;
      const successRate = finished === 0 ? (totals.targeted === 0 ? 1 : 0) : totals.succeeded / finished;
      const met = finishedFraction >= gate.minFinishedFraction && successRate >= gate.minSuccessRate;
      const now = context.clock.now();
      if (met) {
        metSince ??= now;
        if (now - metSince >= gate.soakMs) {
          decided = totals;
          break;
        }
      } else {
        metSince = undefined;
        if (this.tasksOf(wave).every((task) => task.terminal)) {
          await this.stop(wave, 'pause', 'gateFailed', {
            message:
              `wave ${wave + 1} ended below its gate: finished ${percentText(finishedFraction)} ` +
              `(needs ${percentText(gate.minFinishedFraction)}), success ${percentText(successRate)} ` +
              `(needs ${percentText(gate.minSuccessRate)})`,
          });
          return;
        }
      }
      await pauseUntilChange(
        context,
        metSince === undefined ? Number.POSITIVE_INFINITY : gate.soakMs - (now - metSince),
      );
    }
    if (context.stopSignal.aborted || this.halt !== undefined) return;
    if (gate.approve !== undefined) {
      const totals = decided ?? this.totalsOf(wave);
      const info: WaveApprovalInfo = {
        campaignName: context.campaign.name,
        wave,
        nextWave,
        devices: {
          targeted: totals.targeted,
          succeeded: totals.succeeded,
          failed: totals.failed,
          timedOut: totals.timedOut,
          finished: finishedDevices(totals),
        },
      };
      let approved = false;
      let why = 'approve() answered false';
      try {
        approved = (await gate.approve(info)) === true;
      } catch (error) {
        why = `approve() failed: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (context.stopSignal.aborted) return;
      if (!approved) {
        await this.stop(wave, 'pause', 'approvalRefused', {
          message: `wave ${nextWave + 1} was not approved (${why})`,
        });
        return;
      }
    }
    await this.markPassed(wave, 'gate', decided);
  }

  private async markPassed(wave: number, via: 'gate' | 'resume', decided?: DeviceTotals): Promise<void> {
    await this.context.journal({ type: 'wave-passed', wave, via, at: this.context.clock.now() });
    this.context.state.wave(wave).passed = true;
    this.context.emit('wave-passed', {
      wave,
      tasks: this.tasksOf(wave).length,
      devices: decided ?? this.totalsOf(wave),
      via,
    });
  }

  /** Evaluates the abort criteria over the current wave; called after every poll and while gated. */
  async checkAbort(): Promise<void> {
    const wave = this.current;
    const abort = this.rollout.abort;
    if (abort === undefined || wave === undefined || this.halt !== undefined || this.halting) return;
    if (this.released.has(wave) || this.context.state.wave(wave).passed) return;
    const totals = this.totalsOf(wave);
    const finished = finishedDevices(totals);
    for (const criterion of abort.criteria) {
      if (finished < criterion.minFinishedDevices) continue;
      const failures =
        criterion.failureType === 'failed'
          ? totals.failed
          : criterion.failureType === 'timedOut'
            ? totals.timedOut
            : totals.failed + totals.timedOut;
      if (failures * 100 >= criterion.thresholdPercent * finished) {
        const label = criterion.failureType === 'any' ? 'failed or timed out' : criterion.failureType;
        await this.stop(wave, abort.action, 'abortCriteria', {
          message:
            `wave ${wave + 1}: ${failures} of ${finished} finished devices ${label} ` +
            `(${percentText(failures / finished)} ≥ ${criterion.thresholdPercent} %)`,
        });
        return;
      }
    }
  }

  private async stop(
    wave: number,
    action: 'pause' | 'abort',
    reason: WaveHalt['reason'],
    detail: { message: string },
  ): Promise<void> {
    if (this.halt !== undefined || this.halting) return;
    this.halting = true;
    const halt: WaveHalt = { wave, action, reason, message: detail.message };
    try {
      await this.context.journal({ type: 'wave-aborted', ...halt, at: this.context.clock.now() });
    } finally {
      this.halting = false;
    }
    this.halt = halt;
    this.context.state.wave(wave).halt = halt;
    this.context.emit('wave-aborted', {
      ...halt,
      tasks: this.tasksOf(wave).length,
      devices: this.totalsOf(wave),
    });
    this.hooks.halted(halt);
    this.context.state.notify();
  }

  /** Per-wave figures for the report. */
  report(): WaveReport[] {
    return this.rollout.waves.map((spec, wave) => {
      const record = this.context.state.waves.get(wave);
      const tasks = this.tasksOf(wave);
      const created = tasks.some((task) => task.created !== false || task.state === 'createFailed');
      const state: WaveReport['state'] =
        record?.halt !== undefined && !record.passed && !this.released.has(wave)
          ? record.halt.action === 'abort'
            ? 'aborted'
            : 'paused'
          : record?.passed
            ? 'passed'
            : record?.started && created
              ? // The last wave has no gate after it: once all its tasks ended it is finished, not "started".
                wave === this.rollout.waves.length - 1 && tasks.every((task) => task.terminal)
                ? 'finished'
                : 'started'
              : 'notStarted';
      return { wave, percent: spec.percent, tasks: tasks.length, totals: this.totalsOf(wave), state };
    });
  }
}

function percentText(fraction: number): string {
  return `${Math.round(fraction * 10_000) / 100} %`;
}
