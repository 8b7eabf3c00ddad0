/**
 * Loads YAML text into a config tree in OmegaConf's dialect, every node with
 * its origin (file:line:col). Common block-style files go through a fast
 * hand-written reader (./fast.ts); anything it does not handle goes through
 * npm:yaml (./full.ts). Both build nodes with the same rules (./build.ts).
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { canonicalKey, type DictNode, type ListNode, nil, type Node } from "../node.ts";
import { readFast } from "./fast.ts";
import { fullReader } from "./full_reader.ts";
import { readInPieces } from "./pieces.ts";
import { checkCharacters, readConfigPath } from "./text.ts";

/** Options of {@link loadYaml}. */
export interface LoadOptions {
  /** The file name origins carry (default `<string>`). */
  file?: string;
  /**
   * Which reader to use: `auto` (default) tries the fast block reader and
   * falls back to npm:yaml; `full` always uses npm:yaml.
   */
  reader?: "auto" | "full";
  /**
   * Whether the fast reader keeps big subtrees as text, read again when
   * first asked for (core/lazy.ts). Default: for texts of
   * {@link LAZY_TEXT_BYTES} or more. A number sets the smallest lazy subtree
   * in bytes (default {@link LAZY_SUBTREE_BYTES}). A program that will use
   * all of a big tree should pass `false`: reading it lazily, then all of
   * it, reads it twice (50 MB: ~1.4x the time of one eager read).
   */
  lazy?: boolean | number;
  /**
   * Read as `OmegaConf.load` reads a file (Hydra's config files): a document
   * that is a string is read as YAML again (`|` then `a: 1` is that mapping).
   * Without it, as `OmegaConf.create` reads a YAML string: such a document is
   * `{str: None}`.
   */
  asFile?: boolean;
}

/**
 * Texts this long (8 MiB) are read lazily by default: their subtrees of
 * {@link LAZY_SUBTREE_BYTES} or more stay text until asked for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LAZY_TEXT_BYTES } from "./load.ts";
 * assert.equal(LAZY_TEXT_BYTES, 8 * 1024 * 1024);
 * ```
 */
export const LAZY_TEXT_BYTES = 8 * 1024 * 1024;
/**
 * The smallest subtree (in bytes of text) kept lazily: a lazy node costs about
 * a hundred bytes, the few nodes of a subtree this size about a kilobyte.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LAZY_SUBTREE_BYTES } from "./load.ts";
 * assert.equal(LAZY_SUBTREE_BYTES, 64);
 * ```
 */
export const LAZY_SUBTREE_BYTES = 64;

/**
 * OmegaConf.create on a loaded document: a string becomes `{str: None}`; a
 * non-container fails. `again` (OmegaConf.load, {@link LoadOptions.asFile}):
 * a string is read as YAML again first (a `|` block of `a: 1` is that
 * mapping, its nodes placed at the string).
 */
function toConfig(root: Node, file: string, again: boolean, reread = false): DictNode | ListNode {
  if (root.kind !== "value") return root;
  if (root.type === "null") {
    return { kind: "dict", entries: new Map(), origin: root.origin ?? { file } };
  }
  if (again && root.type === "str") {
    let inner: Node;
    try {
      const r = fullReader()(root.value as string, file);
      inner = r.empty ? { kind: "value", type: "null", value: null } : r.root;
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      throw new StrataError(
        e.code,
        `${e.message} (in the document's string, which OmegaConf reads as YAML again)`,
        { origin: root.origin, fullKey: "" },
      );
    }
    return toConfig(placedAt(inner, root.origin), file, false, true);
  }
  if (root.type === "str" || root.type === "missing") {
    const key = root.type === "missing" ? "???" : root.value as string;
    return {
      kind: "dict",
      entries: new Map([[canonicalKey(key), { key, node: nil(root.origin) }]]),
      origin: root.origin,
    };
  }
  throw new StrataError(
    ErrorCode.YamlNotAConfig,
    `a config must be a mapping or a list, not ${root.type === "int" ? "an" : "a"} ${root.type} ` +
      `scalar${reread ? " (the document is a string, which OmegaConf reads as YAML again)" : ""}`,
    { origin: root.origin, fullKey: "" },
  );
}

/** `node` and its subtree placed at `origin` (read from a string, whose own lines are not the file's). */
function placedAt<T extends Node>(node: T, origin: Node["origin"]): T {
  if (node.kind === "dict") {
    for (const e of node.entries.values()) placedAt(e.node, origin);
  } else if (node.kind === "list") node.items.forEach((n) => placedAt(n, origin));
  if (origin === undefined) delete node.origin;
  else node.origin = origin;
  return node;
}

/**
 * Parses YAML text into a config tree (OmegaConf.create on a YAML string).
 *
 * Loading does not check interpolation grammar: `create()` and compose do
 * (core/resolve/validate.ts), so the reader stays below the semantics.
 *
 * @throws {StrataError} `input` for a character YAML forbids (NUL, C0/C1
 *   controls); `yaml-syntax`, `yaml-construct`, `yaml-not-a-config`,
 *   `key-validation` or `unsupported-value`, with file:line:col.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../../engine.ts";
 * const cfg = loadYaml("lr: 5e-5\nname: run\n", { file: "conf/config.yaml" });
 * assert.equal(cfg.kind, "dict");
 * ```
 */
export function loadYaml(text: string, options: LoadOptions = {}): DictNode | ListNode {
  checkCharacters(text, options.file ?? "<string>");
  return read(text, options.file ?? "<string>", options);
}

function read(text: string, file: string, options: LoadOptions): DictNode | ListNode {
  // PyYAML's line breaks: CR alone and NEL too, read as LF (inside scalars as
  // well); one character for one, so lines and columns stay
  if (text.includes("\r") || text.includes("\u0085")) text = text.replace(/\r\n?|\u0085/g, "\n");
  if (options.reader !== "full") {
    const lazy = options.lazy ?? text.length >= LAZY_TEXT_BYTES;
    const min = typeof lazy === "number" ? lazy : lazy ? LAZY_SUBTREE_BYTES : undefined;
    const fast = readFast(text, file, min);
    if (fast !== undefined) return toConfig(fast, file, options.asFile === true);
    // a big text: only the entries the fast reader cannot read go to the full reader
    const pieces = readInPieces(text, file, min);
    if (pieces !== undefined) return pieces;
  }
  const r = fullReader()(text, file);
  if (r.empty) return { kind: "dict", entries: new Map(), origin: { file } };
  return toConfig(r.root, file, options.asFile === true);
}

/**
 * Reads and loads a YAML file; origins name `path` as given.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYamlFile, originOf, toContainer } from "../../engine.ts";
 * const cfg = await loadYamlFile("examples/llm-finetune/conf/optimizer/sgd.yaml");
 * assert.equal(originOf(cfg.origin)?.file, "examples/llm-finetune/conf/optimizer/sgd.yaml");
 * assert.equal((toContainer(cfg) as { name: string }).name, "sgd");
 * ```
 */
export function loadYamlFile(path: string): Promise<DictNode | ListNode> {
  // read as the conf tree's files are: a regular file, bounded, checked UTF-8
  try {
    return Promise.resolve(loadYaml(readConfigPath(path), { file: path, asFile: true }));
  } catch (e) {
    return Promise.reject(e);
  }
}
