import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-code.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

// Input errors of run and resume, found before anything is sent: the endpoint is an unused port.
const folder = mkdtempSync(join(tmpdir(), 'fleetcast-run-'));
const endpoint = 'http://127.0.0.1:9';
const campaign = join(folder, 'campaign.json');
writeFileSync(
  campaign,
  JSON.stringify({
    name: 'c',
    target: { type: 'Broadcast' },
    operation: { type: 'command', serviceId: 's', commandName: 'c' },
  }),
);
const env = { FLEETCAST_LEGACY_APP_ID: 'app', FLEETCAST_LEGACY_SECRET: 'secret-value-1' };

describe('fleetcast run and resume: input errors', () => {
  it('refuses a journal name that cannot be a campaign ID', async () => {
    const io = collectingIo({ env, cwd: folder });
    const code = await runCli(
      ['run', campaign, '--platform', 'legacy', '--endpoint', endpoint, '--journal', 'x.journal.jsonl'],
      io,
    );
    expect(code).toBe(ExitCode.invalidInput);
    expect(io.stderr.text()).toMatch(/--journal: "x\.journal\.jsonl" must be named <id>\.jsonl/);
  });

  it('refuses to start a run in a journal that already holds one, pointing to resume', async () => {
    writeFileSync(join(folder, 'used.jsonl'), '{"type":"campaign-started"}\n');
    const io = collectingIo({ env, cwd: folder });
    const code = await runCli(
      ['run', campaign, '--platform', 'legacy', '--endpoint', endpoint, '--journal', 'used.jsonl'],
      io,
    );
    expect(code).toBe(ExitCode.invalidInput);
    expect(io.stderr.text()).toMatch(
      /already holds a campaign; continue it with `fleetcast resume --journal`/,
    );
  });

  it('refuses an invalid campaign with every problem and exit 2', async () => {
    const bad = join(folder, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ name: '', target: { type: 'Nowhere' }, operation: { type: 'command' } }),
    );
    const io = collectingIo({ env, cwd: folder });
    const code = await runCli(
      ['run', bad, '--platform', 'legacy', '--endpoint', endpoint, '--journal', 'bad.jsonl'],
      io,
    );
    expect(code).toBe(ExitCode.invalidInput);
    expect(io.stderr.text().trimEnd().split('\n').length).toBeGreaterThanOrEqual(3);
    expect(io.stderr.text()).toMatch(/^target\.type: /m);
    expect(io.stderr.text()).not.toContain('secret-value-1');
  });

  it('resume refuses a file that is not a journal, and a platform the journal was not written with', async () => {
    writeFileSync(join(folder, 'notes.jsonl'), 'hello\n');
    const notJournal = collectingIo({ env, cwd: folder });
    expect(await runCli(['resume', '--journal', 'notes.jsonl', '--endpoint', endpoint], notJournal)).toBe(2);
    expect(notJournal.stderr.text()).toMatch(/notes\.jsonl: is not a fleetcast journal/);

    writeFileSync(
      join(folder, 'v5run.jsonl'),
      `${JSON.stringify({ type: 'campaign-started', journalVersion: 1, campaignId: 'v5run', campaign: {}, adapter: 'v5', at: 0 })}\n`,
    );
    const mismatch = collectingIo({ env, cwd: folder });
    expect(
      await runCli(
        ['resume', '--journal', 'v5run.jsonl', '--endpoint', endpoint, '--platform', 'legacy'],
        mismatch,
      ),
    ).toBe(2);
    expect(mismatch.stderr.text()).toMatch(/written by the v5 adapter, not legacy/);

    const missing = collectingIo({ env, cwd: folder });
    expect(await runCli(['resume', '--journal', 'gone.jsonl', '--endpoint', endpoint], missing)).toBe(2);
    expect(missing.stderr.text()).toMatch(/gone\.jsonl: cannot read the journal \(no such file\)/);
  });
});
