import type { CliIo, TextSink } from '../../src/cli-io.js';

/** A text sink that keeps what was written. */
export interface CollectingSink extends TextSink {
  text(): string;
}

function collectingSink(isTTY = false): CollectingSink {
  const chunks: string[] = [];
  return {
    isTTY,
    write(text: string) {
      chunks.push(text);
      return true;
    },
    text: () => chunks.join(''),
  };
}

/** A CliIo whose streams collect their output, for in-process runs of the CLI. */
export function collectingIo(
  options: { env?: Record<string, string>; cwd?: string; signal?: AbortSignal } = {},
): CliIo & { stdout: CollectingSink; stderr: CollectingSink } {
  return {
    stdout: collectingSink(),
    stderr: collectingSink(),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
