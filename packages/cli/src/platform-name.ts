import { CliInputError } from './cli-input-error.js';

/** The platforms the CLI can talk to. */
export const platformNames = ['v5', 'legacy'] as const;

/** `v5` (IoTDA `/v5/iot/{project_id}/batchtasks`) or `legacy` (OceanConnect batch-task v1.1.0). */
export type PlatformName = (typeof platformNames)[number];

/** Checks a `--platform` value. */
export function parsePlatformName(value: string): PlatformName {
  if ((platformNames as readonly string[]).includes(value)) return value as PlatformName;
  throw new CliInputError(
    '--platform',
    `"${value.slice(0, 40)}" is not a platform; use one of: ${platformNames.join(', ')}`,
  );
}
