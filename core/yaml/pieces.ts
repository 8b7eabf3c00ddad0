/**
 * A big text the fast reader gives up on, read a top-level entry at a time:
 * the entries it reads stay its, and only an entry it cannot read (a block
 * scalar, a tab, a syntax error) goes to the full reader, alone. npm:yaml
 * takes about a second and 80 bytes a character for a whole text, so a typo
 * in a 14 MB file cost tens of seconds and gigabytes before its error; read
 * alone, the entry costs what its own lines cost. Errors and origins are
 * placed in the whole text, as the full reader would place them.
 *
 * Only a text whose entries cannot reach each other is read so: one
 * document, a block mapping at the root, no anchors, aliases or merge keys;
 * anything else is the full reader's, whole.
 *
 * @module
 */

import { type DictNode, type Entry, type Node, type Origin, originOf } from "../node.ts";
import { fileId, packOrigin } from "../origin.ts";
import { ErrorCode, isStrataError, StrataError } from "../errors.ts";
import { lazyTextOf, readFastRoot, type RootEntries } from "./fast.ts";
import { SharedKeys } from "./fast_keys.ts";
import { type EntryEnd, entryEnd, nextLineAtColumnOne } from "./pieces_scan.ts";
import { fullReader } from "./full_reader.ts";

/** What ./tabs.ts says of a tab PyYAML refuses. */
const TAB_ERROR = "found character '\\t' that cannot start any token";

/** Texts from this size on are read in pieces when the fast reader gives up on them. */
export const PIECES_MIN_CHARS = 1 << 20;

/**
 * What keeps a text whole: document markers, directives, anchors, aliases, merge keys, a
 * byte-order mark, PyYAML's U+2028/U+2029 line breaks. A tag is its node's alone (a named
 * handle needs a `%TAG` directive, which keeps the text whole): an entry holding one is read
 * as any other (checker v60: a 12 MB file of `!!int` values and one tab, 25 s read whole).
 */
const WHOLE = /^(?:---|\.\.\.|%)|(?:^|[\s,[{])[&*][^\s,\]}]|^\s*<<\s*:|[\u2028\u2029\ufeff]/m;

/**
 * The entries of a big root mapping, read in pieces; undefined when the text
 * is not one to read so (the caller reads it whole).
 *
 * @throws {StrataError} the full reader's error of the first entry that has one, placed in the text.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readInPieces } from "./pieces.ts";
 * const text = "a: 1\nb: |\n  x\nc: 2\n";
 * const r = readInPieces(text, "c.yaml", undefined, 0)!;
 * assert.deepEqual([...r.entries.keys()], ["a", "b", "c"]);
 * ```
 */
export function readInPieces(
  text: string,
  file: string,
  lazyMinBytes: number | undefined,
  minChars = PIECES_MIN_CHARS,
): DictNode | undefined {
  if (text.length < minChars || WHOLE.test(text)) return undefined;
  const entries = new Map<string, Entry>();
  let origin: DictNode["origin"];
  let from = { line: 0, start: 0 };
  // The full reader parses the whole text before it builds a node: a syntax error anywhere comes
  // before a duplicate key, which is kept until the text is read.
  let pending: StrataError | undefined;
  const lazy = lazyTextOf(text, file, lazyMinBytes);
  // one table of keys for every part (a new one a part cost a 4096-slot array each)
  const keys = lazy?.keys ?? new SharedKeys(text.length);
  let tab = -2; // the next tab's offset, found once per tab (-1: none)
  // Entries a piece takes: one, doubled while the fast reader stops within a few entries after
  // a piece (a text of many slow entries: the full reader's cost per call is paid per run of
  // entries, not per entry)
  let run = 1;
  for (;;) {
    // the fast reader reads no tab: no entry it reads reaches the line of the next one, and
    // the entry that line is in goes to the full reader
    if (tab !== -1 && tab < from.start) tab = text.indexOf("\t", from.start);
    const limit = tab === -1 ? Infinity : text.lastIndexOf("\n", tab) + 1;
    const part: Partial<RootEntries> & { entries: Map<string, Entry> } | undefined =
      limit <= from.start
        ? { entries: new Map(), stop: from }
        : readFastRoot(text, file, lazy, from, limit, keys);
    if (part === undefined) return undefined;
    origin ??= part.origin;
    // (a key the fast reader repeats from an earlier part: its line is not known here)
    for (const [ck, e] of part.entries) {
      const added = add(entries, ck, e, origin);
      if (added === false) return undefined;
      pending ??= added;
    }
    if (part.stop === undefined) break;
    run = part.entries.size < FEW && from.start > 0 ? Math.min(run * 2, MAX_RUN) : 1;
    let end = entryEnd(text, part.stop.start, part.stop.line);
    for (let n = 1; n < run && !end.openToEnd && end.start < text.length; n++) {
      end = entryEnd(text, end.start, end.line);
    }
    let piece = readPiece(text, part.stop.start, part.stop.line, end, file, originOf(origin));
    if (
      piece !== undefined && "error" in piece && piece.error.code !== ErrorCode.YamlSyntax &&
      run > 1
    ) {
      // a duplicate key (or another error of building) in a run: its entries, read alone, may
      // repeat a key of an earlier part first
      run = 1;
      const one = entryEnd(text, part.stop.start, part.stop.line);
      piece = readPiece(text, part.stop.start, part.stop.line, one, file, originOf(origin));
    }
    if (piece === undefined) return undefined;
    if ("error" in piece) {
      const e = piece.error;
      if (e.code === ErrorCode.YamlSyntax) {
        // the full reader checks tabs first, on the whole text: a tab further on may be its error
        if (!e.message.includes(TAB_ERROR) && text.includes("\t", piece.end.start)) {
          return undefined;
        }
        throw e;
      }
      // another error of building (a duplicate key inside it, `!!str` on a list): the whole
      // text's to read, whose error is the one PyYAML's constructor meets first, level by level
      // (./duplicate_order.ts): a root key repeated in a later piece comes before it
      return undefined;
    }
    origin ??= "node" in piece ? piece.node.origin : undefined;
    // (the piece's first key is at its first column, but for an explicit `? key`)
    let first = text.charCodeAt(part.stop.start) === 63
      ? undefined
      : { file, line: part.stop.line + 1 };
    for (const [ck, e] of "node" in piece ? piece.node.entries : []) {
      const added = add(entries, ck, e, origin, first);
      if (added === false) return undefined;
      pending ??= added;
      first = undefined;
    }
    const next = piece.end;
    if (next.start >= text.length) break;
    from = next;
  }
  if (pending) throw pending;
  return { kind: "dict", entries, origin };
}

/**
 * Adds a root entry. A str key read before is OmegaConf's duplicate-key error (returned),
 * placed at the later key as the full reader places it; false when its line is not known
 * (`keyLine`, the line of a piece's first key). Another key (`yes:` after `on:`) keeps its
 * first place and takes the last value, as a Python dict does.
 */
function add(
  entries: Map<string, Entry>,
  ck: string,
  e: Entry,
  root: DictNode["origin"],
  keyLine?: { file: string; line: number },
): StrataError | undefined | false {
  const old = entries.get(ck);
  if (old === undefined) {
    entries.set(ck, e);
    return undefined;
  }
  if (typeof old.key !== "string" || typeof e.key !== "string") {
    entries.set(ck, { key: old.key, node: e.node });
    return undefined;
  }
  if (keyLine === undefined) return false;
  const r = originOf(root);
  return new StrataError(
    ErrorCode.YamlConstruct,
    `while constructing a mapping (at ${r?.line ?? "?"}:${r?.col ?? "?"}): ` +
      `found duplicate key ${e.key}`,
    { origin: { ...keyLine, col: 1 }, fullKey: e.key },
  );
}

/** The most entries one piece takes (see `run` in {@link readInPieces}). */
const MAX_RUN = 256;

/** Fewer fast entries than this between two pieces make the next piece take twice as many. */
const FEW = 8;

/** How many times a piece cut where a quoted scalar or flow collection went on is made longer. */
const MAX_LONGER = 8;

/** What the full reader says of a text that ends too soon. */
const ENDS_TOO_SOON = /end of stream|end of the file/;

/**
 * Reads the piece of whole top-level entries from `start` (line `line`, 0-based) to `end` with
 * the full reader; origins are moved to where the piece sits in the text, and an error too. A
 * piece that ends too soon for the full reader (its last quoted scalar or flow collection goes
 * on past where {@link entryEnd} cut it) is made longer, a line at column 1 at a time; a quoted
 * scalar no quote closes before the text's end fails there, as the whole text does. What is
 * still cut short is the whole text's to read (undefined). An error comes back with where the
 * piece ended: the next part starts there.
 */
function readPiece(
  text: string,
  start: number,
  line: number,
  end: EntryEnd,
  file: string,
  root: Origin | undefined,
): { node: DictNode; end: EntryEnd } | { error: StrataError; end: EntryEnd } | undefined {
  for (let longer = 0;; longer++) {
    let r;
    try {
      r = fullReader()(text.slice(start, end.start), file);
    } catch (e) {
      if (!isStrataError(e)) throw e;
      const cut = end.start < text.length && ENDS_TOO_SOON.test(e.message);
      if (!cut) return { error: moved(e, line, root), end };
      if (longer < MAX_LONGER) {
        end = nextLineAtColumnOne(text, end);
        continue;
      }
      const open =
        /^(while scanning a quoted scalar: found unexpected end of stream \(at )\d+:\d+\)$/
          .exec(e.message);
      if (open === null || !neverCloses(text, start, e.origin)) return undefined;
      const eof = endOfText(text);
      const error = new StrataError(e.code, `${open[1]}${eof.line}:${eof.col})`, {
        ...e,
        origin: movedOrigin(e.origin, line),
      });
      return { error, end: { line: eof.line - 1, start: text.length } };
    }
    if (r.empty || r.root.kind !== "dict") return undefined;
    if (line > 0) moveOrigins(r.root, line, file);
    return { node: r.root, end };
  }
}

/**
 * Whether the quoted scalar the full reader found open at `origin` of the piece at `start` (its
 * quote there) has no closing quote in the rest of the text.
 */
function neverCloses(text: string, start: number, origin: Origin | undefined): boolean {
  if (origin?.line === undefined || origin.col === undefined) return false;
  let at = start;
  for (let l = 1; l < origin.line; l++) at = text.indexOf("\n", at) + 1;
  at += [...text.slice(at, at + origin.col * 2)].slice(0, origin.col - 1).join("").length;
  const quote = text.charCodeAt(at);
  if (quote === 34) {
    for (let i = text.indexOf('"', at + 1); i !== -1; i = text.indexOf('"', i + 1)) {
      let slashes = 0;
      while (text.charCodeAt(i - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 0) return false;
    }
    return true;
  }
  if (quote !== 39) return false;
  for (let i = text.indexOf("'", at + 1); i !== -1; i = text.indexOf("'", i + 2)) {
    if (text.charCodeAt(i + 1) !== 39) return false;
  }
  return true;
}

/** Where the text ends, as PyYAML places its end of stream (columns in code points). */
function endOfText(text: string): { line: number; col: number } {
  let lines = 1;
  let last = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    lines++;
    last = i + 1;
  }
  return { line: lines, col: [...text.slice(last)].length + 1 };
}

/** `o`'s line moved down by `by` lines. */
function movedOrigin(o: Origin | undefined, by: number): Origin | undefined {
  return o?.line === undefined ? o : { ...o, line: o.line + by };
}

/**
 * A located error of a piece, moved to where the piece sits in the text. Positions the message
 * names (`opened at 3:1`, `(at 2:5)`) move too; the piece's own mapping, where it names it
 * (`while parsing a block mapping (opened at 1:1)`), is the text's root mapping, at `root`.
 */
function moved(e: StrataError, by: number, root?: Origin): StrataError {
  const message = e.message.replace(
    /(block mapping \(opened at |constructing a mapping \(at |opened at |\(at |started at |occurrence at )(\d+):(\d+)/g,
    (_, what: string, l: string, c: string) =>
      /mapping/.test(what) && l === "1" && c === "1" && root?.line !== undefined
        ? `${what}${root.line}:${root.col}`
        : `${what}${Number(l) + by}:${c}`,
  );
  return new StrataError(e.code, message, {
    ...e,
    origin: movedOrigin(e.origin, by),
    related: e.related.map((r) => ({ ...r, origin: movedOrigin(r.origin, by)! })),
  });
}

/** Moves every origin of a piece's tree down by `by` lines. */
function moveOrigins(node: Node, by: number, file: string): void {
  const fid = fileId(file);
  const walk = (n: Node) => {
    const o = originOf(n.origin);
    if (o?.line !== undefined && o.col !== undefined && o.file === file) {
      n.origin = packOrigin(fid, file, o.line + by, o.col);
    }
    if (n.kind === "dict") { for (const e of n.entries.values()) walk(e.node); }
    else if (n.kind === "list") { for (const item of n.items) walk(item); }
  };
  walk(node);
}
