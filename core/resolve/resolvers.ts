/**
 * Resolvers: OmegaConf's built-ins (`oc.env`, `oc.select`, `oc.decode`,
 * `oc.create`, `oc.dict.keys`, `oc.dict.values`, `oc.deprecated`) and the
 * registry of user resolvers written in TypeScript.
 *
 * @module
 */

import { type EnvRead, readEnv } from "../env.ts";
import { ErrorCode, isStrataError, pythonErrorClass, StrataError } from "../errors.ts";
import { loadYaml } from "../yaml/load.ts";
import { validateInterpolations } from "./validate.ts";
import { FloatKey, type Key, list, nil, type Node, str } from "../node.ts";
import { pyFloatRepr } from "../pyformat.ts";
import { OwnRoot, type ResolverCall, type ResolverImpl } from "./resolver_call.ts";
import { locFullKey, markLiteral } from "./loc.ts";
import { Fail } from "./fail.ts";
import { parseSingleElement } from "./grammar.ts";
import { GrammarError } from "./grammar_parser.ts";
import { pyStr, pyType } from "./pystr.ts";
import { fromPlain, resolvedPlain, toPlain } from "./plain.ts";

/** What a TypeScript resolver receives besides its arguments. */
export interface ResolverContext {
  /** The arguments as typed config nodes (ints and floats stay apart). */
  nodes: Node[];
  /** The arguments' source texts. */
  argTexts: string[];
  /** Full key of the node holding the interpolation. */
  fullKey: string;
  /** Emits a warning (collected by `resolveTree`'s `onWarning`). */
  warn(message: string): void;
}

/**
 * A TypeScript resolver: plain JS arguments in (ints and floats as numbers,
 * containers as plain objects/arrays, a config node's resolved where it
 * sits), a plain value or a Node out. A plain object or array returned is a
 * value whose strings are not interpolations, as OmegaConf 2.2 keeps a dict a
 * Python resolver returns; `ctx.nodes[i]` returned stays at its own place.
 */
export type ResolverFn = (args: unknown[], ctx: ResolverContext) => unknown;

/** Options of {@link registerResolver}. */
export interface RegisterOptions {
  /** Keep results by argument texts for the config, across reads (OmegaConf's use_cache). */
  useCache?: boolean;
  /** Replace an existing resolver of that name instead of failing. */
  replace?: boolean;
}

const registry = new Map<string, { fn: ResolverFn; useCache?: boolean }>();

/**
 * Registers a resolver for `${name:...}` in every later resolution.
 *
 * @example
 * ```ts
 * import { registerResolver } from "../../engine.ts";
 * registerResolver("example.add", (args) => (args as number[]).reduce((a, b) => a + b, 0), { replace: true });
 * ```
 */
export function registerResolver(name: string, fn: ResolverFn, opts: RegisterOptions = {}): void {
  // OmegaConf.register_new_resolver's checks
  if (name === "") throw new StrataError(ErrorCode.Value, "cannot use an empty resolver name");
  if (typeof fn !== "function") {
    throw new StrataError(ErrorCode.Value, `resolver '${name}' must be a function`);
  }
  if (BUILTINS.has(name) || (registry.has(name) && !opts.replace)) {
    throw new StrataError(ErrorCode.Value, `resolver '${name}' is already registered`);
  }
  registry.set(name, { fn, useCache: opts.useCache });
}

/**
 * Removes a registered resolver; returns whether it existed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unregisterResolver } from "../../engine.ts";
 * assert.equal(unregisterResolver("nope"), false);
 * ```
 */
export function unregisterResolver(name: string): boolean {
  return registry.delete(name);
}

const scoped = new WeakMap<Node, Record<string, ResolverFn>>();

/**
 * Resolvers that every resolution of the tree `root` sees, after the per-call
 * ones and before the registry: a composed config's `hydra:` and `now:`, which
 * Hydra registers for the process while its config is in use.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, scopeResolvers, viewOf } from "../../engine.ts";
 * const root = loadYaml("x: ${ask:1}");
 * scopeResolvers(root, { ask: (args) => `answer ${args[0]}` });
 * assert.equal(viewOf(root).get("x"), "answer 1");
 * ```
 */
export function scopeResolvers(root: Node, resolvers: Record<string, ResolverFn>): void {
  scoped.set(root, resolvers);
}

/**
 * The resolvers {@link scopeResolvers} gave the tree `root` (none: undefined).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml, scopedResolvers } from "../../engine.ts";
 * assert.equal(scopedResolvers(loadYaml("a: 1")), undefined);
 * ```
 */
export function scopedResolvers(root: Node): Record<string, ResolverFn> | undefined {
  return scoped.get(root);
}

/**
 * Wraps a TypeScript resolver so the evaluator can call it, as OmegaConf 2.2
 * calls a Python one: a container argument is read where it sits (its
 * `${..x}` relative to it); a plain value returned is opaque (its strings are
 * never interpolations); a node argument returned keeps its place.
 */
function adaptResolver(fn: ResolverFn): ResolverImpl {
  return (call) => {
    const args = call.args.map((a, i) => {
      const at = call.argLocs?.[i];
      return at && a.kind !== "value" ? resolvedPlain(call.ev, { node: a, loc: at }) : toPlain(a);
    });
    const out = fn(args, {
      nodes: call.args,
      argTexts: call.argTexts,
      fullKey: locFullKey(call.loc),
      warn: (m) => call.ev.warnings.push(m),
    });
    if (out instanceof OwnRoot) {
      const loc = call.ev.ownRootLoc(out, call.loc);
      return { node: loc.node, loc };
    }
    if (!isNode(out)) return markLiteral(fromPlain(out));
    const i = call.args.indexOf(out);
    const at = i >= 0 ? call.argLocs?.[i] : undefined;
    return at ? { node: out, loc: at } : out;
  };
}

function isNode(x: unknown): x is Node {
  return typeof x === "object" && x !== null && "kind" in x &&
    ["dict", "list", "value"].includes((x as { kind: string }).kind);
}

/**
 * The resolver table of one resolution: per-call resolvers first, then the
 * registry, then the built-ins.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolverTable } from "./resolvers.ts";
 * assert.ok(resolverTable()("oc.env") !== undefined);
 * ```
 */
export function resolverTable(perCall?: Record<string, ResolverFn>) {
  return (name: string): { impl: ResolverImpl; useCache?: boolean } | undefined => {
    const own = perCall?.[name];
    if (own) return { impl: adaptResolver(own) };
    const reg = registry.get(name);
    if (reg) return { impl: adaptResolver(reg.fn), useCache: reg.useCache };
    const b = BUILTINS.get(name);
    return b ? { impl: b } : undefined;
  };
}

function arity(call: ResolverCall, fn: string, params: string[], required: number): void {
  const n = call.args.length;
  if (n < required) {
    const miss = params.slice(n, required).map((p) => `'${p}'`).join(" and ");
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `TypeError raised while resolving interpolation: ${fn}() missing ${
        required - n
      } required positional argument${required - n > 1 ? "s" : ""}: ${miss}`,
    );
  }
  if (n > params.length) {
    const takes = required === params.length
      ? `${required}`
      : `from ${required} to ${params.length}`;
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `TypeError raised while resolving interpolation: ${fn}() takes ${takes} positional argument${
        params.length > 1 ? "s" : ""
      } but ${n} were given`,
    );
  }
}

function typeError(msg: string): Fail {
  return new Fail(
    ErrorCode.InterpolationResolution,
    `TypeError raised while resolving interpolation: ${msg}`,
  );
}

/**
 * Python's type name of argument `i` as a resolver receives it: a `[...]` or
 * `{...}` written in the call is a plain list or dict, a container reached
 * through `${...}` a ListConfig or DictConfig.
 */
function argType(call: ResolverCall, i: number): string {
  const a = call.args[i];
  if (a.kind !== "value" && /^\s*[[{]/.test(call.argTexts[i] ?? "")) {
    return a.kind === "list" ? "list" : "dict";
  }
  return pyType(a);
}

function strArg(n: Node): string | undefined {
  return n.kind === "value" && n.type === "str" ? n.value as string : undefined;
}

const env: ResolverImpl = (call) => {
  arity(call, "env", ["key", "default"], 1);
  const key = strArg(call.args[0]);
  // os.environ[key] raises TypeError for a key that is not a str, default or not
  if (key === undefined) throw typeError(`str expected, not ${argType(call, 0)}`);
  let read: EnvRead;
  try {
    read = readEnv(key);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotCapable)) throw e;
    read = { denied: "strata was not given env access; grant it with --allow-env" };
  }
  if ("value" in read) return str(read.value);
  // A denied variable reads as unset: the default when there is one.
  if (call.args.length > 1) {
    const d = call.args[1];
    return d.kind === "value" && d.type === "null" ? nil() : str(pyStr(d));
  }
  throw new Fail(
    ErrorCode.InterpolationResolution,
    "denied" in read
      ? `Access to environment variable '${key}' denied: ${read.denied}`
      : `KeyError raised while resolving interpolation: "Environment variable '${key}' not found"`,
  );
};

const select: ResolverImpl = (call) => {
  arity(call, "select", ["key", "default"], 1);
  const a = call.args[0];
  const key = strArg(a) ?? (a.kind === "value" && a.type === "missing" ? "???" : undefined);
  if (key === undefined) throw selectKeyError(call);
  const found = call.ev.trySelect(call.loc.parent ?? call.ev.root, key, true, true);
  const useDefault = found === "missing-key" ||
    (found.node.kind === "value" && found.node.type === "missing");
  if (useDefault) return call.args.length > 1 ? call.args[1] : nil();
  return found as Exclude<typeof found, "missing-key">;
};

/**
 * OmegaConf's select calls `key.startswith(".")`: a key that is not a str is
 * the AttributeError that raises, or for a container reached through `${...}`
 * the error its attribute access raises.
 */
function selectKeyError(call: ResolverCall): Fail {
  const type = argType(call, 0);
  const why = type === "DictConfig"
    ? "ConfigAttributeError raised while resolving interpolation: Missing key startswith"
    : type === "ListConfig"
    ? "ConfigAttributeError raised while resolving interpolation: ListConfig does not support attribute access"
    : `AttributeError raised while resolving interpolation: '${type}' object has no attribute 'startswith'`;
  return new Fail(ErrorCode.InterpolationResolution, why);
}

const decode: ResolverImpl = (call) => {
  arity(call, "decode", ["expr"], 1);
  const a = call.args[0];
  if (a.kind === "value" && a.type === "null") return nil();
  const expr = strArg(a);
  if (expr === undefined) {
    throw typeError(
      `\`oc.decode\` can only take strings or None as input, but \`${pyStr(a)}\` is of type ${
        argType(call, 0)
      }`,
    );
  }
  let parsed;
  try {
    parsed = parseSingleElement(expr);
  } catch (e) {
    if (!(e instanceof GrammarError)) throw e;
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `GrammarParseError raised while resolving interpolation: ${e.message}`,
    );
  }
  for (const w of parsed.warnings) call.ev.warnSeq(w);
  // a decoded dict or list is a plain Python value to OmegaConf, not a config
  const out = call.ev.element(parsed.el, call.loc);
  return out.kind === "value" ? out : markLiteral(out);
};

const create: ResolverImpl = (call) => {
  arity(call, "create", ["obj"], 1);
  let a = call.args[0];
  const text = strArg(a);
  if (text !== undefined) {
    try {
      a = loadYaml(text);
      validateInterpolations(a);
    } catch (e) {
      throw new Fail(
        ErrorCode.InterpolationResolution,
        `${
          isStrataError(e) ? pythonErrorClass(e.code) : (e as Error).name
        } raised while resolving interpolation: ${(e as Error).message}`,
      );
    }
  }
  // OmegaConf.create(None) is a DictConfig holding None: it reads, and prints, as None
  if (a.kind === "value" && a.type === "null") return a;
  if (a.kind === "value") {
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `ValidationError raised while resolving interpolation: Object of unsupported type: '${
        pyType(a)
      }'`,
    );
  }
  return a;
};

function dictInput(call: ResolverCall, name: string) {
  arity(call, name === "oc.dict.keys" ? "keys" : "values", ["key"], 1);
  const key = strArg(call.args[0]);
  if (key === undefined) {
    const a = call.args[0];
    throw typeError(
      `\`${name}\` requires a string as input, but obtained \`${pyStr(a)}\` of type: ${
        argType(call, 0)
      }`,
    );
  }
  const found = call.ev.trySelect(call.loc.parent ?? call.ev.root, key, false, true);
  if (found === "missing-key") {
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `ConfigKeyError raised while resolving interpolation: Key not found: '${key}'`,
    );
  }
  if (found.node.kind !== "dict") {
    throw typeError(`\`${name}\` cannot be applied to objects of type: ${pyType(found.node)}`);
  }
  return found as { node: Extract<Node, { kind: "dict" }>; loc: typeof call.loc };
}

const dictKeys: ResolverImpl = (call) => {
  const d = dictInput(call, "oc.dict.keys");
  return list([...d.node.entries.values()].map((e) => fromPlain(e.key)));
};

/** Python's `str(key)`, as OmegaConf writes it into `${key.k}`. */
function pyStrOfKey(k: Key): string {
  if (typeof k === "string") return k;
  if (k === null) return "None";
  if (typeof k === "boolean") return k ? "True" : "False";
  return k instanceof FloatKey ? pyFloatRepr(k.value) : String(k);
}

/**
 * OmegaConf's `dict_values`: a list of `${key.k}` interpolations placed where
 * the call is (a relative key gets one more dot: the list is one level
 * deeper). They resolve when the list is read, and a string shows them as
 * they are (`x=['${d.a}', '${d.b}']`), as in OmegaConf.
 */
const dictValues: ResolverImpl = (call) => {
  const d = dictInput(call, "oc.dict.values");
  const key = strArg(call.args[0])!;
  const at = key.startsWith(".") ? `.${key}` : key;
  const origin = call.loc.node.origin; // an item that does not resolve points at the call
  return list(
    [...d.node.entries.values()].map((e) => str(`\${${at}.${pyStrOfKey(e.key)}}`, origin)),
  );
};

const deprecated: ResolverImpl = (call) => {
  arity(call, "deprecated", ["key", "message"], 1);
  const key = strArg(call.args[0]);
  if (key === undefined) {
    throw typeError(
      `oc.deprecated: interpolation key type is not a string (${argType(call, 0)})`,
    );
  }
  const msgArg = call.args[1];
  const message = msgArg === undefined
    ? "'$OLD_KEY' is deprecated. Change your code and config to use '$NEW_KEY'"
    : strArg(msgArg);
  if (message === undefined) {
    throw typeError(
      `oc.deprecated: interpolation message type is not a string (${argType(call, 1)})`,
    );
  }
  const oldKey = locFullKey(call.loc);
  const found = call.ev.trySelect(call.loc.parent ?? call.ev.root, key, false, true);
  if (found === "missing-key") {
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `ConfigKeyError raised while resolving interpolation: In oc.deprecated resolver at '${oldKey}': Key not found: '${key}'`,
    );
  }
  const newKey = locFullKey(found.loc);
  const text = message.replace(
    /\$(OLD_KEY|NEW_KEY)\b|\$\{(OLD_KEY|NEW_KEY)\}/g,
    (_m, a, b) => ((a ?? b) === "OLD_KEY" ? oldKey : newKey),
  );
  call.ev.warnings.push(`UserWarning: ${text}`);
  return found;
};

const BUILTINS = new Map<string, ResolverImpl>([
  ["oc.env", env],
  ["oc.select", select],
  ["oc.decode", decode],
  ["oc.create", create],
  ["oc.dict.keys", dictKeys],
  ["oc.dict.values", dictValues],
  ["oc.deprecated", deprecated],
]);
