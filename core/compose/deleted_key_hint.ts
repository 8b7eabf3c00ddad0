/**
 * `${trainer.total_frames}` after `~trainer.total_frames` on the command line: OmegaConf can only
 * say the key is not there; the composition knows which override deleted it (checker w49 #4).
 *
 * @module
 */

import type { RelatedInit } from "../errors.ts";
import type { AbsentKeyHint } from "../resolve/absent_key_hint.ts";
import type { Override } from "../override/types.ts";

/**
 * The note for an absent key that a `~key` override deleted (the key itself or a key above it,
 * `~trainer` for `trainer.total_frames`), else `next`'s.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../override/parse.ts";
 * import { deletedKeyHint } from "./deleted_key_hint.ts";
 * const hint = deletedKeyHint([parseOverride("x=1", 0), parseOverride("~trainer", 1)]);
 * assert.equal(hint("trainer.total")?.message, "'trainer' deleted here");
 * assert.deepEqual(hint("trainer")?.origin, { override: 1, text: "~trainer" });
 * assert.equal(hint("trainers.total"), undefined);
 * ```
 */
export function deletedKeyHint(
  overrides: readonly Override[],
  next: AbsentKeyHint = () => undefined,
): AbsentKeyHint {
  const deletions = overrides.filter((o) => o.type === "delete" && o.package === null);
  return (key: string): RelatedInit | undefined => {
    // the last one that deleted it, as a later `+key=...` would have put it back
    const by = deletions.findLast((o) => key === o.key || key.startsWith(`${o.key}.`));
    if (by === undefined) return next(key);
    const at = by.index ?? 0;
    return {
      message: by.key === key ? "deleted here" : `'${by.key}' deleted here`,
      origin: { override: at, text: by.text },
    };
  };
}
