import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from './__test-helpers__/run-fleetcast-process.js';

// The demo's live view as a person sees it: run in a real pseudo-terminal (tmux, 120 × 40), the screen
// and its scrollback captured at several moments. Unit tests of the view see the bytes written, not what
// a terminal makes of the cursor movements in them.

const socket = `fleetcast-test-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
afterAll(() => {
  tmux('kill-server');
});

/** Everything the pane shows and scrolled past, as text. */
const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'demo').stdout;

describe('fleetcast demo in a terminal', () => {
  it('draws the bars in place, prints every wave line once and whole, and ends with the ABORTED line', {
    timeout: 240_000,
  }, async () => {
    // Without CI in its environment: fleetcast draws no bars when CI is set (CI runs this test with CI=true).
    const command = `env -u CI node --import tsx packages/cli/src/bin.ts demo --devices 20000 --device-rate 1000; echo "demo exited $?"; sleep 600`;
    const started = tmux(
      'new-session',
      '-d',
      '-x',
      '120',
      '-y',
      '40',
      '-s',
      'demo',
      '-c',
      repositoryRoot,
      command,
    );
    expect(started.status, started.stderr).toBe(0);
    const frames: string[] = [];
    const deadline = Date.now() + 200_000;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const text = screen();
      frames.push(text);
      if (/demo exited \d+/.test(text)) break;
    }
    const last = frames.at(-1) as string;
    expect(last).toContain('demo exited 0');
    for (const frame of frames) {
      const lines = frame.split('\n');
      // A wave line printed over a bar row must not keep the end of that bar ("…buckets)/19 | created | ok").
      for (const line of lines.filter((text) => /^v5 rollout: wave /.test(text))) {
        expect(line).not.toMatch(/\| ok \d/);
      }
      // Bars never wrap onto a second row at this width.
      const barRows = lines.filter((text) => /\[[█░]+\]/.test(text));
      for (const line of barRows) expect(line.length).toBeLessThanOrEqual(120);
      // Each task is on one row at every moment: a row left undrawn after log lines moved the bars down
      // showed the wave-2 task twice and lost the wave-1 row.
      for (const wave of [1, 2, 3]) {
        expect(barRows.filter((line) => line.includes(`_wave${wave} [`)).length).toBeLessThanOrEqual(1);
      }
    }
    // While the rollout ran, its bar was on screen (a moment in the middle, not only the end).
    expect(
      // The plan may or may not be complete at the moment captured (`2/3` or `2/2+`).
      frames.some((frame) => /^ v5 rollout +\[[█░]+\] +\d+% \| tasks \d+\/\d+\+? created/m.test(frame)),
    ).toBe(true);
    const waveLines = last.split('\n').filter((line) => /^v5 rollout: wave /.test(line));
    expect(waveLines).toEqual([
      'v5 rollout: wave 1/3 started (cumulative 1 % of ID-hash buckets)',
      'v5 rollout: wave 1 gated: 1 task(s) created; next wave needs 100 % finished, 90 % success',
      expect.stringMatching(/^v5 rollout: wave 1 passed: \d+ devices: \d+ succeeded, 0 failed, 0 timed out$/),
      'v5 rollout: wave 2/3 started (cumulative 10 % of ID-hash buckets)',
      'v5 rollout: wave 2 gated: 1 task(s) created; next wave needs 100 % finished, 90 % success',
      expect.stringMatching(
        /^v5 rollout: wave 2 ABORTED \(abortCriteria\): wave 2: \d+ of \d+ finished devices failed/,
      ),
    ]);
    // The rollout's task rows at the end: wave 1 finished all of its devices, wave 2 ran, each on one row.
    const rolloutRows = last.split('\n').filter((line) => /^ demo_rollout_\S+_wave\d \[/.test(line));
    expect(rolloutRows.map((line) => /_wave(\d) /.exec(line)?.[1])).toEqual(['1', '2']);
    expect(rolloutRows[0]).toMatch(/ 100% \| (\d+)\/\1 \| succeeded \| ok \1 fail 0 run 0$/);
    expect(rolloutRows[1]).toMatch(/ 100% \| (\d+)\/\1 \| partiallySucceeded \| /);
    // The side-by-side campaigns' final bars, each once.
    for (const label of [' v5 firmware ', ' legacy command ', ' v5 rollout ']) {
      expect(last.split('\n').filter((line) => line.startsWith(label) && line.includes('] '))).toHaveLength(
        1,
      );
    }
  });
});
