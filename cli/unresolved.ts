/**
 * The warning for a config value that `run` and `hash` keep as written
 * because it cannot resolve (`???`, a resolver the Python app registers, an
 * unset `${oc.env:...}`): once per key, with where the value was written.
 *
 * @module
 */

import { formatOrigin, formatWarning } from "../core/errors.ts";
import { originOf } from "../core/node.ts";
import { opaqueResolverOf, type Unresolved } from "../core/run/lenient.ts";
import { unsupportedResolverName } from "../core/resolve/fail.ts";
import { HYDRA_OPAQUE_RESOLVERS } from "../core/validate/settings.ts";
import { writeErr } from "./output.ts";
import { valuePosition } from "../core/resolve/value_position.ts";
import { resolverCallOffset } from "../core/validate/resolver_calls.ts";

/**
 * What a command does with a value it keeps as written, as its warning says
 * it: `run` writes it into the job's config.yaml; `hash` writes no file,
 * it hashes the value as that config.yaml holds it.
 */
export const KEPT_AS_WRITTEN = {
  run: "config.yaml keeps it as written, for the app to resolve or fail on when it reads it",
  hash: "hashed as written, as `strata run` keeps it in the job's config.yaml",
  // a key the app fills at run time (`obs_dim: ???` read through `${...}`) must not cost the
  // tracker every other param
  params: "the params keep it as written, as the app's config holds it until the app reads it",
} as const;

/** The command whose warning {@link unresolvedWarning} words. */
export type KeptBy = keyof typeof KEPT_AS_WRITTEN;

/**
 * The warning for a value that does not resolve, as `by` keeps it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { unresolvedWarning } from "./unresolved.ts";
 * import { StrataError } from "../core/errors.ts";
 * import { str } from "../core/node.ts";
 * const text = unresolvedWarning({
 *   key: "steps",
 *   error: new StrataError("validation", "Unsupported interpolation type eval"),
 *   node: str("${eval:1}", { file: "conf/config.yaml", line: 3, col: 8 }),
 * });
 * assert.match(text, /^conf\/config.yaml:3:8: warning: steps does not resolve/);
 * assert.match(text, /; config.yaml keeps it as written/);
 * // a sweep's job says its number
 * const inJob = unresolvedWarning({ ...{
 *   key: "steps",
 *   error: new StrataError("validation", "Unsupported interpolation type eval"),
 *   node: str("${eval:1}", { file: "conf/config.yaml", line: 3, col: 8 }),
 * }, job: 2 });
 * assert.match(inJob, /warning: in job #2, steps does not resolve/);
 * ```
 */
export function unresolvedWarning(u: Unresolved, by: KeptBy = "run"): string {
  const o = originOf(u.node.origin);
  const job = u.job === undefined ? "" : `in job #${u.job}, `;
  return formatWarning(
    `${job}${u.key} does not resolve (${u.error.message}); ${KEPT_AS_WRITTEN[by]}`,
    o,
  );
}

/**
 * The warning for a value kept as written because it calls a resolver
 * `.strata.yaml` declares opaque (compose, run and hash word it alike).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opaqueWarning } from "./unresolved.ts";
 * import { StrataError } from "../core/errors.ts";
 * import { str } from "../core/node.ts";
 * const text = opaqueWarning({
 *   key: "a",
 *   error: new StrataError("unsupported-interpolation", "Unsupported interpolation type multiply"),
 *   node: str("${multiply:2,3}", { file: "conf/config.yaml", line: 1, col: 4 }),
 * }, "multiply");
 * assert.equal(text, "conf/config.yaml:1:4: warning: a calls 'multiply', declared opaque in .strata.yaml: kept as written");
 * const read = opaqueWarning({
 *   key: "b",
 *   error: new StrataError("unsupported-interpolation", "Unsupported interpolation type multiply"),
 *   node: str("${a}", { file: "conf/config.yaml", line: 2, col: 4 }),
 * }, "multiply");
 * assert.match(read, /warning: b reads a value that calls 'multiply'/);
 * ```
 */
export function opaqueWarning(u: Unresolved, name: string): string {
  const o = originOf(u.node.origin);
  // a value that only reads one calling the resolver (`${train.name}`) does not call it itself
  const text = u.node.kind === "value" && typeof u.node.value === "string" ? u.node.value : "";
  const call = resolverCallOffset(text, name);
  const how = call >= 0 ? "calls" : "reads a value that calls";
  // at the call, as an error resolving it would be placed (`"${math: 1}"`: at its `${`, not its
  // quote), so a value warned of directly and one a reader reached are said alike
  const at = call >= 0 ? valuePosition(u.node.origin, text, call, call + 2)?.origin ?? o : o;
  return formatWarning(`${u.key} ${how} '${name}', ${opaqueWhy(name)}: kept as written`, at);
}

/**
 * A fresh callback that prints {@link opaqueWarning} once per value calling the resolver: a key
 * that only reads one (`b: ${a}` over `a.x: ${math: 1}`) is no warning of its own, the value it
 * reads is warned of at its place, whatever the keys' order (checker w32).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opaqueOnce } from "./unresolved.ts";
 * import { StrataError } from "../core/errors.ts";
 * import { str } from "../core/node.ts";
 * const said: string[] = [];
 * const warn = opaqueOnce((line) => said.push(line));
 * const at = { file: "c.yaml", line: 3, col: 6 };
 * const error = new StrataError("unsupported-interpolation", "Unsupported interpolation type math",
 *   { fullKey: "a.x", origin: at });
 * warn({ key: "b", error, node: str("${a}", { file: "c.yaml", line: 1, col: 4 }) }, "math");
 * warn({ key: "a.x", error, node: str("${math: 1}", at) }, "math");
 * assert.deepEqual(said, ["c.yaml:3:6: warning: a.x calls 'math', declared opaque in .strata.yaml: kept as written"]);
 * ```
 */
export function opaqueOnce(
  write: (line: string) => void = writeErr,
): (u: Unresolved, name: string) => void {
  const seen = new Set<string>();
  return (u, name) => {
    const text = u.node.kind === "value" && typeof u.node.value === "string" ? u.node.value : "";
    const o = originOf(u.error.origin);
    const at = u.error.fullKey;
    // (the error names the value that calls it when resolving the reader reached it)
    const reader = !callsResolver(text, name) && o?.line !== undefined && at && at !== u.key;
    const key = reader ? at : u.key;
    if (seen.has(key)) return;
    seen.add(key);
    write(
      reader
        ? formatWarning(`${at} calls '${name}', ${opaqueWhy(name)}: kept as written`, o)
        : opaqueWarning(u, name),
    );
  };
}

/** Whether an interpolation's text calls resolver `name` itself (`${name:...}`, spaces allowed). */
function callsResolver(text: string, name: string): boolean {
  return resolverCallOffset(text, name) >= 0;
}

/**
 * Why a resolver's value is left to the app: declared opaque, or one of
 * Hydra's whose value only the Python app knows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { opaqueWhy } from "./unresolved.ts";
 * assert.equal(opaqueWhy("eq"), "declared opaque in .strata.yaml");
 * assert.equal(opaqueWhy("python_version"), "Hydra's resolver of the app's Python version");
 * ```
 */
export function opaqueWhy(name: string): string {
  return HYDRA_OPAQUE_RESOLVERS.includes(name)
    ? "Hydra's resolver of the app's Python version"
    : "declared opaque in .strata.yaml";
}

/**
 * A fresh callback that prints {@link unresolvedWarning} once per key (worded
 * for the command `by`), or {@link opaqueWarning} for a value that calls one
 * of the `opaque` resolvers.
 *
 * @example
 * ```ts ignore
 * planRun({ ...options, onUnresolved: warnUnresolvedOnce(settings.opaqueResolvers, "run") });
 * ```
 */
export function warnUnresolvedOnce(
  opaque: readonly string[],
  by: KeptBy,
): (u: Unresolved) => void {
  const seen = new Set<string>();
  // one warning per cause: keys that fail only by reading a value already warned of
  // (`policy.shape_meta: ${shape_meta}` over an `${eval:...}` inside it) add nothing
  const causes = new Set<string>();
  return (u) => {
    if (seen.has(u.key)) return;
    seen.add(u.key);
    // a key that reads one that fails (`b: ${a}`) fails where `a` does: the same cause
    const where = u.error.related.find((r) => r.message.startsWith("where it fails: "))?.origin;
    // (at a file's line, or at an override: `job.name=${nope}` read by ten keys, checker x47)
    const placed = (x: typeof where) => x?.line !== undefined || x?.override !== undefined;
    const o = originOf(placed(where) ? where : u.error.origin);
    const located = placed(o);
    const cause = located && o ? `${u.error.message}\u0000${formatOrigin(o)}` : undefined;
    if (cause !== undefined && causes.has(cause)) return;
    if (cause !== undefined) causes.add(cause);
    const name = opaqueResolverOf(u, opaque);
    // a resolver strata does not have (the app registers it) is one cause wherever it is called:
    // its first value is warned of, saying so, not each of a list's items (checker x59 #1)
    const missing = name === undefined ? unsupportedResolverName(u.error) : undefined;
    if (missing !== undefined) {
      if (causes.has(`resolver\u0000${missing}`)) return;
      causes.add(`resolver\u0000${missing}`);
      writeErr(
        `${unresolvedWarning(u, by)} (as is every value calling '${missing}': warned of once)`,
      );
      return;
    }
    // a key that only reads a value calling the resolver (`b: ${a}` before `a.x: ${math:1}`):
    // the value is warned of, at its place, whatever the keys' order (checker w32)
    const text = u.node.kind === "value" && typeof u.node.value === "string" ? u.node.value : "";
    const at = u.error.fullKey;
    const reader = name !== undefined && !callsResolver(text, name) && o?.line !== undefined &&
      at && at !== u.key;
    if (name !== undefined && reader) {
      seen.add(at);
      writeErr(formatWarning(`${at} calls '${name}', ${opaqueWhy(name)}: kept as written`, o));
      return;
    }
    writeErr(name === undefined ? unresolvedWarning(u, by) : opaqueWarning(u, name));
  };
}
