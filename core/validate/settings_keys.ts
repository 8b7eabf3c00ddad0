/**
 * The keys of `.strata.yaml`: unknown ones refused all at once (each an error of its own for
 * validate's report), errors moved to be named from where the user is, and the opaque resolvers
 * strata computes anyway.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { type DictNode, type Origin, originOf } from "../node.ts";
import { suggest } from "../suggest.ts";
import { BUILTINS } from "../resolve/builtin_resolvers.ts";
import { keyOrigin } from "../yaml/columns.ts";
import type { Settings } from "./settings.ts";

/**
 * Refuses the keys of a settings mapping that are not `allowed`: the first unknown one is the
 * error thrown (at its key, with did-you-mean), the others its related lines and errors of their
 * own ({@link otherUnknownSettings}).
 *
 * @throws {StrataError} `value` for the first unknown key (the others its related lines and
 *   {@link otherUnknownSettings}); with `collect`, that error is pushed there instead, and the
 *   caller reads on past the unknown keys.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkKeys } from "./settings_keys.ts";
 * import { dict, str } from "../node.ts";
 * assert.throws(() => checkKeys(dict([["confg_dir", str("c")]]), ["config_dir"], "s.yaml", "", ""));
 * ```
 */
export function checkKeys(
  d: DictNode,
  allowed: string[],
  file: string,
  prefix: string,
  text: string,
  collect?: StrataError[],
): void {
  let err: StrataError | undefined;
  for (const e of d.entries.values()) {
    const k = String(e.key);
    if (allowed.includes(k)) continue;
    // at the key, not its value (nodes keep their values' places)
    const valueAt = originOf(e.node.origin);
    const at = valueAt && keyOrigin(text, valueAt, k);
    const near = suggest(k, allowed).map((s) => prefix + s);
    const one = new StrataError(ErrorCode.Value, `unknown setting '${prefix}${k}'`, {
      origin: at ?? e.node.origin ?? { file, line: 1, col: 1 },
      fullKey: prefix + k,
    });
    one.suggestions.push(...near);
    if (err === undefined) {
      err = one;
      moreUnknown.set(err, []);
    } else {
      // every unknown setting of the mapping at once: not one per run (checker v29); related
      // lines for the message, errors of their own for validate's report
      err.related.push({
        message: `unknown setting '${prefix}${k}'` +
          (near.length > 0 ? `. Did you mean ${near.map((n) => `'${n}'`).join(", ")}?` : ""),
        origin: one.origin ?? { file },
      });
      moreUnknown.get(err)!.push(one);
    }
  }
  if (err === undefined) return;
  if (collect === undefined) throw err;
  collect.push(err);
}

/**
 * A settings error with its origins (and its other unknown settings' origins) moved: the CLI
 * names the file as from where the user is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { StrataError } from "../errors.ts";
 * import { movedSettingsError } from "./settings_keys.ts";
 * const e = new StrataError("value", "bad", { origin: { file: "/p/.strata.yaml", line: 1, col: 1 } });
 * assert.equal(movedSettingsError(e, (o) => ({ ...o, file: ".strata.yaml" })).origin?.file, ".strata.yaml");
 * ```
 */
export function movedSettingsError(e: StrataError, move: (o: Origin) => Origin): StrataError {
  const moved = (x: StrataError) =>
    new StrataError(x.code, x.message, {
      ...x,
      origin: x.origin && move(x.origin),
      related: x.related.map((r) => ({ ...r, origin: move(r.origin) })),
    });
  const out = moved(e);
  const others = moreUnknown.get(e);
  if (others !== undefined) moreUnknown.set(out, others.map(moved));
  const wrong = moreErrors.get(e);
  if (wrong !== undefined) moreErrors.set(out, wrong.map((w) => movedSettingsError(w, move)));
  return out;
}

/**
 * The resolvers `resolvers.opaque` names that strata computes anyway (a resolvers module's,
 * OmegaConf's own `oc.*`), with where each is named and why: declaring them opaque changes
 * nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { computedOpaque } from "./settings_keys.ts";
 * const at = { file: ".strata.yaml", line: 2, col: 11 };
 * const found = computedOpaque({ opaqueAt: new Map([["oc.env", at], ["gpu", at], ["oc.eval", at]]) }, {});
 * assert.deepEqual(found.map((f) => f.name), ["oc.env"]);
 * ```
 */
export function computedOpaque(
  settings: Pick<Settings, "opaqueAt">,
  resolvers: Record<string, unknown>,
): { name: string; at: Origin; by: string }[] {
  const out: { name: string; at: Origin; by: string }[] = [];
  for (const [name, at] of settings.opaqueAt ?? []) {
    const by = Object.hasOwn(resolvers, name)
      ? "a resolvers module provides it"
      // (only OmegaConf's own: a project registers `oc.*` names of its own too, `oc.eval`,
      // which strata does not compute: checker x47)
      : BUILTINS.has(name)
      ? "it is OmegaConf's own"
      : undefined;
    if (by !== undefined) out.push({ name, at, by });
  }
  return out;
}

/** The other unknown settings of the mapping whose first one an error names. */
const moreUnknown = new WeakMap<StrataError, StrataError[]>();

/**
 * The unknown settings after the first of one mapping, each an error of its own (the first is
 * the error thrown, which lists them as related lines).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSettings } from "./settings.ts";
 * import { otherUnknownSettings } from "./settings_keys.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(dir + "/.strata.yaml", "confg_dir: conf\nverison_base: '1.1'\n");
 * try {
 *   readSettings(dir + "/.strata.yaml");
 * } catch (e) {
 *   assert.deepEqual(otherUnknownSettings(e as never).map((o) => o.fullKey), ["verison_base"]);
 * }
 * ```
 */
export function otherUnknownSettings(e: StrataError): StrataError[] {
  return moreUnknown.get(e) ?? [];
}

/** The other wrong settings of a file whose first one an error names. */
const moreErrors = new WeakMap<StrataError, StrataError[]>();

/**
 * `first`, with the file's other wrong settings attached (read back with
 * {@link otherSettingsErrors}): validate reports them all in one run.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { otherSettingsErrors, withOtherSettingsErrors } from "./settings_keys.ts";
 * const [a, b] = [new StrataError(ErrorCode.Value, "a"), new StrataError(ErrorCode.Value, "b")];
 * assert.deepEqual(otherSettingsErrors(withOtherSettingsErrors(a, [b])), [b]);
 * ```
 */
export function withOtherSettingsErrors(first: StrataError, rest: StrataError[]): StrataError {
  if (rest.length > 0) moreErrors.set(first, rest);
  return first;
}

/**
 * The wrong settings after the first that {@link withOtherSettingsErrors} attached.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { otherSettingsErrors } from "./settings_keys.ts";
 * assert.deepEqual(otherSettingsErrors(new StrataError(ErrorCode.Value, "a")), []);
 * ```
 */
export function otherSettingsErrors(e: StrataError): StrataError[] {
  return moreErrors.get(e) ?? [];
}
