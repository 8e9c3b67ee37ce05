/** Where a text stream writes to; `process.stdout` fits, and so does a test's collecting buffer. */
export interface TextSink {
  write(text: string): unknown;
  /** Present and true when the sink is a terminal (progress bars are drawn only then). */
  isTTY?: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

/**
 * Everything the CLI touches outside itself, so that it runs the same in a process and in a test.
 */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Environment variables (credentials are read from here, never from arguments). */
  env: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /**
   * Aborted when the user asks to stop (Ctrl-C). Long commands (`run`, `resume`, `demo`, `simulate`)
   * stop cleanly when it fires.
   */
  signal?: AbortSignal;
}

/** The real process's streams, environment and working directory. */
export function processIo(signal?: AbortSignal): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    ...(signal ? { signal } : {}),
  };
}
