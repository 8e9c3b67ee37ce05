/**
 * @fleetcast/cli: the `fleetcast` command. The binary is `dist/bin.js`; this entry lets programs and
 * tests run the same command in-process.
 */
export { runCli } from './run-cli.js';
export { processIo, type CliIo, type TextSink } from './cli-io.js';
export { ExitCode, type ExitCodeValue } from './exit-code.js';
export { CliInputError } from './cli-input-error.js';
export { campaignSchema } from './campaign-schema.js';
export {
  loadCredentials,
  credentialVariables,
  type CredentialsFile,
  type PlatformCredentials,
  type LegacyCredentials,
  type V5Credentials,
} from './load-credentials.js';
export {
  openDeviceFile,
  DeviceFileDirectory,
  type InvalidDeviceLines,
  type OpenDeviceFileOptions,
} from './device-file-directory.js';
export { maxDeviceLineBytes } from './read-device-line-batches.js';
export { parseDeviceLine } from './parse-device-line.js';
export { platformNames, type PlatformName } from './platform-name.js';
