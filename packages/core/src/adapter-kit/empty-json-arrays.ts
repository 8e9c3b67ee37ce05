const quote = 0x22;
const backslash = 0x5c;
const openBracket = 0x5b;
const closeBracket = 0x5d;
const openBrace = 0x7b;
const closeBrace = 0x7d;

function isJsonSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The index just past the JSON array starting at `start` (a `[`), or -1 when it does not end. */
function endOfArray(bytes: Uint8Array, start: number): number {
  let depth = 0;
  for (let index = start; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === quote) {
      // Skip the string: a backslash escapes the next byte (multi-byte UTF-8 never contains 0x22 or 0x5c).
      for (index++; index < bytes.length && bytes[index] !== quote; index++) {
        if (bytes[index] === backslash) index++;
      }
    } else if (byte === openBracket || byte === openBrace) depth++;
    else if (byte === closeBracket || byte === closeBrace) {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return -1;
}

/** True when the quote at `index` opens or closes a string (not preceded by an odd run of backslashes). */
function isUnescapedQuote(bytes: Uint8Array, index: number): boolean {
  let backslashes = 0;
  for (let before = index - 1; before >= 0 && bytes[before] === backslash; before--) backslashes++;
  return backslashes % 2 === 0;
}

/**
 * Replaces the array value of every member named `key` in a JSON document (UTF-8 bytes) with `[]`, without
 * decoding the document: a v5 task answer echoes up to 30,000 target IDs (about 1 MB) that a poll never reads,
 * and decoding them would make a 1 MB string and 30,000 small ones per poll. The result parses to the same
 * value with those arrays empty. A member whose value is not an array, and the text `"key":` inside a string,
 * are left alone. Malformed input is returned unchanged, for the JSON parser to judge.
 */
export function emptyJsonArrays(bytes: Buffer, key: string): Buffer {
  const needle = Buffer.from(JSON.stringify(key));
  const parts: Buffer[] = [];
  let copied = 0;
  let from = 0;
  for (let found = bytes.indexOf(needle, from); found !== -1; found = bytes.indexOf(needle, from)) {
    from = found + needle.length;
    // An escaped quote is inside a string. An unescaped one opens a string here: a string followed by `:` is a
    // member name, since a JSON value string is never followed by one. (It cannot close a string: the bytes
    // after it would then not be JSON.)
    if (!isUnescapedQuote(bytes, found)) continue;
    let at = from;
    while (isJsonSpace(bytes[at])) at++;
    if (bytes[at] !== 0x3a) continue;
    at++;
    while (isJsonSpace(bytes[at])) at++;
    if (bytes[at] !== openBracket) continue;
    const end = endOfArray(bytes, at);
    if (end === -1) return bytes;
    parts.push(bytes.subarray(copied, at + 1));
    copied = end - 1; // keep the closing bracket
    from = end;
  }
  if (parts.length === 0) return bytes;
  parts.push(bytes.subarray(copied));
  return Buffer.concat(parts);
}
