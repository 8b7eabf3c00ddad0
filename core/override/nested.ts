/**
 * Sweep functions written inside a list or dict value (`lr=[choice(1,2)]`,
 * `lr={a:range(3)}`). Hydra's grammar allows them and keeps the sweep object
 * in the value, which is then no sweep (`is_sweep_override` is false): a
 * `glob(...)` is a plain dataclass that OmegaConf stores as
 * `{include: [...], exclude: [...]}`; the others have a `tags: Set[str]`
 * field that OmegaConf cannot type, so applying the value fails ("Error
 * merging override ...", from `ConfigTypeError: issubclass() arg 1 must be a
 * class`). Strata keeps a placeholder in the value and the sweep's place on
 * the {@link ElementValue}, and fails where the value is used.
 *
 * @module
 */

import { ErrorCode, StrataError } from "../errors.ts";
import { elementValue } from "./element.ts";
import type { ElementValue, NestedSweep, Override, ParsedElement } from "./types.ts";
import { type GlobObj, isSweep, pyRepr, type Val } from "./values.ts";

/**
 * A `glob(...)` inside a list or dict, as OmegaConf stores Hydra's `Glob`
 * dataclass: `{include: [...], exclude: [...]}`, lists of strings.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { globElement } from "./nested.ts";
 * const pe = globElement({ kind: "glob", include: [{ t: "str", v: "*" }], exclude: [] });
 * assert.deepEqual(pe.t, "dict");
 * ```
 */
export function globElement(g: GlobObj): ParsedElement {
  const strs = (xs: Val[]): ParsedElement => ({
    t: "list",
    v: xs.map((x) => ({
      t: "str",
      v: isSweep(x) ? pyRepr(x) : "v" in x ? String(x.v) : "None",
    })),
  });
  return {
    t: "dict",
    v: [
      [{ t: "str", v: "include" }, strs(g.include)],
      [{ t: "str", v: "exclude" }, strs(g.exclude)],
    ],
  };
}

/**
 * The element value of `pe`, marked with the first nested sweep in it
 * (`nested` maps each placeholder the parser put in a list or dict to its
 * sweep; the mark gets the placeholder's place, `[1][0]`, `.a`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { markedElement } from "./nested.ts";
 * const ph = { t: "str" as const, v: "ChoiceSweep:..." };
 * const sweep = { type: "ChoiceSweep", text: "choice(1,2)", path: "", start: 4, end: 15 };
 * const ev = markedElement({ t: "list", v: [ph] }, new Map([[ph, sweep]]));
 * assert.equal(ev.nested?.path, "[0]");
 * ```
 */
export function markedElement(
  pe: ParsedElement,
  nested: ReadonlyMap<ParsedElement, NestedSweep>,
): ElementValue {
  const out = elementValue(pe);
  if (nested.size === 0) return out;
  const find = (e: ParsedElement, path: string): NestedSweep | undefined => {
    const hit = nested.get(e);
    if (hit) return { ...hit, path };
    if (e.t === "list") {
      for (let i = 0; i < e.v.length; i++) {
        const found = find(e.v[i], `${path}[${i}]`);
        if (found) return found;
      }
    } else if (e.t === "dict") {
      for (const [k, x] of e.v) {
        const found = find(x, `${path}.${"v" in k ? String(k.v) : "None"}`);
        if (found) return found;
      }
    }
    return undefined;
  };
  const found = find(pe, "");
  if (found) out.nested = found;
  return out;
}

/** Why a nested sweep cannot be stored, and what to write instead. */
function why(n: NestedSweep): string {
  return `${n.text} is a sweep inside a list or dict value; OmegaConf cannot store Hydra's ` +
    `${n.type} object (issubclass() arg 1 must be a class). ${HINT}`;
}

const HINT = "To sweep, make the sweep the whole value (key=choice(...)), in a multirun (-m) " +
  "or strata sweep";

/**
 * The error of an override whose value holds a sweep: at the override, with a
 * caret under the sweep. A config value fails as Hydra's "Error merging
 * override ..." at the key where the sweep sits; a group's list of options
 * (`db=[choice(mysql,pg)]`, where Hydra fails with a TypeError) says its
 * items must be config names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseOverride } from "../../override.ts";
 * import { nestedSweepError } from "./nested.ts";
 * const o = parseOverride("lr=[choice(1,2)]", 0);
 * assert.ok(o.value?.kind === "element" && o.value.nested);
 * const e = nestedSweepError(o, o.value.nested, false);
 * assert.equal(e.fullKey, "lr[0]");
 * ```
 */
export function nestedSweepError(o: Override, n: NestedSweep, group: boolean): StrataError {
  const origin = { override: o.index ?? 0, text: o.text };
  const snippet = { text: o.text, start: n.start, end: n.end };
  if (group) {
    return new StrataError(
      ErrorCode.Value,
      `Config group override list items must be strings. Got ${n.type}`,
      {
        origin,
        snippet,
        related: [{
          message: `${n.text} is a sweep inside the list of options. ${HINT}`,
          origin,
        }],
      },
    );
  }
  return new StrataError(ErrorCode.Composition, `Error merging override ${o.text}`, {
    origin,
    fullKey: o.key + n.path,
    snippet,
    related: [{ message: why(n), origin }],
  });
}

/**
 * The error of writing back a sweep's value that holds a sweep
 * (`lr=[choice(1,2)],3` expanded by a multirun): Hydra fails converting the
 * object to text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nestedSweepTextError } from "./nested.ts";
 * const n = { type: "ChoiceSweep", text: "choice(1,2)", path: "[0]", start: 4, end: 15 };
 * assert.match(nestedSweepTextError(n).message, /cannot be written back/);
 * ```
 */
export function nestedSweepTextError(n: NestedSweep): StrataError {
  return new StrataError(
    ErrorCode.Type,
    `A sweep's value holding a sweep cannot be written back as an override value: ${why(n)}`,
  );
}
