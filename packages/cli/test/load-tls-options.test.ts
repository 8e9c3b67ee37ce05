import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../src/cli-input-error.js';
import { ExitCode } from '../src/exit-code.js';
import { loadTlsOptions, tlsPassphraseVariable } from '../src/load-tls-options.js';
import { runCli } from '../src/run-cli.js';
import { collectingIo } from './__test-helpers__/collecting-io.js';

const cwd = mkdtempSync(join(tmpdir(), 'fleetcast-tls-'));
writeFileSync(join(cwd, 'ca.pem'), 'CA-PEM');
writeFileSync(join(cwd, 'client.pem'), 'CERT-PEM');
writeFileSync(join(cwd, 'client.key'), 'KEY-PEM-SECRET');

describe('loadTlsOptions', () => {
  it('gives nothing when no TLS option is set', async () => {
    expect(await loadTlsOptions({}, {}, cwd)).toBeUndefined();
  });

  it('reads the CA, certificate and key files, and the passphrase from the environment', async () => {
    const tls = await loadTlsOptions(
      { tlsCa: 'ca.pem', tlsCert: 'client.pem', tlsKey: 'client.key' },
      { [tlsPassphraseVariable]: 'pass-1' },
      cwd,
    );
    expect(tls?.ca?.toString()).toBe('CA-PEM');
    expect(tls?.cert?.toString()).toBe('CERT-PEM');
    expect(tls?.key?.toString()).toBe('KEY-PEM-SECRET');
    expect(tls?.passphrase).toBe('pass-1');
    expect(await loadTlsOptions({ tlsCa: 'ca.pem' }, {}, cwd)).toEqual({ ca: Buffer.from('CA-PEM') });
  });

  it('names the option and path of an unreadable file, and refuses a certificate without its key', async () => {
    await expect(loadTlsOptions({ tlsCa: 'missing.pem' }, {}, cwd)).rejects.toThrow(
      /--tls-ca: cannot read missing\.pem \(no such file\)/,
    );
    await expect(loadTlsOptions({ tlsCert: 'client.pem' }, {}, cwd)).rejects.toBeInstanceOf(CliInputError);
    await expect(loadTlsOptions({ tlsKey: 'client.key' }, {}, cwd)).rejects.toThrow(
      /--tls-cert: give --tls-cert and --tls-key together/,
    );
  });

  it('makes run exit 2 on a TLS mistake, before anything is sent', async () => {
    writeFileSync(
      join(cwd, 'campaign.json'),
      JSON.stringify({
        name: 'c',
        target: { type: 'Broadcast' },
        operation: { type: 'command', serviceId: 's', commandName: 'c' },
      }),
    );
    const io = collectingIo({ cwd, env: { FLEETCAST_LEGACY_APP_ID: 'a', FLEETCAST_LEGACY_SECRET: 'b' } });
    const args = [
      'run',
      'campaign.json',
      '--platform',
      'legacy',
      '--endpoint',
      'https://127.0.0.1:9',
      '--journal',
      'tls.jsonl',
    ];
    expect(await runCli([...args, '--tls-cert', 'client.pem'], io)).toBe(ExitCode.invalidInput);
    expect(io.stderr.text()).toMatch(/--tls-key: give --tls-cert and --tls-key together/);
    expect(io.stderr.text()).not.toContain('CERT-PEM');
  });
});
