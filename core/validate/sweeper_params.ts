/**
 * `hydra.sweeper.params` checked against the config they sweep. A multirun
 * applies each param to every job as an override (Hydra's BasicSweeper, and
 * the Optuna and Ax sweepers alike), so a param naming a key the config does
 * not have fails every job with Hydra's "Could not override", once the
 * multirun starts (lightning-hydra-template's `hparams_search/mnist_optuna`
 * sweeps `datamodule.batch_size` in a tree whose key is `data.batch_size`).
 * Validation composes no job; it reads each param's key.
 *
 * @module
 */

import type { DictNode, Node, Origin } from "../node.ts";
import { ErrorCode, isStrataError } from "../errors.ts";
import { parseOverride } from "../override/parse.ts";
import { holdsPath, missingKeySuggestions } from "../compose/value_overrides.ts";
import { type SweeperSettings, sweeperSettings } from "../sweep/master.ts";
import type { Problem } from "./problems.ts";
import { suggest } from "../suggest.ts";

/**
 * The sweeper's settings as a multirun reads them; no params when one is no string (the multirun
 * says so). With `resolve`, a param's `${...}` is resolved first, as Hydra's instantiation of the
 * sweeper does (`range(${a}, ${b})`: checker v49); one that does not resolve is read as written.
 */
function settingsOf(
  hydra: Node,
  resolve?: (path: string[]) => Node | undefined,
): Pick<SweeperSettings, "params" | "target"> {
  try {
    return sweeperSettings(hydra, resolve);
  } catch (e) {
    if (isStrataError(e)) return { params: [] };
    throw e;
  }
}

/** The params as a multirun reads them. */
function paramsOf(hydra: Node): { text: string; origin?: Origin }[] {
  return settingsOf(hydra).params;
}

/**
 * Why a param fails every multirun whatever the config: it does not parse
 * as an override (every sweeper parses it so), or it is an `interval()`,
 * which Hydra's BasicSweeper refuses (Optuna's takes it).
 */
function unreadable(text: string, target: SweeperSettings["target"]): string | undefined {
  try {
    const o = parseOverride(text);
    const basic = target === undefined || target.name.endsWith(".BasicSweeper");
    return basic && o.valueType === "INTERVAL_SWEEP"
      ? "BasicSweeper does not support sweep type : INTERVAL_SWEEP"
      : undefined;
  } catch (e) {
    if (isStrataError(e)) return e.message;
    throw e;
  }
}

/** The package path of the group a param chooses (`model`, `hydra/launcher` as `hydra.launcher`). */
function groupKey(text: string): string {
  const key = text.slice(0, text.indexOf("=")).replace(/^[+~]+/, "");
  const at = key.indexOf("@");
  return (at < 0 ? key : key.slice(at + 1)).replaceAll("/", ".");
}

/** Whether the param `key=...` chooses a config group's option (or adds one: `+group=x`). */
function choosesGroup(text: string, choices: Record<string, string | null>): boolean {
  let o;
  try {
    o = parseOverride(`${text.slice(0, text.indexOf("="))}=x`);
  } catch {
    return false;
  }
  return o.package !== null || o.key.includes("/") || Object.hasOwn(choices, o.key);
}

/**
 * Whether a job of the composition's multirun composes with keys the
 * composition lacks: a `hydra.sweeper.params` entry chooses a group option or
 * adds a key (`+seed: 1,2`). `hydra.sweep.subdir`, resolved in each job's
 * config, may then read a key the composition does not have.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { jobsMayAddKeys } from "./sweeper_params.ts";
 * const hydra = loadYaml("sweeper:\n  params:\n    model: b\n    model.k: 1,2\n");
 * assert.equal(jobsMayAddKeys(hydra, { model: "a" }), true);
 * assert.equal(jobsMayAddKeys(loadYaml("sweeper:\n  params:\n    lr: 1,2\n"), {}), false);
 * ```
 */
export function jobsMayAddKeys(hydra: Node, choices: Record<string, string | null>): boolean {
  return paramsOf(hydra).some((p) => p.text.startsWith("+") || choosesGroup(p.text, choices));
}

/**
 * The keys every job of the composition's multirun adds (`+x: 1,2`, `++x: range(3)`), when the
 * composition always sweeps (`hydra.mode: MULTIRUN`: a plain run of it is a multirun); none else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { keysEveryJobAdds } from "./sweeper_params.ts";
 * const hydra = loadYaml("mode: MULTIRUN\nsweeper:\n  params:\n    ++x: 1,2\n    lr: 1,2\n");
 * assert.deepEqual(keysEveryJobAdds(hydra), ["x"]);
 * assert.deepEqual(keysEveryJobAdds(loadYaml("sweeper:\n  params:\n    ++x: 1,2\n")), []);
 * ```
 */
export function keysEveryJobAdds(hydra: Node): string[] {
  const mode = hydra.kind === "dict" ? hydra.entries.get("mode")?.node : undefined;
  if (mode?.kind !== "value" || mode.value !== "MULTIRUN") return [];
  return paramsOf(hydra).flatMap((p) => {
    if (!p.text.startsWith("+")) return [];
    try {
      const o = parseOverride(p.text.slice(0, p.text.indexOf("=")) + "=x");
      return o.package === null && !o.key.includes("/") ? [o.key] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The problems of a composition's `hydra.sweeper.params`: a warning per param
 * that changes a key (`key=...`, no `+`, not a config group) the config does
 * not have, at the param, with Hydra's words and did-you-mean; and per param
 * a multirun cannot read (it does not parse, or BasicSweeper refuses its
 * `interval()`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadYaml } from "../yaml/load.ts";
 * import { sweeperParamProblems } from "./sweeper_params.ts";
 * const config = loadYaml("data:\n  batch_size: 32\n") as never;
 * const hydra = loadYaml("sweeper:\n  params:\n    datamodule.batch_size: choice(32, 64)\n");
 * const [p] = sweeperParamProblems({ config, hydra, choices: {} });
 * assert.match(p.message, /^Could not override 'datamodule\.batch_size'/);
 * const bad = loadYaml("sweeper:\n  params:\n    data.batch_size: 32,,64\n");
 * const [q] = sweeperParamProblems({ config, hydra: bad, choices: {} });
 * assert.match(q.message, /^Error parsing override 'data\.batch_size=32,,64'/);
 * ```
 */
export function sweeperParamProblems(
  c: { config: DictNode; hydra: Node; choices: Record<string, string | null> },
  optionsOf?: (group: string) => string[] | undefined,
  resolve?: (path: string[]) => Node | undefined,
): Problem[] {
  const out: Problem[] = [];
  const { params, target } = settingsOf(c.hydra, resolve);
  // a config whose hydra.mode is MULTIRUN sweeps in every run: a param that cannot work fails
  // each one, an error (checker x33); otherwise only a multirun reads the params, a warning
  const mode = c.hydra.kind === "dict" ? c.hydra.entries.get("mode")?.node : undefined;
  const always = mode?.kind === "value" && mode.value === "MULTIRUN";
  const severity = always ? "error" as const : "warning" as const;
  // a param choosing a group option (`model: b`) makes every job another composition, whose
  // option may hold the keys under it the other params change (`model.k: 1,2`)
  const chosen = params.filter((p) => choosesGroup(p.text, c.choices))
    .map((p) => groupKey(p.text));
  for (const { text, origin } of params) {
    const key = text.slice(0, text.indexOf("="));
    const why = unreadable(text, target);
    if (why !== undefined) {
      // a warning as below: a run that is no multirun reads no params
      out.push({
        severity,
        code: ErrorCode.Sweep,
        message: `${why}: a multirun of this composition fails on this param (strata sweep, ` +
          "strata run -m and Hydra's -m alike)",
        fullKey: `hydra.sweeper.params.${key}`,
        ...(origin ? { origin } : {}),
      });
      continue;
    }
    let o;
    try {
      o = parseOverride(`${key}=x`);
    } catch {
      continue; // a key that does not parse fails as the multirun reads it (sweep, run -m)
    }
    // a group choice (`model/encoder: egnn,nope`): each option named must be there, or the job
    // that chooses it fails (checker v33: a typo passed validate, then failed `strata sweep`)
    if (optionsOf !== undefined && choosesGroup(text, c.choices)) {
      out.push(
        ...missingOptions(text, o.key, optionsOf, key, origin).map((p) => ({ ...p, severity })),
      );
    }
    // an append or a group choice (`model: choice(a, b)`, `hydra/launcher`) changes no key
    if (o.type !== "change" || o.package !== null || o.key.includes("/")) continue;
    if (Object.hasOwn(c.choices, o.key)) continue;
    if (chosen.some((g) => o.key === g || o.key.startsWith(g + "."))) continue;
    const path = o.key.split(".");
    if (path[0] === "hydra" || holdsPath(c.config, path, true)) continue;
    out.push({
      // a warning: the multirun may be meant with other choices (an `experiment=` that adds the
      // key), which this composition does not make; an error where the composition always sweeps
      // (hydra.mode: MULTIRUN): every run of it fails (checker w44)
      severity,
      code: ErrorCode.Composition,
      message: `Could not override '${o.key}'. No key '${o.key}' in the config: every job of a ` +
        `multirun of this composition fails on this param. To append to your config use ` +
        `+${o.key}`,
      fullKey: `hydra.sweeper.params.${key}`,
      suggestions: missingKeySuggestions(c.config, path, o.key),
      ...(origin ? { origin } : {}),
    });
  }
  return out;
}

/**
 * The options a group param names (`egnn,nope`, `choice(a, b)`) that its group lacks, each a
 * warning at the param with Hydra's words and did-you-mean. Ranges, globs and interpolated
 * names are not read.
 */
function missingOptions(
  text: string,
  group: string,
  optionsOf: (group: string) => string[] | undefined,
  key: string,
  origin: Origin | undefined,
): Problem[] {
  const options = optionsOf(group);
  if (options === undefined || options.length === 0) return [];
  let o;
  try {
    o = parseOverride(text);
  } catch {
    return [];
  }
  const items = o.value?.kind === "choice"
    ? o.value.items
    : o.value?.kind === "element"
    ? [o.value]
    : [];
  const out: Problem[] = [];
  for (const item of items) {
    const name = item.node.kind === "value" && item.node.type === "str"
      ? String(item.node.value)
      : undefined;
    if (name === undefined || name.includes("${") || options.includes(name)) continue;
    out.push({
      // a warning, as the params' other checks: a composition may add the group's options
      severity: "warning",
      code: ErrorCode.MissingConfig,
      message: `Could not find '${group}/${name}': a job of a multirun of this composition ` +
        `chooses it, and fails`,
      fullKey: `hydra.sweeper.params.${key}`,
      suggestions: suggest(name, options),
      ...(origin ? { origin } : {}),
    });
  }
  return out;
}
