/** omegaconf/struct.json: get/set/del/pop/select/update/flags ops run in order on one config. */

import * as strata from "../../../engine.ts";
import type { Key, Node } from "../../../engine.ts";
import { matchError } from "../error_map.ts";
import { type Outcome, withEnv } from "../suite.ts";
import { diff, fromExpected, fromNode, type TV } from "../typed.ts";

/** A typed-JSON value of the corpus as a config node (what OmegaConf would wrap). */
// deno-lint-ignore no-explicit-any
function toNode(x: any): Node {
  if (x === null) return strata.nil();
  if (typeof x === "boolean") return strata.bool(x);
  if (typeof x === "bigint") return strata.int(x);
  if (typeof x === "number") return strata.int(x);
  if (typeof x === "string") return x === "???" ? strata.missing() : strata.str(x);
  if (Array.isArray(x)) return strata.list(x.map(toNode));
  if ("$float" in x) {
    const t = String(x.$float);
    return strata.float(t === "inf" ? Infinity : t === "-inf" ? -Infinity : Number(t));
  }
  if ("$dict" in x) {
    return strata.dict((x.$dict as unknown[][]).map(([k, v]) => [toKey(k), toNode(v)]));
  }
  return strata.dict(Object.entries(x).map(([k, v]) => [k, toNode(v)]));
}

function toKey(k: unknown): Key {
  if (k !== null && typeof k === "object" && "$float" in k) {
    return new strata.FloatKey(Number((k as { $float: string }).$float));
  }
  return k as Key;
}

function toTV(x: unknown): TV {
  if (x === undefined || x === null) return { t: "null" };
  if (typeof x === "object" && "kind" in (x as object)) return fromNode(x as Node);
  if (typeof x === "boolean") return { t: "bool", v: x };
  if (typeof x === "number" || typeof x === "bigint") return { t: "int", v: String(x) };
  if (typeof x === "string") return { t: "str", v: x };
  if (Array.isArray(x)) return { t: "list", v: x.map(toTV) };
  return fromNode(x as Node);
}

function pathOf(key: string | undefined): string[] {
  return key === undefined || key === "" ? [] : key.split(".");
}

// deno-lint-ignore no-explicit-any
function runOp(cfg: Node, op: any): unknown {
  const path = pathOf(op.key);
  const parent = path.slice(0, -1);
  const last = path.at(-1) as string;
  const dflt = "default" in op ? toNode(op.default) : undefined;
  switch (op.op) {
    case "get":
      return strata.getItem(cfg, path);
    case "getattr":
      return strata.getItem(cfg, path, "attr");
    case "get_method":
      return strata.getMethod(cfg, parent, last, dflt);
    case "set":
      return strata.setValue(cfg, parent, last, toNode(op.value));
    case "setattr":
      return strata.setValue(cfg, parent, last, toNode(op.value), { access: "attr" });
    case "del":
      return strata.deleteKey(cfg, parent, last);
    case "pop":
      return strata.pop(cfg, parent, last, dflt);
    case "in":
      return strata.contains(cfg, parent, last);
    case "select":
      return strata.select(cfg, op.key, {
        default: dflt,
        throwOnMissing: op.throw_on_missing,
        throwOnResolutionFailure: op.throw_on_resolution_failure,
      });
    case "update":
      return strata.update(cfg, op.key, toNode(op.value), {
        merge: op.merge,
        forceAdd: op.force_add,
      });
    case "is_missing":
      return strata.isMissing(cfg, parent, last);
    case "is_interpolation":
      return strata.isInterpolationAt(cfg, parent, last);
    case "missing_keys":
      return strata.missingKeys(cfg);
    case "set_struct":
      return strata.setStruct(cfg, path, op.value);
    case "set_readonly":
      return strata.setReadonly(cfg, path, op.value);
    case "is_struct":
      return strata.isStruct(cfg, path);
    case "is_readonly":
      return strata.isReadonly(cfg, path);
    case "merge_with":
      return strata.mergeInto(cfg, path, strata.loadYaml(op.value));
    case "keys":
      return strata.keysAt(cfg, path);
    case "len":
      return strata.lengthAt(cfg, path);
    case "append":
      return strata.append(cfg, path, toNode(op.value));
    case "to_container":
      return op.resolve ? strata.resolveAt(cfg, path) : nodeAt(cfg, path);
    default:
      throw new Error(`unknown op ${op.op}`);
  }
}

function nodeAt(cfg: Node, path: string[]): Node {
  let n = cfg;
  for (const seg of path) {
    if (n.kind === "dict") n = n.entries.get(strata.canonicalKey(seg))!.node;
    else if (n.kind === "list") n = n.items[Number(seg)];
  }
  return n;
}

/** Runs one case. */
// deno-lint-ignore no-explicit-any
export function runCase(c: any): Promise<Outcome> {
  return withEnv(c.env, () => {
    const cfg = strata.loadYaml(c.yaml);
    if (c.struct) strata.setStruct(cfg, [], true);
    if (c.readonly) strata.setReadonly(cfg, [], true);
    const fails: string[] = [];
    (c.ops as unknown[]).forEach((op, i) => {
      const want = c.expected[i];
      let got: unknown;
      try {
        got = runOp(cfg, op);
      } catch (e) {
        const why = want?.error
          ? matchError(e, want.error)
          : `unexpected error: ${(e as Error).message}`;
        if (why) fails.push(`op ${i}: ${why}`);
        return;
      }
      if (want?.error) fails.push(`op ${i}: expected ${want.error.type}, got a value`);
      else {
        const d = diff(toTV(got), fromExpected(want));
        if (d) fails.push(`op ${i}${d}`);
      }
    });
    const d = diff(fromNode(cfg), fromExpected(c.final));
    if (d) fails.push(`final${d}`);
    return fails.length ? fails.join("; ") : undefined;
  });
}
