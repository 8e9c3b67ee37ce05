import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: tsx reads its tsconfig `paths`, so `@fleetcast/*` resolve to source, no build needed. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const binSource = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));

/** What a finished `fleetcast` process did. */
export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runFleetcastProcess}. */
export interface ProcessOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Called with each stderr chunk; return true to send SIGINT to the process. */
  interruptWhen?: (stderrSoFar: string) => boolean;
  timeoutMs?: number;
}

/**
 * Runs the real `fleetcast` binary (its TypeScript entry through tsx) as a child process, without a
 * terminal, and collects its output. CI=true is set so the progress output is plain lines.
 */
export function runFleetcastProcess(
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', binSource, ...args], {
      cwd: options.cwd ?? repositoryRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!interrupted && options.interruptWhen?.(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
