import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TransportTlsOptions } from '@fleetcast/core/adapter-kit';
import type { Command } from 'commander';
import { CliInputError } from './cli-input-error.js';
import { describeFsError } from './read-campaign-file.js';

/** TLS file options as parsed: paths only (a path is not a secret; the key's passphrase comes from the environment). */
export interface TlsFileOptions {
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
}

/** Environment variable holding the passphrase of `--tls-key`, if it has one. */
export const tlsPassphraseVariable = 'FLEETCAST_TLS_KEY_PASSPHRASE';

/** Adds `--tls-ca`, `--tls-cert` and `--tls-key` (two-way TLS, which the legacy platform uses). */
export function addTlsOptions(command: Command): Command {
  return command
    .option('--tls-ca <file>', "PEM file of the platform's CA, trusted besides the system's")
    .option('--tls-cert <file>', 'PEM client certificate issued for the app (two-way TLS)')
    .option('--tls-key <file>', `PEM private key of --tls-cert (passphrase from $${tlsPassphraseVariable})`);
}

/**
 * Reads the TLS files named by the options; `undefined` when none is given. An unreadable file is a
 * {@link CliInputError} that names the option and the path, never the file's content.
 */
export async function loadTlsOptions(
  options: TlsFileOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<TransportTlsOptions | undefined> {
  if (!options.tlsCa && !options.tlsCert && !options.tlsKey) return undefined;
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) {
    throw new CliInputError(
      options.tlsCert ? '--tls-key' : '--tls-cert',
      'give --tls-cert and --tls-key together',
    );
  }
  const read = async (option: string, path: string | undefined) => {
    if (!path) return undefined;
    try {
      return await readFile(resolve(cwd, path));
    } catch (error) {
      throw new CliInputError(option, `cannot read ${path} (${describeFsError(error)})`);
    }
  };
  const [ca, cert, key] = await Promise.all([
    read('--tls-ca', options.tlsCa),
    read('--tls-cert', options.tlsCert),
    read('--tls-key', options.tlsKey),
  ]);
  const passphrase = env[tlsPassphraseVariable];
  return {
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(passphrase ? { passphrase } : {}),
  };
}
