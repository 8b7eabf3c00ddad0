/**
 * Hydra's `hydra` node is a structured config (HydraConf and its dataclasses:
 * RunDir, JobConf, ...), merged after the options of Hydra's groups and
 * before the primary config. What a config merged after it writes into a
 * typed node must fit: a key the dataclass does not have fails Hydra's
 * composition (`Key 'foo' not in 'HydraConf'`), and so does a value of the
 * wrong type (`hydra.job.chdir: maybe`). strata composes the node untyped,
 * then checks it here, as OmegaConf 2.2 would on that merge: compose fails on
 * the first misfit ({@link hydraSchemaError}), validation reports each.
 * (An option of a Hydra group, `conf/hydra/output/x.yaml`, merges before
 * the schema: OmegaConf keeps its extra keys, so they are not checked.)
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { type DictNode, type Node, type Origin, originOf } from "../node.ts";
import { suggest } from "../suggest.ts";
import { keyOrigin } from "../yaml/columns.ts";
import type { Problem } from "../validate/problems.ts";
import { hydraMisfits, type HydraPlugin, type LeafBefore } from "./misfit.ts";
import { readFileText } from "../file_overlay.ts";

/**
 * The origin of a node: its own, or its first leaf's (a dict the YAML wrote
 * has its keys' places).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { firstOrigin } from "./schema.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const root = loadYaml("a:\n  b: 1\n", { file: "c.yaml" });
 * assert.equal(firstOrigin(root)?.file, "c.yaml");
 * ```
 */
export function firstOrigin(node: Node): Origin | undefined {
  if (node.origin) return originOf(node.origin);
  if (node.kind === "list") return node.items.length ? firstOrigin(node.items[0]) : undefined;
  if (node.kind === "dict") {
    for (const e of node.entries.values()) {
      const o = firstOrigin(e.node);
      if (o) return o;
    }
  }
  return undefined;
}

/** The place of an unknown key itself, read from its file (nodes keep their values' places). */
function keyAt(valueAt: Origin, key: string): Origin {
  try {
    return keyOrigin(readFileText(valueAt.file!), valueAt, key) ?? valueAt;
  } catch {
    return valueAt;
  }
}

/**
 * Checks what configs merged after Hydra's schema (`mergedAfter(file)`)
 * wrote into the typed parts of the `hydra` node; each misfit is a problem
 * at the place it was written, with did-you-mean for an unknown key.
 * `plugins`: the plugin nodes typed by Hydra's `basic` options (`hydra.sweeper`
 * as BasicSweeperConf when `hydra/sweeper` is `basic`; {@link typedPlugins}).
 * `leafBefore`: what configs merged before set (a container merged onto a
 * str entry, {@link LeafBefore}); without it, such a container is let through.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkHydraSchema } from "./schema.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const hydra = loadYaml("jobb: {}\njob:\n  chdir: maybe\n  num: 3\n", { file: "c.yaml" }) as never;
 * const out: import("../validate/problems.ts").Problem[] = [];
 * checkHydraSchema(hydra, () => true, out);
 * assert.deepEqual(out.map((p) => [p.origin?.line, p.fullKey, p.message, p.suggestions]), [
 *   [1, "hydra.jobb", "Key 'jobb' not in 'HydraConf'", ["job"]], // no c.yaml to read the key's place from
 *   [3, "hydra.job.chdir", "Value 'maybe' is not a valid bool (type str)", undefined],
 * ]);
 * ```
 */
export function checkHydraSchema(
  hydra: DictNode,
  mergedAfter: (file: string) => boolean,
  out: Problem[],
  plugins: ReadonlySet<HydraPlugin> = new Set(),
  leafBefore?: LeafBefore,
): void {
  for (const m of hydraMisfits(hydra, plugins, leafBefore)) {
    const origin = firstOrigin(m.node);
    const written = origin?.file !== undefined && origin.override === undefined &&
      !origin.file.includes("://") && mergedAfter(origin.file);
    // what Hydra's own configs and the options of its groups wrote is not checked
    if (!written) continue;
    const near = m.unknown ? suggest(m.unknown.key, m.unknown.fields) : [];
    out.push({
      severity: "error",
      code: "hydra-schema",
      message: m.message,
      fullKey: m.fullKey,
      origin: m.unknown ? keyAt(origin, m.unknown.key) : origin,
      ...(near.length ? { suggestions: near } : {}),
    });
  }
}

/** Where a problem was written, as one number that sorts in the file's order. */
function place(p: Problem): number {
  return (p.origin?.line ?? 0) * 1e6 + (p.origin?.col ?? 0);
}

/** The messages OmegaConf raises as a ConfigKeyError or ConfigTypeError: Hydra does not wrap them. */
const NOT_VALIDATION = /^(Key '.*' not in '|Cannot merge DictConfig with ListConfig)/;

/**
 * The error Hydra's composition fails with when a config merged after its
 * schema writes what HydraConf refuses into the `hydra` node: the first misfit
 * in the node's order, at the place it was written, with its full key
 * (`hydra.foo`). `configOf(file)` is the config path of a file merged after the
 * schema, undefined for one merged before it (an option of Hydra's groups). A
 * ValidationError is worded as Hydra wraps it (`In 'config': Validation error
 * while composing config:`); an unknown key is OmegaConf's ConfigKeyError.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hydraSchemaError } from "./schema.ts";
 * import { loadYaml } from "../yaml/load.ts";
 * const hydra = loadYaml("job:\n  chdir: maybe\n", { file: "c.yaml" }) as never;
 * const e = hydraSchemaError(hydra, () => "config");
 * assert.equal(e?.fullKey, "hydra.job.chdir");
 * assert.equal(e?.message, "In 'config': Validation error while composing config:\nValue 'maybe' is not a valid bool (type str)");
 * assert.equal(hydraSchemaError(hydra, () => undefined), undefined);
 * ```
 */
export function hydraSchemaError(
  hydra: DictNode,
  configOf: (file: string) => string | undefined,
  plugins: ReadonlySet<HydraPlugin> = new Set(),
  leafBefore?: LeafBefore,
): StrataError | undefined {
  const found: Problem[] = [];
  checkHydraSchema(hydra, (file) => configOf(file) !== undefined, found, plugins, leafBefore);
  // OmegaConf merges a file's keys in the file's order: of one file's misfits, the first written
  // fails it (`hydra.name` above `hydra.launcher.params`, where the node holds the launcher first)
  const file = found[0]?.origin?.file;
  const p = found.every((f) => f.origin?.file === file)
    ? found.reduce((a, b) => (place(b) < place(a) ? b : a), found[0])
    : found[0];
  if (!p) return undefined;
  const config = p.origin?.file === undefined ? undefined : configOf(p.origin.file);
  const message = NOT_VALIDATION.test(p.message) || config === undefined
    ? p.message
    : `In '${config}': Validation error while composing config:\n${p.message}`;
  return new StrataError(ErrorCode.Composition, message, {
    fullKey: p.fullKey,
    origin: p.origin,
    suggestions: p.suggestions,
  });
}
