/**
 * Key selection as OmegaConf's `_select_impl` does it, for the evaluator
 * (./evaluate.ts): dotted and bracketed keys, relative keys, `???` and
 * scalars on the way, a resolver's plain result.
 *
 * @module
 */

import { ErrorCode } from "../errors.ts";
import type { Evaluator } from "./evaluate.ts";
import { Fail } from "./fail.ts";
import { childLoc, isPlainResult, type Loc, locFullKey, type Resolved } from "./loc.ts";
import { canonicalKey, type Entry, keyText, type Node } from "../node.ts";
import { suggest } from "../suggest.ts";

const INT_RE = /^\s*[+-]?\d+(_\d+)*\s*$/;
/** Python's `split_key`: `a[0].b` → a, 0, b; leading dots are handled by the caller. */
function splitKey(key: string): string[] {
  const head = /^[^.[]*/.exec(key)![0];
  const out = head === "" && key.startsWith("[") ? [] : [head];
  const rest = /\.([^.[]*)|\[(.*?)\]/g;
  rest.lastIndex = head.length;
  for (let m = rest.exec(key); m; m = rest.exec(key)) {
    out.push(m[1] !== undefined ? m[1] : m[2]);
    if (m[0] === "") rest.lastIndex++;
  }
  return out;
}

/**
 * {@link Evaluator.trySelect}: `key` selected from `base` (the parent
 * container, for relative keys), "missing-key" for an absent key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { selectKey } from "./select_key.ts";
 * const ev = new Evaluator(dict([["a", dict([["b", int(1)]])]]), () => undefined);
 * const r = selectKey(ev, ev.root, "a.b");
 * assert.equal(r !== "missing-key" && r.node.kind === "value" && r.node.value, 1);
 * assert.equal(selectKey(ev, ev.root, "a.zz"), "missing-key");
 * ```
 */
export function selectKey(
  ev: Evaluator,
  base: Loc,
  key: string,
  selecting = false,
  byResolver = false,
): Resolved | "missing-key" {
  let from: Loc = ev.root;
  // inside an OwnRoot result, absolute keys read the result's own config
  for (let top: Loc | null = base; top; top = top.parent) {
    if (!top.parent && ev.isOwnRoot(top)) from = top;
  }
  let rest = key;
  if (key.startsWith(".")) {
    from = base;
    rest = key.slice(1);
    while (rest.startsWith(".")) {
      if (!from.parent) {
        throw byResolver
          ? new Fail(
            ErrorCode.InterpolationResolution,
            `ConfigKeyError raised while resolving interpolation: Error resolving key '${key}'`,
          )
          : new Fail(
            ErrorCode.InterpolationKey,
            `ConfigKeyError while resolving interpolation: Error resolving key '${key}'`,
          );
      }
      from = from.parent;
      rest = rest.slice(1);
    }
  }
  if (rest === "") return { node: from.node, loc: from };
  const split = splitKey(rest);
  let cur: Resolved | null = { node: from.node, loc: from };
  for (let i = 0; i < split.length; i++) {
    if (cur === null) return "missing-key";
    const child = step(cur, split[i]);
    if (child === null) return "missing-key";
    if (child.node.kind === "value" && child.node.type === "missing") {
      if (i < split.length - 1) {
        // `${oc.select:m.x,0}` selects without throw_on_missing: a `???` on
        // the way is the ConfigTypeError select turns into its default; any
        // other resolver sees the MissingMandatoryValue wrapped as its error
        if (selecting) return "missing-key";
        const what = `Missing mandatory value: ${locFullKey(child)}`;
        throw byResolver
          ? new Fail(
            ErrorCode.InterpolationResolution,
            `MissingMandatoryValue raised while resolving interpolation: ${what}`,
          )
          : new Fail(
            ErrorCode.InterpolationToMissing,
            `MissingMandatoryValue while resolving interpolation: ${what}`,
          );
      }
      return { node: child.node, loc: child };
    }
    const r = ev.resolve(child);
    if (i === split.length - 1) return r;
    // a resolver's plain dict or list is a value to OmegaConf (not a
    // container): selecting into it is the error a scalar gives. A null is
    // such a value too (AnyNode(None), not a None DictConfig), so `${a.x}`
    // with `a: null` is that ConfigTypeError; a resolver's OmegaConf.select
    // (oc.select, oc.dict.keys, oc.deprecated) finds no key there
    if (r.node.kind === "value" || isPlainResult(r.loc)) {
      if (selecting || byResolver) return "missing-key";
      throw new Fail(
        ErrorCode.InterpolationResolution,
        `ConfigTypeError raised while resolving interpolation: Error trying to access ${rest}: node \`${
          split.slice(0, i + 1).join(".")
        }\` is not a container and thus cannot contain \`${split[i + 1]}\``,
      );
    }
    cur = r;
  }
  return cur === null ? "missing-key" : cur;
}

/** One step of a key path: a dict's string key or a list's int index. */
function step(c: Resolved, k: string): Loc | null {
  const n = c.node;
  if (n.kind === "dict") {
    const e = n.entries.get(canonicalKey(k));
    return e ? childLoc(c.loc, e.key, e.node, false) : null;
  }
  if (n.kind === "list") {
    if (!INT_RE.test(k)) {
      throw new Fail(
        ErrorCode.InterpolationResolution,
        `TypeError raised while resolving interpolation: Index '${k}' (str) is not an int`,
      );
    }
    const i = Number(k.replaceAll("_", ""));
    if (i < 0 || i >= n.items.length) return null;
    return childLoc(c.loc, i, n.items[i], true);
  }
  return null;
}

/**
 * Did-you-mean for an interpolation key that is not there: the key with its
 * first absent segment replaced by the nearest keys of the dict it was looked
 * for in (`model.nmae` gives `model.name`; a relative key keeps its dots),
 * but not the `holder` of the interpolation itself. A key with brackets, or
 * one whose way fails otherwise, gets none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dict, int } from "../../engine.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { keySuggestions } from "./select_key.ts";
 * const ev = new Evaluator(dict([["model", dict([["name", int(1)]])]]), () => undefined);
 * assert.deepEqual(keySuggestions(ev, ev.root, "model.nmae"), ["model.name"]);
 * assert.deepEqual(keySuggestions(ev, ev.root, "modle.name"), ["model.name"]);
 * assert.deepEqual(keySuggestions(ev, ev.root, "name"), ["model.name"]);
 * assert.deepEqual(keySuggestions(ev, ev.root, "modle.size"), ["model"]);
 * assert.deepEqual(keySuggestions(ev, ev.root, "modle.nmae"), ["model.name"]);
 * ```
 */
export function keySuggestions(ev: Evaluator, base: Loc, key: string, holder?: Node): string[] {
  if (oddKeyNamed(ev, base, key) !== undefined) return []; // no spelling is nearer: it is there
  const dots = /^\.*/.exec(key)![0];
  const segs = key.slice(dots.length).split(".");
  if (segs.some((s) => s === "" || s.includes("["))) return [];
  const level = () => dots === "" ? [] : otherLevel(ev, base, dots.length, segs, holder);
  return nearKeys(ev, base, dots, segs, holder, level);
}

/**
 * The entry whose key is no string (the float key `1.5`, the int key `1`,
 * `True`) that an absent interpolation key spells (`${1.5}`, `${..1}`):
 * OmegaConf reads a key path's segments as strings, so no interpolation
 * reaches it (checker v59 #1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oddKeyNamed } from "./select_key.ts";
 * import { Evaluator } from "./evaluate.ts";
 * import { dict, FloatKey, int } from "../node.ts";
 * const root = dict([["v1", int(1)]]);
 * root.entries.set("\u0001f1.5", { key: new FloatKey(1.5), node: int(2) });
 * const ev = new Evaluator(root, () => undefined);
 * assert.equal(oddKeyNamed(ev, ev.root, "1.5")?.node.kind, "value");
 * assert.equal(oddKeyNamed(ev, ev.root, "v1"), undefined);
 * ```
 */
export function oddKeyNamed(ev: Evaluator, base: Loc, key: string): Entry | undefined {
  const dots = /^\.*/.exec(key)![0].length;
  let at: Loc | null = dots === 0 ? ev.root : base;
  for (let up = 1; up < dots && at !== null; up++) at = at.parent;
  const container = at?.node;
  if (container?.kind !== "dict") return undefined;
  const rest = key.slice(dots);
  for (const e of container.entries.values()) {
    if (typeof e.key !== "string" && keyText(e.key) === rest) return e;
  }
  return undefined;
}

/**
 * A relative key climbing one level too few or too many (`${...task.x}` where
 * `task` is four levels up, IsaacGymEnvs' train configs): the same key with
 * the nearest number of dots that reaches it.
 */
function otherLevel(
  ev: Evaluator,
  base: Loc,
  dots: number,
  segs: string[],
  holder: Node | undefined,
): string[] {
  // one dot is `base`, each more its parent, up to the root
  let levels = 0;
  for (let at: Loc | null = base; at !== null; at = at.parent) levels++;
  const rest = segs.join(".");
  for (let by = 1; by < Math.max(dots, levels); by++) {
    for (const n of [dots - by, dots + by]) {
      if (n < 1 || n > levels) continue;
      const key = ".".repeat(n) + rest;
      if (usable(keyNode(ev, base, key), holder)) return [key];
    }
  }
  return [];
}

/**
 * The suggestions of {@link keySuggestions}: the key as written with its first
 * absent segment spelt nearest, else `level()` (the key at another level),
 * else the key one level deeper, else (when `partial`) the key up to that
 * segment spelt nearest (its rest is not there either).
 */
function nearKeys(
  ev: Evaluator,
  base: Loc,
  dots: string,
  segs: string[],
  holder: Node | undefined,
  level: () => string[],
  partial = true,
): string[] {
  try {
    for (let i = 0; i < segs.length; i++) {
      const at = ev.trySelect(base, dots + segs.slice(0, i).join("."));
      if (at === "missing-key" || at.node.kind !== "dict") return level();
      const entries = at.node.entries;
      if (entries.has(canonicalKey(segs[i]))) continue;
      // not the value holding the interpolation: `b: ${a}` is not to read itself; nor a key
      // holding `.` or a bracket, which no interpolation can name (`${p.obs.state}` is another key)
      const names = [...entries.values()].flatMap((e) =>
        typeof e.key === "string" && e.node !== holder && !/[.[\]]/.test(e.key) ? [e.key] : []
      );
      const head = dots + segs.slice(0, i).map((s) => s + ".").join("");
      const tail = segs.slice(i + 1);
      // the rest of the key must be there too: `${d.1.5}` with `d: {k: [...]}` is not `d.k.5`
      const rest = tail.map((t) => "." + t).join("");
      const spellings = suggest(segs[i], names);
      const near = spellings.map((s) => head + s + rest)
        .filter((k) => tail.length === 0 || usable(keyNode(ev, base, k), holder));
      if (near.length > 0) return near;
      // a later segment misspelt too (`${modle.nmae}`: `model.name`)
      const both = tail.length === 0
        ? []
        : spellings.flatMap((s) =>
          nearKeys(ev, base, dots, [...segs.slice(0, i), s, ...tail], holder, () => [], false)
        ).slice(0, 3);
      if (both.length > 0) return both;
      // a key its longer or shorter spelling holds the rest of (`${trainer.sweep_key}` for
      // `trainer_cfg.sweep_key`, too far apart for the edit distance)
      const spelt = tail.length === 0 ? [] : names
        .filter((n) => n.startsWith(segs[i]) || segs[i].startsWith(n))
        .map((s) => head + s + rest)
        .filter((k) => usable(keyNode(ev, base, k), holder)).slice(0, 3);
      if (spelt.length > 0) return spelt;
      const other = level();
      if (other.length > 0) return other;
      // else the key one level deeper: `${hz}` in an option written for Hydra 1.0, whose
      // header-less options were global, where it now lands at its group (`robot_client.hz`)
      const deeper = names.filter((n) => {
        const child = entries.get(canonicalKey(n))!.node;
        return child.kind === "dict" && child.entries.has(canonicalKey(segs[i]));
      }).map((n) => head + n + "." + segs[i] + rest)
        .filter((k) => usable(keyNode(ev, base, k), holder)).slice(0, 3);
      if (deeper.length > 0 || tail.length === 0 || !partial) return deeper;
      // else the misspelt segment alone, as an override's is (`${datset.channels}`: 'dataset',
      // which has no `channels` either; checker w39)
      return suggest(segs[i], names).map((s) => head + s);
    }
  } catch {
    return []; // the way there fails in another way: that error is not this one's
  }
  return [];
}

/**
 * The node the dotted `key` names, when it is there: its parent selects to a
 * dict holding its last segment, or a list with that index. The node itself
 * is not resolved (a suggestion is not to run its resolvers).
 */
function keyNode(ev: Evaluator, base: Loc, key: string): Node | undefined {
  const cut = key.lastIndexOf(".");
  const last = key.slice(cut + 1);
  // `..lr`: the dots before the last key are its parent's level (`..`), not the root (``)
  const up = key.slice(0, cut);
  try {
    const parent = ev.trySelect(base, /^\.*$/.test(up) && cut >= 0 ? key.slice(0, cut + 1) : up);
    if (parent === "missing-key") return undefined;
    const node = parent.node;
    if (node.kind === "dict") return node.entries.get(canonicalKey(last))?.node;
    if (node.kind !== "list" || !INT_RE.test(last)) return undefined;
    return node.items[Number(last.replaceAll("_", ""))];
  } catch {
    return undefined;
  }
}

/**
 * Whether a node found for a suggestion is worth suggesting: there, not the
 * interpolation's own node (`r: {data_dir: ${data_dir}}` is not to read
 * itself), nor a copy of the same interpolation (it fails the same way).
 */
function usable(node: Node | undefined, holder: Node | undefined): boolean {
  if (node === undefined || node === holder) return false;
  return !(holder?.kind === "value" && holder.type === "str" && node.kind === "value" &&
    node.type === "str" && node.value === holder.value);
}
