import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliInputError } from './cli-input-error.js';

/** Campaign files larger than this are refused before parsing (a 30,000-ID list is about 1 MB). */
export const maxCampaignFileBytes = 256 * 1024 * 1024;

/**
 * Reads a campaign JSON file and returns the parsed value, unchecked: validation is core's job.
 * A missing file, a directory, an oversized file or malformed JSON is a {@link CliInputError} that
 * names the file and, for JSON errors, the line and column.
 */
export async function readCampaignFile(path: string, cwd: string): Promise<unknown> {
  const fullPath = resolve(cwd, path);
  let text: string;
  try {
    const bytes = await readFile(fullPath);
    if (bytes.byteLength > maxCampaignFileBytes) {
      throw new CliInputError(
        path,
        `the campaign file is ${bytes.byteLength} bytes; at most ${maxCampaignFileBytes} are read`,
      );
    }
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    throw new CliInputError(path, `cannot read the campaign file (${describeFsError(error)})`, {
      cause: error,
    });
  }
  return parseJsonText(path, text);
}

/** Parses JSON, turning a syntax error into a CliInputError with line and column. */
export function parseJsonText(where: string, text: string): unknown {
  // A UTF-8 byte-order mark is common in files saved by Windows editors; JSON.parse refuses it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(reason);
    const at = position ? ` at ${lineAndColumn(body, Number(position[1]))}` : '';
    throw new CliInputError(where, `not valid JSON${at}: ${reason}`, { cause: error });
  }
}

function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** A short reason for a file-system error, e.g. `ENOENT: no such file`. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}
