import { type ChildProcess, spawn } from 'node:child_process';
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
  /** Called after each output chunk with everything printed so far; return true to send SIGINT once. */
  interruptWhen?: (output: { stdout: string; stderr: string }) => boolean;
  /** The process is killed after this long. Default {@link processTimeoutMs}. */
  timeoutMs?: number;
}

/**
 * How long one `fleetcast` process may take before it is killed: generous, because on a slow, loaded CI
 * machine node + tsx alone can take seconds to start. A healthy run ends far sooner; the limit only
 * keeps a hung process from hanging the suite.
 */
export const processTimeoutMs = 90_000;

/**
 * Vitest timeout for a test that runs up to `processes` processes one after another: longer than their
 * process timeouts together, so a slow process fails its own assertions (with its output) first.
 */
export function e2eTestTimeoutMs(processes: number): number {
  return processes * processTimeoutMs + 30_000;
}

/** A running `fleetcast` process. */
export interface FleetcastProcess {
  child: ChildProcess;
  /** Resolves when the process has exited. */
  result: Promise<ProcessResult>;
  /** Resolves with the first match of `pattern` in stdout + stderr, as soon as it is printed. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
}

/** Children still running; a failed assertion must not leave one behind (see {@link killLeftoverProcesses}). */
const running = new Set<ChildProcess>();

/** Kills every `fleetcast` child this file started that is still running; call it in `afterAll`. */
export function killLeftoverProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/**
 * Starts the real `fleetcast` binary (its TypeScript entry through tsx) as a child process, without a
 * terminal. CI=true is set so progress output is plain lines.
 */
export function spawnFleetcastProcess(
  args: readonly string[],
  options: ProcessOptions = {},
): FleetcastProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', binSource, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  const watchers: (() => void)[] = [];
  const onOutput = () => {
    if (!interrupted && options.interruptWhen?.({ stdout, stderr })) {
      interrupted = true;
      child.kill('SIGINT');
    }
    for (const watcher of [...watchers]) watcher();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    onOutput();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    onOutput();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? processTimeoutMs);
  const result = new Promise<ProcessResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout + stderr);
        if (!match) return false;
        watchers.splice(watchers.indexOf(check), 1);
        resolve(match);
        return true;
      };
      watchers.push(check);
      if (!check()) {
        void result.then(() => {
          if (watchers.includes(check)) reject(new Error(`process ended without printing ${pattern}`));
        });
      }
    });
  return { child, result, waitFor };
}

/** Runs `fleetcast` to the end; see {@link spawnFleetcastProcess}. */
export function runFleetcastProcess(
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<ProcessResult> {
  return spawnFleetcastProcess(args, options).result;
}
