/**
 * The warning for a config value that `run` and `hash` keep as written
 * because it cannot resolve (`???`, a resolver the Python app registers, an
 * unset `${oc.env:...}`): once per key, with where the value was written.
 *
 * @module
 */

import { formatOrigin } from "../core/errors.ts";
import type { Unresolved } from "../core/run/lenient.ts";
import { writeErr } from "./output.ts";

/**
 * A callback for `onUnresolved` that warns on stderr once per key.
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
 * assert.match(text, /^warning: conf\/config.yaml:3:8: steps does not resolve/);
 * ```
 */
export function unresolvedWarning(u: Unresolved): string {
  const at = u.node.origin ? `${formatOrigin(u.node.origin)}: ` : "";
  return `warning: ${at}${u.key} does not resolve (${u.error.message}); ` +
    `config.yaml keeps it as written, for the app to resolve or fail on when it reads it`;
}

/**
 * A fresh callback that prints {@link unresolvedWarning} once per key.
 *
 * @example
 * ```ts ignore
 * planRun({ ...options, onUnresolved: warnUnresolvedOnce() });
 * ```
 */
export function warnUnresolvedOnce(): (u: Unresolved) => void {
  const seen = new Set<string>();
  return (u) => {
    if (seen.has(u.key)) return;
    seen.add(u.key);
    writeErr(unresolvedWarning(u));
  };
}
