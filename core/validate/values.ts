/**
 * The value checks of one composition: every interpolation is resolved on
 * its own (so every broken one is reported, not the first), `???` left unset
 * is reported, and the result becomes the plain data the schema checks read,
 * each position mapped back to its origin.
 *
 * @module
 */

import { ErrorCode, isStrataError } from "../errors.ts";
import { canonicalKey, dict, type Node, type Origin, str } from "../node.ts";
import type { Composition } from "../compose/compose.ts";
import { hydraResolvers } from "../compose/resolvers.ts";
import { childLoc, Evaluator, type Loc, locFullKey } from "../resolve/evaluate.ts";
import { Fail } from "../resolve/fail.ts";
import { materialize } from "../resolve/resolve.ts";
import { type ResolverFn, resolverTable } from "../resolve/resolvers.ts";
import { fromError, type Problem } from "./problems.ts";
import { SETTINGS_FILE } from "./settings.ts";

/** What an opaque resolver returns: a value no check looks into. */
const OPAQUE = "\u0000strata-opaque\u0000";

/** The composed config as plain data, with where each position came from. */
export interface CheckedValues {
  /** JSON-like data (numbers for ints and floats), as JSON Schema sees it. */
  json: unknown;
  /** The same data with ints as BigInt, as CEL sees it (by JSON pointer of the container). */
  cel: Map<string, unknown>;
  /** JSON pointer (`/model/lr`) → origin of the node there. */
  origins: Map<string, Origin>;
  /** Pointers whose value is unknown (opaque resolvers, `???`, broken interpolations). */
  unknown: Set<string>;
}

/** Resolver options of a validation. */
export interface ValueOptions {
  /** Resolvers written in TypeScript (settings' module or `--resolvers`). */
  resolvers: Record<string, ResolverFn>;
  /** Resolvers declared opaque: called with checked arguments, result unchecked. */
  opaque: string[];
}

/**
 * The JSON pointer segment of a key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointerSegment } from "./values.ts";
 * assert.equal(pointerSegment("a/b~c"), "a~1b~0c");
 * ```
 */
export function pointerSegment(key: unknown): string {
  return String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

function undeclared(p: Problem, name: string): Problem {
  return {
    ...p,
    message: `${p.message}: declare it in ${SETTINGS_FILE} (resolvers: {opaque: [${name}]} ` +
      `to leave its results unchecked, or resolvers: {module: FILE.ts} to implement it) ` +
      `or pass --resolvers FILE.ts`,
  };
}

/**
 * Resolves and walks a composition's config, appending problems.
 *
 * @example
 * ```ts ignore
 * const values = checkValues(compose({ configDir: "conf", configName: "config" }), opts, problems);
 * ```
 */
export function checkValues(c: Composition, opts: ValueOptions, out: Problem[]): CheckedValues {
  const root = dict();
  for (const [k, e] of c.config.entries) root.entries.set(k, e);
  root.entries.set(canonicalKey("hydra"), { key: "hydra", node: c.hydra });
  const perCall: Record<string, ResolverFn> = { ...hydraResolvers(c.hydra), ...opts.resolvers };
  for (const name of opts.opaque) perCall[name] = () => str(OPAQUE);
  const ev = new Evaluator(root, resolverTable(perCall));
  const result: CheckedValues = {
    json: undefined,
    cel: new Map(),
    origins: new Map(),
    unknown: new Set(),
  };

  const report = (e: unknown, loc: Loc) => {
    let p: Problem;
    if (e instanceof Fail) {
      p = {
        severity: "error",
        code: e.code,
        message: e.message,
        fullKey: e.fullKey ?? locFullKey(loc),
      };
      if (loc.node.origin) p.origin = loc.node.origin;
    } else if (isStrataError(e)) p = { ...fromError(e), origin: e.origin ?? loc.node.origin };
    else throw e;
    // `${db.host}` fails because db.host points nowhere: report only db.host itself.
    const missingKey = /^Interpolation key '(.+)' not found/.exec(p.message)?.[1];
    const text = loc.node.kind === "value" ? String(loc.node.value) : "";
    if (missingKey !== undefined && !text.includes(missingKey)) return;
    if (p.code === ErrorCode.InterpolationToMissing) p.severity = "warning";
    if (p.code === ErrorCode.UnsupportedInterpolation) {
      p = undeclared(p, /type (\S+)/.exec(p.message)?.[1] ?? "NAME");
    }
    out.push(p);
  };

  // Returns [json, cel] of a node; `resolved` nodes have no interpolations left.
  const walk = (loc: Loc, pointer: string, resolved: boolean): [unknown, unknown] => {
    let node: Node = loc.node;
    if (node.origin && !result.origins.has(pointer)) result.origins.set(pointer, node.origin);
    if (node.kind === "value" && node.type === "missing") {
      result.unknown.add(pointer);
      out.push({
        severity: "warning",
        code: ErrorCode.MissingValue,
        message: "Missing mandatory value (???)",
        fullKey: locFullKey(loc),
        ...(node.origin ? { origin: node.origin } : {}),
      });
      return [null, null];
    }
    if (!resolved && node.kind === "value" && node.type === "str") {
      try {
        const r = ev.resolve(loc);
        if (r.node !== node) {
          node = r.node.kind === "value" ? r.node : materialize(ev, r);
          return walk({ ...loc, node: { ...node, origin: loc.node.origin } }, pointer, true);
        }
      } catch (e) {
        report(e, loc);
        result.unknown.add(pointer);
        return [null, null];
      }
    }
    if (node.kind === "value") {
      if (typeof node.value === "string" && node.value.includes(OPAQUE)) {
        result.unknown.add(pointer);
        return [null, null];
      }
      if (node.type === "int") return [Number(node.value), BigInt(node.value as number)];
      return [node.value, node.value];
    }
    if (node.kind === "list") {
      const json: unknown[] = [], cel: unknown[] = [];
      node.items.forEach((item, i) => {
        const [j, c] = walk(childLoc(loc, i, item, true), `${pointer}/${i}`, resolved);
        json.push(j);
        cel.push(c);
      });
      result.cel.set(pointer, cel);
      return [json, cel];
    }
    const json: Record<string, unknown> = {}, cel: Record<string, unknown> = {};
    for (const e of node.entries.values()) {
      const k = String(e.key);
      const [j, c] = walk(
        childLoc(loc, e.key, e.node, false),
        `${pointer}/${pointerSegment(k)}`,
        resolved,
      );
      json[k] = j;
      cel[k] = c;
    }
    result.cel.set(pointer, cel);
    return [json, cel];
  };

  const json: Record<string, unknown> = {}, cel: Record<string, unknown> = {};
  if (c.config.origin) result.origins.set("", c.config.origin);
  for (const e of c.config.entries.values()) {
    const k = String(e.key);
    const [j, v] = walk(childLoc(ev.root, e.key, e.node, false), "/" + pointerSegment(k), false);
    json[k] = j;
    cel[k] = v;
  }
  result.cel.set("", cel);
  result.json = json;
  return result;
}
