/**
 * The hints `--cfg ... --resolve` adds to an error, shared by `compose` and
 * `run`: a resolver's plain dict or list that YAML refuses (`-f json` prints
 * it), and a hydra value reading a job key that `--cfg hydra` leaves out.
 *
 * @module
 */

import { canonicalKey, type DictNode } from "../core/node.ts";
import { ErrorCode, isStrataError, StrataError } from "../core/errors.ts";
import { isPlainRefusal } from "../core/resolve/materialize.ts";
import { withLegacyPackageNote } from "../core/compose/legacy_header.ts";
import type { LocatedWarning } from "../core/compose/defaults_tree_node.ts";

/**
 * `show()`, its error with the hints: YAML `--resolve` refuses a resolver's
 * plain dict or list as Hydra's `--cfg job|all --resolve` (OmegaConf.resolve)
 * does; the app reads it (`to_container(resolve=True)`), which `-f json`
 * prints: the error says so. `job`: the job's config when `--cfg hydra
 * --resolve` may read one of its keys.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { withJsonHint } from "./show_hints.ts";
 * assert.equal(withJsonHint("job", () => 1), 1);
 * ```
 */
export function withJsonHint<T>(
  cfg: string,
  show: () => T,
  job?: DictNode,
  warnings: readonly LocatedWarning[] = [],
  how: { json?: boolean; pkg?: string } = { json: true },
): T {
  try {
    return show();
  } catch (caught) {
    // a key under a group a `# @package _group_` header put at `_group_`: a line at the header
    const e = isStrataError(caught)
      ? new StrataError(caught.code, caught.message, {
        ...caught,
        related: withLegacyPackageNote(caught.message, caught.related, warnings),
      })
      : caught;
    if (cfg === "hydra" && job) throw withJobKeysHint(e, job);
    if (isStrataError(e) && e.code === ErrorCode.InterpolationToMissing) {
      const missing = /Missing mandatory value: (\S+)$/.exec(e.message)?.[1];
      // only -f json resolves so (YAML --resolve prints ???): why the format matters; -p of a
      // value resolves it, as Hydra's OmegaConf.select does
      const message = how.json
        ? "-f json resolves as the app reads the config, " +
          "OmegaConf.to_container(cfg, resolve=True), which fails on it; YAML --resolve prints " +
          "??? there, as Hydra's --cfg job --resolve (OmegaConf.resolve) leaves it"
        : how.pkg !== undefined
        ? `-p ${how.pkg} resolves the value it prints, as Hydra's OmegaConf.select does` +
          (missing ? `: give ${missing} a value (${missing}=...)` : "")
        : undefined;
      if (message === undefined) throw e;
      throw new StrataError(e.code, e.message, {
        ...e,
        related: [...e.related, { message, origin: {} }],
      });
    }
    if (!isPlainRefusal(e)) throw e;
    throw new StrataError(e.code, e.message, {
      ...e,
      related: [...e.related, {
        message: `Hydra's --cfg ${cfg} --resolve refuses it too (OmegaConf.resolve); -f json ` +
          "prints the value as the app reads it (OmegaConf.to_container(cfg, resolve=True))",
        origin: {},
      }],
    });
  }
}

/**
 * `--cfg hydra --resolve` resolves the hydra node with the job's keys deleted,
 * as Hydra's show_cfg does: a `hydra.run.dir: ${root_dir}/x` that reads a job
 * key fails there though the run resolves it. The error says how to see it
 * resolved against them.
 */
function withJobKeysHint(e: unknown, job: DictNode): unknown {
  if (!isStrataError(e) || e.code !== ErrorCode.InterpolationKey) return e;
  const key = /^Interpolation key '([^'.[]+)/.exec(e.message)?.[1];
  if (key === undefined || !job.entries.has(canonicalKey(key))) return e;
  return new StrataError(e.code, e.message, {
    ...e,
    related: [...e.related, {
      message: `'${key}' is a key of the job's config, which --cfg hydra --resolve leaves out as ` +
        "Hydra's does; --cfg all --resolve -p hydra... resolves the hydra node against it",
      origin: {},
    }],
  });
}
