/**
 * OmegaConf's built-in resolvers: `oc.env`, `oc.select`, `oc.decode`,
 * `oc.create`, `oc.dict.keys`, `oc.dict.values`, `oc.deprecated`, each
 * failing as OmegaConf 2.2 does (its Python TypeError for a wrong argument
 * count or type). The registry of user resolvers is ./resolvers.ts's.
 *
 * @module
 */

import { type EnvRead, readEnv } from "../env.ts";
import { ErrorCode, isStrataError, pythonErrorClass } from "../errors.ts";
import { loadYaml } from "../yaml/load.ts";
import { validateInterpolations } from "./validate.ts";
import { clone, FloatKey, type Key, list, missing, nil, type Node, str } from "../node.ts";
import { pyFloatRepr } from "../pyformat.ts";
import type { ResolverCall, ResolverImpl } from "./resolver_call.ts";
import {
  isPlainResult,
  isPlainValue,
  isVirtual,
  locFullKey,
  markLiteral,
  type Resolved,
} from "./loc.ts";
import { Fail } from "./fail.ts";
import { parseConfigValue, parseSingleElement } from "./grammar.ts";
import { GrammarError } from "./grammar_parser.ts";
import { pyStr, pyType } from "./pystr.ts";
import { fromPlain } from "./plain.ts";

/**
 * The arguments OmegaConf passes a resolver by keyword, in its order (`_parent_`, `_node_`,
 * `_root_`), as the Python function declares them: after its own parameters (`after`), or as
 * keyword-only ones (`keywordOnly`, how many).
 */
interface Passed {
  after?: string[];
  keywordOnly?: number;
}

/** OmegaConf's keyword arguments, in the order it passes them. */
const KEYWORD_ORDER = ["_parent_", "_node_", "_root_"];

function arity(
  call: ResolverCall,
  fn: string,
  params: string[],
  required: number,
  passed: Passed = {},
): void {
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
  if (n <= params.length) return;
  // Python fills the parameters after the user's with the extra arguments, then finds the
  // keyword one already given: `decode() got multiple values for argument '_parent_'`
  const filled = (passed.after ?? []).slice(0, n - params.length);
  const twice = KEYWORD_ORDER.find((k) => filled.includes(k));
  if (twice !== undefined) {
    throw typeError(`${fn}() got multiple values for argument '${twice}'`);
  }
  const takes = required === params.length ? `${required}` : `from ${required} to ${params.length}`;
  const kw = passed.keywordOnly ?? 0;
  const given = kw === 0
    ? `${n} were given`
    : `${n} positional arguments (and ${kw} keyword-only argument${kw > 1 ? "s" : ""}) were given`;
  throw typeError(
    `${fn}() takes ${takes} positional argument${params.length > 1 ? "s" : ""} but ${given}`,
  );
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
  // a literal `[...]`/`{...}` argument, or a resolver's plain dict or list: Python's own types
  if (a.kind !== "value" && (/^\s*[[{]/.test(call.argTexts[i] ?? "") || isPlainValue(a))) {
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
    // Deno's permission, not strata's policy: the variable may well be set (HOME), so its
    // default would be a silent wrong answer where OmegaConf reads the value
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `Access to environment variable '${key}' denied: this program was not given env access; ` +
        "grant it with --allow-env",
    );
  }
  if ("value" in read) return str(read.value);
  // A variable --no-env or --env-allow denies reads as unset: the default when there is one.
  if (call.args.length > 1) {
    const d = call.args[1];
    return d.kind === "value" && d.type === "null" ? nil() : str(pyStr(d));
  }
  throw new Fail(
    ErrorCode.InterpolationResolution,
    "denied" in read
      ? `Access to environment variable '${key}' denied: ${read.denied}`
      : `KeyError raised while resolving interpolation: "Environment variable '${key}' not found"` +
        (read.note === undefined ? "" : ` (${read.note})`),
  );
};

const select: ResolverImpl = (call) => {
  arity(call, "select", ["key", "default"], 1, { keywordOnly: 1 });
  const a = call.args[0];
  const key = strArg(a) ?? (a.kind === "value" && a.type === "missing" ? "???" : undefined);
  if (key === undefined) throw selectKeyError(call);
  const found = call.ev.trySelect(call.loc.parent ?? call.ev.root, key, true, true);
  const useDefault = found === "missing-key" ||
    (found.node.kind === "value" && found.node.type === "missing");
  if (useDefault) {
    if (call.args.length < 2) return nil();
    // a dict or list default is the plain Python value select returns, not a config: its
    // strings stay as written (`{k: "\${x}"}` keeps `${x}`), as oc.decode's (checker v30)
    const d = call.args[1];
    // (a config node given as `${nb}` stays that node: OmegaConf passes the DictConfig through)
    return d.kind === "value" || call.argLocs?.[1] !== undefined ? d : markLiteral(d);
  }
  // select_value gives a scalar's value (a new node where the call is), a container's node
  return found.node.kind === "value" ? found.node : found;
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
  arity(call, "decode", ["expr"], 1, { after: ["_parent_", "_node_"] });
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
  for (const w of parsed.warnings) call.ev.warnSeq(w, call.loc);
  const el = parsed.el;
  if (el.t === "prim" && el.toks.length === 1 && "t" in el.toks[0]) {
    // one interpolation (`${a}`): its node itself, a config that to_object resolves
    return call.ev.interp(el.toks[0], call.loc);
  }
  // a decoded dict or list is a plain Python value to OmegaConf, not a config
  const out = call.ev.element(el, call.loc);
  return out.kind === "value" ? out : markLiteral(out);
};

const create: ResolverImpl = (call) => {
  arity(call, "create", ["obj"], 1, { after: ["_parent_"] });
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
  // a resolver's plain dict or list (oc.decode's, a user resolver's) becomes a config, as
  // OmegaConf.create makes a DictConfig of it: a copy, no longer a plain value
  return withMissing(isPlainValue(a) ? clone(a) : a);
};

/**
 * A grammar literal's `???` as OmegaConf.create reads it: the missing value,
 * not the string (`${oc.create:{x: ???}}`, then `x` is missing). Copies only
 * what changes.
 */
function withMissing(node: Node): Node {
  if (node.kind === "value") {
    return node.type === "str" && node.value === "???" ? missing(node.origin) : node;
  }
  if (node.kind === "list") {
    const items = node.items.map(withMissing);
    return items.every((n, i) => n === node.items[i]) ? node : { ...node, items };
  }
  let entries: typeof node.entries | undefined;
  for (const [k, e] of node.entries) {
    const n = withMissing(e.node);
    if (n === e.node) continue;
    entries ??= new Map(node.entries);
    entries.set(k, { key: e.key, node: n });
  }
  return entries === undefined ? node : { ...node, entries };
}

function dictInput(call: ResolverCall, name: string) {
  const keys = name === "oc.dict.keys";
  arity(call, keys ? "keys" : "values", ["key"], 1, {
    after: keys ? ["_parent_"] : ["_root_", "_parent_"],
  });
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
  // OmegaConf selects with throw_on_missing: a `???` there is that key's missing value
  if (found.node.kind === "value" && found.node.type === "missing") {
    throw new Fail(
      ErrorCode.InterpolationResolution,
      "MissingMandatoryValue raised while resolving interpolation: Missing mandatory value: " +
        locFullKey(found.loc),
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
  const texts = [...d.node.entries.values()].map((e) => `\${${at}.${pyStrOfKey(e.key)}}`);
  // a key no interpolation can name (`c d`): OmegaConf's error while resolving the call's key,
  // not one of a list item nobody wrote (checker v30: `full key: [1]`)
  for (const t of texts) {
    try {
      parseConfigValue(t);
    } catch (e) {
      if (!(e instanceof GrammarError)) throw e;
      throw new Fail(
        ErrorCode.InterpolationResolution,
        `GrammarParseError raised while resolving interpolation: ${e.message}`,
      );
    }
  }
  return list(texts.map((t) => str(t, origin)));
};

/**
 * The full key of the node OmegaConf's `select_node` gives for `found`: a
 * resolver's value that is no config node (a scalar, a plain dict or list)
 * is wrapped at the key holding the call (`a` for `a: ${oc.env:HOME}`); a
 * config node a resolver makes (`oc.create`) is a root of its own (`''`);
 * a node of the config is where it is (`b` through `a: ${b}`).
 */
function selectedNodeKey(found: Resolved): string {
  const { node, loc } = found;
  const wrapped = isVirtual(loc.id) && (node.kind === "value" || isPlainResult(loc));
  // the result's position has the holder's parent and key: the holder's full key
  return locFullKey(wrapped ? { ...loc, id: "" } : loc);
}

const deprecated: ResolverImpl = (call) => {
  arity(call, "deprecated", ["key", "message"], 1, { keywordOnly: 2 });
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
  // select_node: a scalar or `???` on the way is the ConfigTypeError it turns into None
  const found = call.ev.trySelect(call.loc.parent ?? call.ev.root, key, true, true);
  if (found === "missing-key") {
    throw new Fail(
      ErrorCode.InterpolationResolution,
      `ConfigKeyError raised while resolving interpolation: In oc.deprecated resolver at '${oldKey}': Key not found: '${key}'`,
    );
  }
  const newKey = selectedNodeKey(found);
  const text = message.replace(
    /\$(OLD_KEY|NEW_KEY)\b|\$\{(OLD_KEY|NEW_KEY)\}/g,
    (_m, a, b) => ((a ?? b) === "OLD_KEY" ? oldKey : newKey),
  );
  call.ev.warnAt(`UserWarning: ${text}`, call.loc);
  return found;
};

/**
 * OmegaConf's built-in resolvers by name (./resolvers.ts's table looks them
 * up after the per-call ones and the registry; a name here cannot be
 * registered).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BUILTINS } from "./builtin_resolvers.ts";
 * assert.ok(BUILTINS.has("oc.env") && !BUILTINS.has("env"));
 * ```
 */
export const BUILTINS: ReadonlyMap<string, ResolverImpl> = new Map<string, ResolverImpl>([
  ["oc.env", env],
  ["oc.select", select],
  ["oc.decode", decode],
  ["oc.create", create],
  ["oc.dict.keys", dictKeys],
  ["oc.dict.values", dictValues],
  ["oc.deprecated", deprecated],
]);
