import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliInputError } from '../src/cli-input-error.js';
import { credentialVariables, loadCredentials } from '../src/load-credentials.js';

const cwd = mkdtempSync(join(tmpdir(), 'fleetcast-credentials-'));
let fileCount = 0;
function file(content: string): string {
  const name = `credentials-${fileCount++}.json`;
  writeFileSync(join(cwd, name), content);
  return name;
}

async function failure(promise: Promise<unknown>): Promise<CliInputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CliInputError);
    return error as CliInputError;
  }
  throw new Error('expected a CliInputError');
}

describe('loadCredentials', () => {
  it('reads legacy credentials from the environment', async () => {
    const env = { [credentialVariables.legacyAppId]: 'app-1', [credentialVariables.legacySecret]: 'sec' };
    expect(await loadCredentials('legacy', env, { cwd })).toEqual({
      platform: 'legacy',
      appId: 'app-1',
      secret: 'sec',
    });
  });

  it('reads a file and lets environment variables win key by key', async () => {
    const path = file(JSON.stringify({ v5: { projectId: 'p-file', token: 't-file', instanceId: 'i-file' } }));
    const env = { [credentialVariables.v5Token]: 't-env' };
    expect(await loadCredentials('v5', env, { cwd, file: path })).toEqual({
      platform: 'v5',
      projectId: 'p-file',
      token: 't-env',
      instanceId: 'i-file',
    });
    const viaVariable = { ...env, [credentialVariables.file]: path };
    expect(await loadCredentials('v5', viaVariable, { cwd })).toMatchObject({
      token: 't-env',
      projectId: 'p-file',
    });
  });

  it('names every missing variable and file key', async () => {
    const error = await failure(loadCredentials('v5', { [credentialVariables.v5ProjectId]: 'p' }, { cwd }));
    expect(error.message).toMatch(/FLEETCAST_V5_TOKEN \(file key v5\.token\)/);
    expect(error.message).not.toMatch(/PROJECT_ID/);
    const legacy = await failure(loadCredentials('legacy', {}, { cwd }));
    expect(legacy.message).toMatch(/FLEETCAST_LEGACY_APP_ID .*FLEETCAST_LEGACY_SECRET/);
    expect(legacy.code).toBe('FLEETCAST_CLI_INPUT');
  });

  it('never puts a credential into an error, whatever the file holds', async () => {
    // A fixed marker keeps a random value from matching the message's own words by chance.
    const secret = fc.string({ maxLength: 30 }).map((value) => `S3CR3T${value}`);
    await fc.assert(
      fc.asyncProperty(
        secret,
        fc.constantFrom('broken-json', 'wrong-type', 'missing-token'),
        async (value, shape) => {
          const content = {
            'broken-json': `{"legacy": {"appId": "a", "secret": ${JSON.stringify(value)}`,
            'wrong-type': JSON.stringify({ v5: { projectId: value, token: 42 } }),
            'missing-token': JSON.stringify({ v5: { projectId: 'p', instanceId: value } }),
          }[shape];
          const platform = shape === 'broken-json' ? 'legacy' : 'v5';
          const error = await failure(loadCredentials(platform, {}, { cwd, file: file(content) }));
          expect(error.message).not.toContain(value);
          expect(String(error.cause ?? '')).not.toContain(value);
        },
      ),
      { numRuns: 100 },
    );
  });
});
