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

  it('reads v5 AK/SK (and a security token and region) from the environment or the file; keys win over a token', async () => {
    const path = file(
      JSON.stringify({
        v5: { projectId: 'p', accessKey: 'ak-file', secretKey: 'sk-file', region: 'cn-north-4' },
      }),
    );
    const env = { [credentialVariables.v5SecretKey]: 'sk-env', [credentialVariables.v5Token]: 't' };
    expect(await loadCredentials('v5', env, { cwd, file: path })).toEqual({
      platform: 'v5',
      projectId: 'p',
      accessKey: 'ak-file',
      secretKey: 'sk-env',
      region: 'cn-north-4',
    });
    const temporary = {
      [credentialVariables.v5ProjectId]: 'p',
      [credentialVariables.v5AccessKey]: 'ak',
      [credentialVariables.v5SecretKey]: 'sk',
      [credentialVariables.v5SecurityToken]: 'sts',
    };
    expect(await loadCredentials('v5', temporary, { cwd })).toMatchObject({ securityToken: 'sts' });
  });

  it('names the missing half of a key pair instead of falling back on a token', async () => {
    const half = {
      [credentialVariables.v5ProjectId]: 'p',
      [credentialVariables.v5AccessKey]: 'ak-only-value',
      [credentialVariables.v5Token]: 't',
    };
    const error = await failure(loadCredentials('v5', half, { cwd }));
    expect(error.message).toMatch(
      /FLEETCAST_V5_SECRET_KEY \(file key v5\.secretKey\) to go with the access key/,
    );
    expect(error.message).not.toContain('ak-only-value');
    const none = await failure(loadCredentials('v5', { [credentialVariables.v5ProjectId]: 'p' }, { cwd }));
    expect(none.message).toMatch(
      /FLEETCAST_V5_ACCESS_KEY and FLEETCAST_V5_SECRET_KEY .*, or FLEETCAST_V5_TOKEN/,
    );
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
