/**
 * Config text as OmegaConf takes it: UTF-8 (a leading BOM is allowed and
 * dropped), no characters YAML forbids (NUL, the other C0 controls except
 * tab/LF/CR, DEL, the C1 controls except NEL, U+FFFE/U+FFFF, lone
 * surrogates), and at most {@link MAX_FILE_BYTES} bytes. Anything else is a
 * located `input` or `limit` error instead of silently changed text.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { LIMITS } from "../limits.ts";
import { codePointCol } from "./columns.ts";
import { readFileBytes, readFileText } from "../file_overlay.ts";

/** The largest config file read: 256 MiB ({@link LIMITS}.fileBytes). */
export const MAX_FILE_BYTES: number = LIMITS.fileBytes;

// PyYAML's Reader.NON_PRINTABLE, plus lone surrogates (a JS string can hold them).
const FORBIDDEN =
  // deno-lint-ignore no-control-regex -- matching control characters is the point
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const utf8 = new TextDecoder("utf-8", { fatal: true });
/** For ASCII bytes, which are valid UTF-8: the checking decoder costs twice as much. */
const utf8Unchecked = new TextDecoder("utf-8");

/** Whether every byte is below 0x80 (eight bytes at a time). */
function isAscii(bytes: Uint8Array): boolean {
  const head = (8 - (bytes.byteOffset & 7)) & 7;
  if (bytes.length < head + 8) return bytes.every((b) => b < 0x80);
  let i = 0;
  for (; i < head; i++) if (bytes[i] & 0x80) return false;
  const words = new BigUint64Array(bytes.buffer, bytes.byteOffset + i, (bytes.length - i) >> 3);
  let acc = 0n;
  for (let w = 0; w < words.length; w++) acc |= words[w];
  if ((acc & 0x8080808080808080n) !== 0n) return false;
  for (i += words.length * 8; i < bytes.length; i++) if (bytes[i] & 0x80) return false;
  return true;
}

/**
 * Decodes the bytes of a config file.
 *
 * @throws {StrataError} `limit` for a file over {@link MAX_FILE_BYTES};
 *   `input` for bytes that are not UTF-8, at file:line:col. (Forbidden
 *   characters are checked when the text is loaded: {@link checkCharacters}.)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StrataError } from "../errors.ts";
 * import { decodeConfig } from "./text.ts";
 * assert.equal(decodeConfig(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), "c.yaml"), "a");
 * assert.throws(
 *   () => decodeConfig(new Uint8Array([0x61, 0xff]), "c.yaml"),
 *   (e: StrataError) => e.origin?.col === 2 && /can't decode byte 0xff/.test(e.message),
 * );
 * ```
 */
export function decodeConfig(bytes: Uint8Array, file: string): string {
  checkFileSize(bytes.length, file);
  let text: string;
  try {
    text = isAscii(bytes) ? utf8Unchecked.decode(bytes) : utf8.decode(bytes); // drops a leading BOM
  } catch {
    const { offset, line, col } = invalidUtf8At(bytes);
    throw new StrataError(
      ErrorCode.Input,
      `'utf-8' codec can't decode byte 0x${bytes[offset].toString(16).padStart(2, "0")} ` +
        `in position ${offset}: a config file must be UTF-8`,
      { origin: { file, line, col } },
    );
  }
  // the decoder dropped one BOM: a second is content, kept with one the YAML reader drops
  return text.charCodeAt(0) === 0xfeff ? "\ufeff" + text : text;
}

/**
 * Where the first byte that is not UTF-8 sits: its byte offset, and its line
 * and column (1-based, columns in characters as every other position). A
 * checking decoder only says that bytes are bad, not where; call this once
 * it has failed (it scans the bytes again).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { invalidUtf8At } from "./text.ts";
 * const bytes = new Uint8Array([0x61, 0x0a, 0xc3, 0xa9, 0x62, 0xff]); // "a\néb" then 0xff
 * assert.deepEqual(invalidUtf8At(bytes), { offset: 5, line: 2, col: 3 });
 * ```
 */
export function invalidUtf8At(bytes: Uint8Array): { offset: number; line: number; col: number } {
  const offset = firstInvalidUtf8(bytes);
  // the bytes before it are valid: decoded (a BOM dropped, as the text is), they give line and column
  const head = new TextDecoder().decode(bytes.subarray(0, offset));
  return { offset, ...lineCol(head, head.length) };
}

/**
 * Reads a config file's text as {@link decodeConfig} decodes its bytes, in
 * one step: Deno decodes it natively, replacing bytes that are not UTF-8 by
 * U+FFFD; a text that holds U+FFFD is read again as bytes, so an invalid
 * byte is a located error (and a real U+FFFD is kept). Call
 * {@link checkFileSize} first.
 *
 * @throws {StrataError} `input` for bytes that are not UTF-8; Deno's errors for a file it cannot read.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readConfigFile } from "./text.ts";
 * const file = Deno.makeTempFileSync();
 * Deno.writeFileSync(file, new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
 * assert.equal(readConfigFile(file), "a", "a BOM is dropped");
 * Deno.removeSync(file);
 * ```
 */
export function readConfigFile(path: string): string {
  return readConfigText(path).text;
}

/**
 * {@link readConfigFile}, and whether the file began with a BOM: Hydra reads
 * the `# @package` header from the text as Python decodes it, BOM included, so
 * a BOM before the header hides it.
 *
 * @throws {StrataError} `input` for bytes that are not UTF-8; Deno's errors for a file it cannot read.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readConfigText } from "./text.ts";
 * const file = Deno.makeTempFileSync();
 * Deno.writeFileSync(file, new Uint8Array([0xef, 0xbb, 0xbf, 0x61]));
 * assert.deepEqual(readConfigText(file), { text: "a", bom: true });
 * Deno.removeSync(file);
 * ```
 */
export function readConfigText(path: string): { text: string; bom: boolean } {
  const text = readFileText(path);
  const bom = text.charCodeAt(0) === 0xfeff;
  if (text.includes("\uFFFD")) return { text: decodeConfig(readFileBytes(path), path), bom };
  // one BOM is the file's (dropped); a second is content, as in PyYAML: kept
  // with the first, which the YAML reader drops
  return { text: bom && text.charCodeAt(1) !== 0xfeff ? text.slice(1) : text, bom };
}

/**
 * Reads the config file at `path` as the conf tree's files are read: a
 * regular file (a FIFO or a device such as `/dev/zero` would never end), at
 * most {@link MAX_FILE_BYTES}, UTF-8 as {@link decodeConfig} takes it.
 *
 * @throws {StrataError} `input` (not a regular file, not UTF-8), `limit`;
 *   Deno's errors for a file it cannot stat or read (`NotFound`, `PermissionDenied`).
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readConfigPath } from "./text.ts";
 * assert.throws(() => readConfigPath("/dev/zero"), /not a regular file/);
 * ```
 */
export function readConfigPath(path: string): string {
  const info = Deno.statSync(path);
  if (info.isDirectory) throw new Deno.errors.IsADirectory(`'${path}' is a directory`);
  if (!info.isFile) {
    throw new StrataError(
      ErrorCode.Input,
      `cannot read config file '${path}': not a regular file`,
      { origin: { file: path } },
    );
  }
  checkFileSize(info.size, path);
  return readConfigFile(path);
}

/**
 * Fails for a file over {@link MAX_FILE_BYTES} (called with the size from a
 * stat, before the file is read).
 *
 * @throws {StrataError} `limit`, with the file as origin.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkFileSize } from "./text.ts";
 * assert.throws(() => checkFileSize(2 ** 40, "big.yaml"), /over the limit/);
 * ```
 */
export function checkFileSize(bytes: number, file: string): void {
  if (bytes <= MAX_FILE_BYTES) return;
  throw new StrataError(
    ErrorCode.Limit,
    `config file is ${bytes} bytes, over the limit of ${MAX_FILE_BYTES} bytes (256 MiB)`,
    { origin: { file } },
  );
}

/**
 * Fails on the first character YAML forbids, as PyYAML's reader does.
 *
 * @throws {StrataError} `input`, at file:line:col.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import type { StrataError } from "../errors.ts";
 * import { checkCharacters } from "./text.ts";
 * assert.throws(
 *   () => checkCharacters("a: b\0", "c.yaml"),
 *   (e: StrataError) => e.origin?.col === 5 && /#x0000/.test(e.message),
 * );
 * checkCharacters("a:\tb\r\n", "c.yaml");
 * ```
 */
export function checkCharacters(text: string, file: string): void {
  const m = FORBIDDEN.exec(text);
  if (m === null) return;
  const code = m[0].charCodeAt(0).toString(16).padStart(4, "0");
  throw new StrataError(
    ErrorCode.Input,
    `unacceptable character #x${code}: special characters are not allowed`,
    { origin: { file, ...lineCol(text, m.index) } },
  );
}

function lineCol(text: string, index: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: codePointCol(text, start, index) };
}

/** The offset of the first byte that does not start or continue a UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const n = c < 0x80
      ? 0
      : c >= 0xc2 && c < 0xe0
      ? 1
      : c >= 0xe0 && c < 0xf0
      ? 2
      : c >= 0xf0 && c < 0xf5
      ? 3
      : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    // overlong 3/4-byte forms and UTF-16 surrogates are not UTF-8 either
    if ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] >= 0xa0)) return i;
    if ((c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] >= 0x90)) return i;
    i += n + 1;
  }
  return b.length - 1;
}
