/**
 * A note under errors that say a file is a W&B sweep spec, not a Hydra config: its
 * `command:` uses the wandb agent's macros (`${program}`, `${args_no_boolean_flags}`), which
 * no config holds. Such specs are often kept beside the configs (unifloral's
 * `configs/algorithms/`), where validate composes them as options of their group (appended,
 * `+algorithms=bpr`, when no defaults list chooses it); `.strata.yaml` can leave them out
 * (checker x35).
 *
 * @module
 */

import { relative, resolve } from "../core/path.ts";
import type { Problem } from "../core/validate/problems.ts";

/** The macros the wandb agent expands in a sweep spec's `command:`. */
const WANDB_MACROS = new Set([
  "env",
  "interpreter",
  "program",
  "args",
  "args_no_hyphens",
  "args_no_boolean_flags",
  "args_json",
  "args_json_file",
]);

const NOT_FOUND = /^Interpolation key '([^']+)' not found/;

/**
 * The note, when some errors are W&B macros not found; undefined otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wandbSpecNote } from "./validate_wandb_note.ts";
 * const p = {
 *   severity: "error" as const, code: "interpolation-key",
 *   message: "Interpolation key 'program' not found",
 *   origin: { file: "conf/algorithms/bpr.yaml", line: 3, col: 5 }, composition: "+algorithms=bpr",
 * };
 * assert.match(wandbSpecNote([p], "conf")!, /exclude: \[algorithms\/bpr\.yaml\]/);
 * assert.equal(wandbSpecNote([{ ...p, message: "Interpolation key 'lr' not found" }], "conf"), undefined);
 * ```
 */
export function wandbSpecNote(problems: readonly Problem[], configDir: string): string | undefined {
  const macros = new Set<string>();
  const files = new Set<string>();
  for (const p of problems) {
    const key = p.severity === "error" ? NOT_FOUND.exec(p.message)?.[1] : undefined;
    if (key === undefined || !WANDB_MACROS.has(key) || p.origin?.file === undefined) continue;
    const file = relative(resolve(configDir), resolve(p.origin.file));
    if (file.startsWith("..")) continue;
    macros.add("${" + key + "}");
    files.add(file);
  }
  if (files.size === 0) return undefined;
  const list = [...files];
  const one = list.length === 1;
  return `note: ${list.join(", ")} ${one ? "reads" : "read"} like ${
    one ? "a W&B sweep spec" : "W&B sweep specs"
  } (${[...macros].join(", ")} ${macros.size === 1 ? "is a macro" : "are macros"} of the wandb ` +
    `agent), not ${one ? "a Hydra config" : "Hydra configs"}; if so, .strata.yaml leaves ` +
    `${one ? "it" : "them"} out: ` +
    `validate: {exclude: [${list.join(", ")}]}`;
}
