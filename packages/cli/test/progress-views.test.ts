import type { CampaignEvents, TaskCountsV1 } from '@fleetcast/core';
import { describe, expect, it } from 'vitest';
import type { TextSink } from '../src/cli-io.js';
import type { CampaignEventSource } from '../src/progress/campaign-event-source.js';
import { chooseProgressView } from '../src/progress/choose-progress-view.js';
import { LogLineProgressView } from '../src/progress/log-line-progress-view.js';
import { TerminalProgressView } from '../src/progress/terminal-progress-view.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

/** A stand-in for a CampaignRun: records listeners, lets the test emit typed events. */
function fakeRun() {
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const source = {
    on(name: keyof CampaignEvents, listener: (payload: unknown) => void) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return source;
    },
  };
  const emit = <Name extends keyof CampaignEvents>(
    name: Name,
    event: Omit<Parameters<CampaignEvents[Name]>[0], 'campaignId'>,
  ) => {
    for (const listener of listeners.get(name) ?? []) listener({ campaignId: 'c1', ...event });
  };
  return { source: source as unknown as CampaignEventSource, emit };
}

function sink(isTTY: boolean): TextSink & { text(): string } {
  const chunks: string[] = [];
  return { isTTY, columns: 160, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

const counts = (done: number, total: number): TaskCountsV1 => ({
  total,
  succeeded: done,
  failed: 0,
  timedOut: 0,
  pending: total - done,
  running: 0,
  stopped: 0,
});

describe('LogLineProgressView', () => {
  it('prints one line per task event and state change, and throttles campaign summaries', () => {
    const out = sink(false);
    const { source, emit } = fakeRun();
    new LogLineProgressView(out).attach(source, 'fw');
    emit('plan-ready', { at: 1000, tasks: 2, explicitTasks: 2, nativeTasks: 0, explicitTargets: 40_000 });
    emit('task-created', { at: 1200, index: 0, name: 'fw_part1', taskId: 'abc', via: 'create' });
    for (const [at, done] of [
      [1500, 10],
      [1700, 20],
      [1900, 30],
    ] as const) {
      emit('task-progress', {
        at,
        index: 0,
        name: 'fw_part1',
        taskId: 'abc',
        state: 'running',
        counts: counts(done, 30_000),
        progress: 0,
        terminal: false,
      });
    }
    emit('task-progress', {
      at: 2500,
      index: 0,
      name: 'fw_part1',
      taskId: 'abc',
      state: 'succeeded',
      counts: counts(30_000, 30_000),
      progress: 1,
      terminal: true,
    });
    const progress = (at: number) => ({
      at,
      tasksPlanned: 2,
      planComplete: true,
      tasksCreated: 1,
      tasksTerminal: 0,
      tasksFailed: 0,
      devices: {
        targeted: 40_000,
        succeeded: 5,
        failed: 0,
        timedOut: 0,
        stopped: 0,
        unknown: 0,
        notCreated: 0,
      },
      apiCalls: 3,
      throttles: 0,
      elapsedMs: at - 1000,
    });
    emit('campaign-progress', progress(2000));
    emit('campaign-progress', progress(3000));
    emit('campaign-progress', progress(4100));
    emit('task-failed', {
      at: 4200,
      index: 1,
      name: 'fw_part2',
      state: 'createFailed',
      code: 'FLEETCAST_PLATFORM_INVALIDINPUT',
      kind: 'invalidInput',
      message: 'bad body',
    });
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toEqual([
      '[fw    0.0s] plan ready: 2 task(s), 2 explicit (40,000 devices), 0 native',
      '[fw    0.2s] task 1/2 fw_part1 created (taskId abc, via create)',
      '[fw    0.5s] task 1/2 fw_part1 running: 10 succeeded, 0 failed, 0 timed out of 30,000',
      '[fw    1.5s] task 1/2 fw_part1 succeeded: 30,000 succeeded, 0 failed, 0 timed out of 30,000',
      expect.stringMatching(
        /^\[fw {4}1\.0s\] progress: tasks 1 created, 0 finished of 2; devices 5 succeeded/,
      ),
      expect.stringMatching(/^\[fw {4}3\.1s\] progress: /),
      '[fw    3.2s] task 2/2 fw_part2 createFailed: bad body (FLEETCAST_PLATFORM_INVALIDINPUT)',
    ]);
  });
});

describe('TerminalProgressView', () => {
  it('draws an overall bar and a bar per task with the counters', async () => {
    const out = sink(true);
    const { source, emit } = fakeRun();
    const view = new TerminalProgressView(out);
    view.attach(source, 'v5 firmware');
    emit('task-creating', {
      at: 0,
      index: 0,
      name: 'fw_part1',
      kind: 'explicit',
      targets: 30_000,
      attempt: 1,
    });
    emit('task-created', { at: 1, index: 0, name: 'fw_part1', taskId: 'abc', via: 'create' });
    emit('task-progress', {
      at: 2,
      index: 0,
      name: 'fw_part1',
      taskId: 'abc',
      state: 'running',
      counts: { ...counts(15_000, 30_000), failed: 120, pending: 10_000, running: 4_880 },
      progress: 0.5,
      terminal: false,
    });
    emit('campaign-progress', {
      at: 3,
      tasksPlanned: 1,
      planComplete: true,
      tasksCreated: 1,
      tasksTerminal: 0,
      tasksFailed: 0,
      devices: {
        targeted: 30_000,
        succeeded: 15_000,
        failed: 120,
        timedOut: 0,
        stopped: 0,
        unknown: 0,
        notCreated: 0,
      },
      apiCalls: 4,
      throttles: 0,
      elapsedMs: 3,
    });
    view.close();
    const text = out.text();
    expect(text).toMatch(
      /v5 firmware +\[█+░+\] +50% \| tasks 1\/1 created, 0 done \| ok 15,000 fail 120 run 14,880 \| 4 calls/,
    );
    expect(text).toMatch(
      /fw_part1 +\[█+░+\] +50% \| 15,120\/30,000 \| running \| ok 15,000 fail 120 run 14,880/,
    );
  });
});

describe('TerminalProgressView redraw', () => {
  it('after a line printed above the bars, the next frame draws every bar again, the unchanged ones too', async () => {
    const out = sink(true);
    const { source, emit } = fakeRun();
    const view = new TerminalProgressView(out);
    view.attach(source, 'v5 rollout');
    const done = (index: number, name: string, total: number) =>
      emit('task-progress', {
        at: index,
        index,
        name,
        taskId: `t${index}`,
        state: 'succeeded',
        counts: counts(total, total),
        progress: 1,
        terminal: true,
      });
    done(0, 'rollout_wave1', 19);
    // One frame draws the wave-1 bar; nothing about it changes after that.
    await new Promise((resolve) => setTimeout(resolve, 250));
    emit('wave-passed', {
      at: 5,
      wave: 0,
      tasks: 1,
      via: 'gate',
      devices: { targeted: 19, succeeded: 19, failed: 0, timedOut: 0, stopped: 0, unknown: 0, notCreated: 0 },
    });
    emit('task-creating', {
      at: 6,
      index: 1,
      name: 'rollout_wave2',
      kind: 'explicit',
      targets: 139,
      attempt: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 250));
    // The log line moved the bars down a row: a bar left undrawn keeps what was on its new row before.
    const afterLog = out.text().split('wave 1 passed').at(-1) as string;
    expect(afterLog).toMatch(/rollout_wave1 +\[█+\] 100% \| 19\/19 \| succeeded/);
    expect(afterLog).toMatch(/rollout_wave2 +\[░+\] +0% \| 0\/139 \| creating \(try 1\)/);
    view.close();
  });
});

describe('chooseProgressView', () => {
  it('draws bars only on a terminal without CI, plain lines otherwise, nothing for none', () => {
    const terminal = { ...collectingIo(), stderr: sink(true) };
    const bars = chooseProgressView('auto', terminal);
    expect(bars).toBeInstanceOf(TerminalProgressView);
    bars?.close();
    expect(chooseProgressView('auto', { ...terminal, env: { CI: 'true' } })).toBeInstanceOf(
      LogLineProgressView,
    );
    expect(chooseProgressView('auto', collectingIo())).toBeInstanceOf(LogLineProgressView);
    expect(chooseProgressView('lines', terminal)).toBeInstanceOf(LogLineProgressView);
    expect(chooseProgressView('none', terminal)).toBeUndefined();
  });
});

describe('waiting for the platform retry', () => {
  const waitingCounts = (waitingRetry: number): TaskCountsV1 => ({
    ...counts(10, 100),
    running: 90,
    pending: 0,
    ...(waitingRetry > 0 ? { waitingRetry } : {}),
  });
  const progress = (at: number, waitingRetry: number) => ({
    at,
    index: 1,
    name: 'fw_part2',
    taskId: 'abc',
    state: 'running' as const,
    counts: waitingCounts(waitingRetry),
    progress: 0.1,
    terminal: false,
  });
  const clock = (epochMs: number) => `${new Date(epochMs).toISOString().slice(11, 16)} UTC`;

  it('log lines say how many devices wait for the retry and until when, once per change', () => {
    const out = sink(false);
    const { source, emit } = fakeRun();
    const before = Date.now();
    new LogLineProgressView(out).attach(source, 'fw', { retryIntervalMinutes: 30 });
    emit('task-progress', progress(0, 0));
    emit('task-progress', progress(1, 12));
    const after = Date.now();
    emit('task-progress', progress(2, 12));
    emit('task-progress', progress(3, 15));
    emit('task-progress', progress(4, 0));
    const lines = out.text().trim().split('\n');
    const waits = lines.filter((line) => line.includes("wait for the platform's retry"));
    expect(waits).toHaveLength(2);
    expect(waits[0]).toMatch(
      /task 2 fw_part2: 12 device\(s\) failed and wait for the platform's retry, until about (\d\d:\d\d UTC) \(policy\.retryInterval 30 min\)/,
    );
    const until = /until about (\d\d:\d\d UTC)/.exec(waits[0] as string)?.[1];
    expect([clock(before + 1_800_000), clock(after + 1_800_000)]).toContain(until);
    // More devices join the same wait: the time it ends does not move.
    expect(waits[1]).toContain(`15 device(s) failed and wait for the platform's retry, until about ${until}`);
    expect(lines.at(-1)).toContain("task 2 fw_part2: the platform's retry started");
  });

  it('without policy.retryInterval the line says the platform decides', () => {
    const out = sink(false);
    const { source, emit } = fakeRun();
    new LogLineProgressView(out).attach(source, 'fw');
    emit('task-progress', progress(1, 3));
    expect(out.text()).toContain(
      "3 device(s) failed and wait for the platform's retry, until the platform retries (policy.retryInterval not set: the platform's default)",
    );
  });

  it('the task bar shows the wait in its state column', () => {
    const out = sink(true);
    const { source, emit } = fakeRun();
    const view = new TerminalProgressView(out);
    const before = Date.now();
    view.attach(source, 'fw', { retryIntervalMinutes: 30 });
    emit('task-progress', progress(1, 12));
    const after = Date.now();
    view.close();
    const state = /fw_part2 .*\| (retry wait until \d\d:\d\d UTC) \|/.exec(out.text())?.[1];
    expect([
      `retry wait until ${clock(before + 1_800_000)}`,
      `retry wait until ${clock(after + 1_800_000)}`,
    ]).toContain(state);
  });
});
