/**
 * Interpolated defaults (`server_db: ${server}_${db}`): resolved from the
 * group choices known when the containing defaults list is processed.
 *
 * @module
 */

import { ErrorCode, StrataError, thrownText } from "../errors.ts";
import { dict, list, nil, type Node, str } from "../node.ts";
import { resolveAt } from "../resolve/mod.ts";
import { ConfigDefault, type InputDefault } from "./element.ts";

/** The choices visible to interpolations in one defaults list. */
export interface ChoiceMap {
  choices: Map<string, string | null>;
  legacy: unknown[];
}

const PATTERN = /\$\{\s*([^{}]*?)\s*\}/g;

/**
 * The choice keys a defaults value reads, in the order written (`${a}_${b}` reads `a`, `b`),
 * matched as {@link resolveChoiceInterpolation} substitutes them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { choiceKeysRead } from "./choice_interpolation.ts";
 * assert.deepEqual(choiceKeysRead("${generator}_${ projector }"), ["generator", "projector"]);
 * ```
 */
export function choiceKeysRead(val: string): string[] {
  return [...val.matchAll(PATTERN)].map((m) => m[1].trim());
}

const LEGACY = /\$\{defaults\.\d+\./;

function substitute(val: string, known: ChoiceMap, origin: InputDefault["origin"]): string {
  const out = val.replace(PATTERN, (whole, key: string) => {
    const choice = known.choices.get(key.trim());
    return typeof choice === "string" ? choice : whole;
  });
  if (out.includes("${")) return viaResolver(val, known, origin);
  return out;
}

/** The defaults list as Hydra 1.0's interpolations read it: `[{db: mysql}, "server/apache"]`. */
function legacyList(items: unknown[]): Node {
  return list(items.map((x) =>
    typeof x === "string" ? str(x) : dict(
      Object.entries(x as Record<string, unknown>).map((
        [k, v],
      ): [string, Node] => [k, typeof v === "string" ? str(v) : nil()]),
    )
  ));
}

/** Resolver calls (`${oc.decode:x}`) are resolved by OmegaConf's rules over the known choices. */
function viaResolver(
  val: string,
  known: ChoiceMap,
  origin: InputDefault["origin"],
  legacy = false,
): string {
  const entries: [string, Node][] = [...known.choices].map((
    [k, v],
  ) => [k, v === null ? nil() : str(v)]);
  // Hydra 1.0's `${defaults.0.db}` reads the list itself (Hydra's known_choices.defaults)
  if (legacy) entries.push(["defaults", legacyList(known.legacy)]);
  entries.push(["_dummy_", str(val)]);
  let got: Node;
  try {
    got = resolveAt(dict(entries), ["_dummy_"]);
  } catch (e) {
    // Hydra catches OmegaConf's InterpolationResolutionError, whose subclasses are a missing
    // key, a resolver it does not know (`${mode:async}`, pytorch/rl's grpo), a `???`, and a
    // resolver that failed; anything else (a grammar error) is OmegaConf's own
    const resolution: string[] = [
      ErrorCode.InterpolationKey,
      ErrorCode.UnsupportedInterpolation,
      ErrorCode.InterpolationToMissing,
      ErrorCode.InterpolationResolution,
    ];
    if (!(e instanceof StrataError) || !resolution.includes(e.code)) {
      throw new StrataError(ErrorCode.Composition, thrownText(e), {
        origin,
      });
    }
    const keys = [...known.choices.keys()];
    const msg = keys.length > 0
      ? `Error resolving interpolation '${val}', possible interpolation keys: ${keys.join(", ")}`
      : `Error resolving interpolation '${val}'`;
    // Hydra's words, which name only the keys; what failed inside, when it is not a key (an
    // unset `${oc.env:USER}`, checker v30): said under them
    const cause = e.code === ErrorCode.InterpolationKey
      ? []
      : [{ message: `what failed: ${e.message.split("\n")[0]}`, origin: {} }];
    throw new StrataError(ErrorCode.Composition, msg, { origin, related: cause });
  }
  if (got.kind !== "value" || got.type !== "str") {
    throw new StrataError(ErrorCode.Composition, `Error resolving interpolation '${val}'`, {
      origin,
    });
  }
  return got.value as string;
}

/**
 * Resolves the interpolation in an element's option (or config path) in place.
 *
 * @throws {StrataError} `composition` for an unknown key or, unless `oldBase`
 *   (version_base 1.1: then a warning), the 1.0 form `${defaults.0.db}`.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveChoiceInterpolation } from "./choice_interpolation.ts";
 * import { GroupDefault } from "./element.ts";
 * const d = new GroupDefault("server_db", "${server}_${db}");
 * resolveChoiceInterpolation(d, { choices: new Map([["server", "apache"], ["db", "mysql"]]), legacy: [] });
 * assert.equal(d.value, "apache_mysql");
 * ```
 */
export function resolveChoiceInterpolation(
  d: InputDefault,
  known: ChoiceMap,
  oldBase?: { warn: (message: string, origin: InputDefault["origin"]) => void },
): void {
  if (d instanceof ConfigDefault) {
    const absolute = d.path.startsWith("/");
    const resolved = substitute(absolute ? d.path.slice(1) : d.path, known, d.origin);
    d.path = absolute ? `/${resolved.replace(/^\/+/, "")}` : resolved;
    return;
  }
  const name = d.name();
  if (name === null) return;
  if (LEGACY.test(name)) {
    const message = `Defaults list element '${d.overrideKey()}=${name}' is using a deprecated ` +
      `interpolation form.\nSee http://hydra.cc/docs/1.1/upgrades/1.0_to_1.1/` +
      `defaults_list_interpolation for migration information.`;
    // an app that passes no version_base (1.1) is warned and the choice resolved, as Hydra does
    if (!oldBase) throw new StrataError(ErrorCode.Composition, message, { origin: d.origin });
    oldBase.warn(message, d.origin);
    d.value = viaResolver(name, known, d.origin, true);
    return;
  }
  d.value = substitute(name, known, d.origin);
}
