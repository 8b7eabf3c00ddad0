/**
 * A key `strata explain` reaches through a node interpolation: with
 * `server.replica: ${db}`, `server.replica.host` is no node of the composed
 * tree, yet `compose -p server.replica.host` prints db.host, as
 * `OmegaConf.select` reads it. The steps say which interpolation led where.
 *
 * @module
 */

import type { Composition, DefaultsInfo } from "../compose/compose.ts";
import { dereferencePackage } from "../compose/resolvers.ts";
import { StrataError } from "../errors.ts";
import { fullKey, isInterpolation, type Key, type Node } from "../node.ts";
import type { ResolverFn } from "../resolve/mod.ts";
import { splitKey } from "../ops/select.ts";
import { nodeAt } from "../ops/walk.ts";
import { type Element, parseConfigValue, type Part } from "../resolve/grammar.ts";
import { type Layer, layersOf } from "./layers.ts";

/** A node interpolation KEY is reached through. */
export interface ThroughStep {
  /** The full key holding the interpolation (`server.replica`). */
  key: string;
  /** The interpolation as composed (`${db}`), with its origin. */
  value: Node;
  /**
   * The key read in the node it refers to (`db.host`); none when a resolver
   * made that node (it is no key of the config) or it does not resolve.
   */
  target?: string;
  /** The layers that set `target`, in merge order. */
  layers: Layer[];
}

/** How KEY is reached through node interpolations. */
export interface Through {
  steps: ThroughStep[];
  /** The path of the key finally read (`["db", "host"]`), when it is a key of the config. */
  path?: Key[];
  /** The key read through the steps that is not in the config (`db.nope`). */
  notFound?: string;
  /** Why the last step's interpolation does not resolve. */
  error?: StrataError;
}

/** The resolvers whose first argument is a key they read (`${oc.select:a.b,default}`). */
const SELECTING = new Set(["oc.select", "oc.deprecated", "oc.dict.keys", "oc.dict.values"]);

/**
 * The absolute keys an interpolation string refers to (`${a.b}`, `${..x}` from `key`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { references } from "./through.ts";
 * assert.deepEqual(references("${..x}:${oc.select:db.host,h}", "a.b"), ["x", "db.host"]);
 * assert.deepEqual(references("${...x}", "a.b"), []); // past the root
 * assert.deepEqual(references("${t.${which}}:${oc.create:{lr: ${t.lr}}}", "a"), ["which", "t.lr"]);
 * // with the plain values of the keys a dynamic key reads, the key it reads too
 * assert.deepEqual(references("${t.${which}}", "a", (k) => k === "which" ? "b" : undefined), ["which", "t.b"]);
 * assert.deepEqual(references("${oc.select:${which},0}", "a", (k) => k === "which" ? "t.b" : undefined), ["t.b", "which"]);
 * ```
 */
export function references(
  text: string,
  key: string,
  plainValue?: (ref: string) => string | undefined,
): string[] {
  let parts: Part[];
  try {
    parts = parseConfigValue(text).parts;
  } catch {
    return [];
  }
  const out: string[] = [];
  /** `ref` from `key`, absolute; undefined past the root. */
  const absolute = (ref: string): string | undefined => {
    const dots = /^\.*/.exec(ref)![0].length;
    if (dots === 0) return ref;
    const path = splitKey(key);
    // one dot too many climbs past the root: it refers to nothing (the value's error says so)
    if (dots > path.length) return undefined;
    const base = path.slice(0, -dots);
    return [...base, ref.slice(dots)].filter((s) => s !== "").join(".");
  };
  const push = (ref: string) => {
    const abs = absolute(ref);
    if (abs !== undefined) out.push(abs);
  };
  /** The text a `${k}` inside a key stands for, when `k` holds a plain value. */
  const nestedText = (part: Part): string | undefined => {
    if (typeof part === "string") return part;
    if (part.t !== "node" || !part.key.every((k) => typeof k === "string")) return undefined;
    const abs = absolute((part.key as string[]).join(""));
    return abs === undefined ? undefined : plainValue?.(abs);
  };
  const visit = (ps: Part[]) => {
    for (const p of ps) {
      if (typeof p === "string") continue;
      if (p.t === "res") {
        // oc.select and oc.dict.* read the node their first argument names
        const name = p.name.every((n) => typeof n === "string") ? p.name.join("") : "";
        const first = p.args[0];
        if (
          SELECTING.has(name) && first?.el?.t === "prim" && first.el.toks.every((t) => !("t" in t))
        ) push(first.text.trim());
        else if (SELECTING.has(name) && first?.el?.t === "prim") {
          // `${oc.select:${which},0}`: the key `which` holds, when it holds a plain value (v35)
          const parts = first.el.toks.filter((t) => "t" in t || t.k !== "WS");
          const text = parts.length === 1 && "t" in parts[0]
            ? nestedText(parts[0] as Part)
            : undefined;
          if (text !== undefined) push(text.trim());
        }
        for (const a of p.args) element(a.el);
        continue;
      }
      // `${training.${which}}`: the key it reads depends on `which`, which it reads for sure
      if (!p.key.every((k) => typeof k === "string")) {
        visit(p.key.filter((k) => typeof k !== "string"));
        // and, where those hold plain values, the key it reads with them
        const texts = plainValue === undefined ? [] : p.key.map(nestedText);
        if (texts.length > 0 && texts.every((t) => t !== undefined)) push(texts.join(""));
        continue;
      }
      push((p.key as string[]).join(""));
    }
  };
  // an argument's interpolations, also inside a list or dict (`${oc.create:{lr: ${t.lr}}}`)
  const element = (el: Element | null): void => {
    if (el === null) return;
    if (el.t === "prim") visit(el.toks.filter((t) => "t" in t) as Part[]);
    else if (el.t === "quoted") visit(el.parts);
    else if (el.t === "list") { for (const a of el.items) element(a.el); }
    else for (const pair of el.pairs) element(pair.value);
  };
  visit(parts);
  return out;
}

/** `path` as a full key, its list indexes in brackets (`db.hosts[0]`). */
function keyOf(root: Node, path: readonly Key[]): string {
  let node: Node | undefined = root;
  const idx = path.map((k) => {
    const inList = node?.kind === "list";
    node = nodeAt(node, [k]);
    return inList;
  });
  return fullKey(path, idx);
}

/**
 * The node interpolations on the way to `path` in `full` (the composed config
 * with its `hydra` key), followed until a key of the config: undefined when
 * no interpolation is on the way (KEY is simply not there).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compose, defaultsTree } from "../compose/compose.ts";
 * import { dict } from "../node.ts";
 * import { throughInterpolations } from "./through.ts";
 * const conf = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${conf}/config.yaml`, "db: {host: h}\nr: ${db}\n");
 * const options = { configDir: conf, configName: "config" };
 * const c = compose(options);
 * const t = throughInterpolations(c, c.config, ["r", "host"], defaultsTree(options));
 * assert.deepEqual(t?.steps.map((s) => [s.key, s.target]), [["r", "db.host"]]);
 * assert.deepEqual(t?.path, ["db", "host"]);
 * assert.equal(throughInterpolations(c, c.config, ["x", "y"], defaultsTree(options)), undefined);
 * Deno.removeSync(conf, { recursive: true });
 * ```
 */
export function throughInterpolations(
  c: Pick<Composition, "config" | "hydra">,
  full: Node,
  path: readonly Key[],
  info: DefaultsInfo,
  opts: { resolvers?: Record<string, ResolverFn>; withHydra?: "first" } = {},
): Through | undefined {
  const steps: ThroughStep[] = [];
  const seen = new Set<string>();
  let cur = [...path];
  while (nodeAt(full, cur) === undefined) {
    // the first value on the way: the interpolation that leads on, if it is one
    let i = 1;
    let holder: Node | undefined;
    for (; i < cur.length; i++) {
      holder = nodeAt(full, cur.slice(0, i));
      if (holder === undefined || holder.kind === "value") break;
    }
    if (holder?.kind !== "value" || !isInterpolation(holder)) break;
    const key = keyOf(full, cur.slice(0, i));
    // a cycle of node interpolations fails in dereferencePackage; this only stops the loop
    if (seen.has(key)) break;
    seen.add(key);
    const step: ThroughStep = { key, value: holder, layers: [] };
    steps.push(step);
    // a lone `${a.b}` leads to a.b, which may lead on: one step each, not where the last one lands
    const refs = /^\$\{[^${}]*\}$/.test(String(holder.value))
      ? references(String(holder.value), key)
      : [];
    const next = refs.length === 1 ? splitKey(refs[0]) : undefined;
    // `${oc.dict.values:d}` is a list of `${d.<key>}`, one per key of d in order: item N of it
    // leads to d's Nth key (checker x27: explain stopped at the whole dict, printed on one line)
    const item = /^\$\{oc\.dict\.values:[^${}]*\}$/.test(String(holder.value)) && next
      ? nthKeyOf(nodeAt(full, next), cur[i])
      : undefined;
    if (item !== undefined) {
      cur = [...next!, item, ...cur.slice(i + 1)];
      step.target = keyOf(full, cur);
      step.layers = layersOf(info, step.target, cur.map(String));
      continue;
    }
    // `${lr}` leads to a float: KEY is no key below it, as OmegaConf.select finds none there
    const led = next && nodeAt(full, next);
    if (led && led.kind === "value" && !isInterpolation(led)) {
      return { steps, notFound: keyOf(full, [...next!, ...cur.slice(i)]) };
    }
    let to: Key[] | undefined;
    try {
      to = dereferencePackage(c, cur.slice(0, i), opts).treePath;
    } catch (e) {
      if (!(e instanceof StrataError)) throw e;
      return { steps, error: e };
    }
    if (to === undefined) return { steps };
    if (next !== undefined && nodeAt(full, next) !== undefined) to = next;
    cur = [...to, ...cur.slice(i)];
    step.target = keyOf(full, cur);
    step.layers = layersOf(info, step.target, cur.map(String));
  }
  if (steps.length === 0) return undefined;
  return nodeAt(full, cur) === undefined
    ? { steps, notFound: keyOf(full, cur) }
    : { steps, path: cur };
}

/** The key of `dict`'s entry at list index `index` (`oc.dict.values`' item), if there is one. */
function nthKeyOf(dict: Node | undefined, index: Key | undefined): Key | undefined {
  if (dict?.kind !== "dict" || index === undefined) return undefined;
  const n = typeof index === "number" ? index : /^\d+$/.test(String(index)) ? Number(index) : -1;
  if (n < 0) return undefined;
  let i = 0;
  for (const e of dict.entries.values()) if (i++ === n) return e.key;
  return undefined;
}
