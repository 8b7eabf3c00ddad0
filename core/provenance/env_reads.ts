/**
 * The environment variables a value reads through `${oc.env:NAME}`, with what each holds here:
 * `explain` says where a value came from, and a value read from the environment came from
 * there, not from a file (checker x34: `${oc.decode:${oc.env:X34_NUM,'1e3'}}` showed 42 with
 * nothing saying it was `$X34_NUM`, not the default).
 *
 * @module
 */

import { readEnv } from "../env.ts";
import type { Node } from "../node.ts";

/** An environment variable a value reads, and what it holds (undefined: unset or not readable). */
export interface EnvReadBy {
  /** The variable's name. */
  name: string;
  /** Its value here; undefined when it is unset (a default, if any, is used). */
  value?: string;
  /** Why it could not be read (`--no-env`), when so. */
  denied?: string;
}

/** `${oc.env:NAME` (or `oc.env: NAME`): the resolver's first argument when it is a plain name. */
const OC_ENV = /\$\{\s*oc\.env\s*:\s*['"]?([A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * The variables the interpolation texts among `values` read, each once, in the order met.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { str } from "../node.ts";
 * import { envReads } from "./env_reads.ts";
 * Deno.env.set("STRATA_DOC_X", "42");
 * const got = envReads([str("${oc.decode:${oc.env:STRATA_DOC_X,'1e3'}}"), str("${oc.env:STRATA_DOC_UNSET}")]);
 * assert.deepEqual(got, [{ name: "STRATA_DOC_X", value: "42" }, { name: "STRATA_DOC_UNSET" }]);
 * ```
 */
export function envReads(values: readonly Node[]): EnvReadBy[] {
  const out: EnvReadBy[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (v.kind !== "value" || typeof v.value !== "string" || !v.value.includes("oc.env")) continue;
    for (const m of v.value.matchAll(OC_ENV)) {
      if (seen.has(m[1])) continue;
      seen.add(m[1]);
      const read = readEnv(m[1]);
      out.push(
        "value" in read && read.value !== undefined
          ? { name: m[1], value: read.value }
          : "denied" in read && read.denied !== undefined
          ? { name: m[1], denied: read.denied }
          : { name: m[1] },
      );
    }
  }
  return out;
}
