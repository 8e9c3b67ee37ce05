import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createSimulatorClock } from '../src/simulator-clock.js';
import { SimulatorConfigError, startSimulator } from '../src/index.js';
import { call, v5Headers, v5Tasks, v5UpgradeTask } from './__test-helpers__/sim-client.js';

describe('clock', () => {
  it('runs at timeScale, can be advanced by hand and re-scaled without jumping', () => {
    let real = 0;
    const clock = createSimulatorClock(1_000_000, 10, () => real);
    real = 5;
    expect(clock.now()).toBe(1_000_050);
    clock.advance(1000);
    expect(clock.now()).toBe(1_001_050);
    clock.setTimeScale(0);
    real = 500;
    expect(clock.now()).toBe(1_001_050);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.setTimeScale(Number.NaN)).toThrow(RangeError);
  });
});

describe('runtime configuration', () => {
  it('rejects bad options with a typed error naming the field and limit', async () => {
    await expect(startSimulator({ failureProbability: 1.5 })).rejects.toThrow(SimulatorConfigError);
    await expect(startSimulator({ rateLimit: { calls: -1 } })).rejects.toThrow(/rateLimit.calls/);
    await expect(startSimulator({ port: 70_000 })).rejects.toThrow(/port/);
    const sim = await startSimulator({ devices: 10, timeScale: 0 });
    try {
      expect(() => sim.configure({ unfinishedTaskLimit: { legacy: 0 } })).toThrow(
        /unfinishedTaskLimit.legacy/,
      );
      expect(() => sim.configure({ failureProbability: 0.7, timeoutProbability: 0.5 })).toThrow(/at most 1/);
      expect(sim.settings.failureProbability).toBe(0.02);
    } finally {
      await sim.close();
    }
  });

  it('speeds time up with timeScale so a task finishes in real milliseconds', async () => {
    const sim = await startSimulator({ devices: 100, seed: 1, timeScale: 10_000, deviceRatePerSecond: 10 });
    try {
      const targets = Array.from({ length: 20 }, (_, i) => sim.fleet.deviceId(i));
      const { body } = await call(sim, 'POST', v5Tasks(sim), {
        headers: v5Headers(sim),
        body: v5UpgradeTask('Fast', targets),
      });
      await sleep(50); // 500 simulated seconds
      expect(['Success', 'PartialSuccess', 'Fail']).toContain(sim.task(body.task_id as string)?.status);
    } finally {
      await sim.close();
    }
  });

  it('is deterministic: same seed and calls, same subtask outcomes', async () => {
    const outcomes = async (seed: number) => {
      const sim = await startSimulator({
        devices: 500,
        seed,
        timeScale: 0,
        failureProbability: 0.3,
        timeoutProbability: 0.1,
      });
      try {
        const targets = Array.from({ length: 200 }, (_, i) => sim.fleet.deviceId(i));
        await call(sim, 'POST', v5Tasks(sim), {
          headers: v5Headers(sim),
          body: v5UpgradeTask('Det', targets),
        });
        sim.clock.advance(60_000);
        return sim
          .tasks()[0]
          ?.subtasks()
          .map((subtask) => subtask.state);
      } finally {
        await sim.close();
      }
    };
    const first = await outcomes(5);
    expect(await outcomes(5)).toEqual(first);
    expect(await outcomes(6)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['success', 'fail', 'timeout']));
  });
});

describe('settings snapshots', () => {
  it('cannot be used to change the running simulator behind configure()', async () => {
    const sim = await startSimulator({ devices: 10, timeScale: 0 });
    try {
      const snapshot = sim.settings;
      snapshot.rateLimit.calls = 1;
      snapshot.legacySelectValues.push('tagz');
      expect(sim.settings.rateLimit.calls).toBe(100);
      expect(sim.settings.legacySelectValues).toEqual(['tags', 'tag']);
    } finally {
      await sim.close();
    }
  });
});
