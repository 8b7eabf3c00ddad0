/**
 * What `strata validate` reports: problems with a severity, a code, a message,
 * the full key and the origin, collected over many checks and compositions and
 * kept once per location.
 *
 * @module
 */

import { SCOPE_HINT, SLOT_HINT } from "./scope_hint.ts";
import { NOTE_START } from "../compose/self_order.ts";
import { ErrorCode, isStrataError, type Related, type StrataError } from "../errors.ts";
import type { Origin } from "../node.ts";

/**
 * A place a problem depends on; with `fullKey` when it is where a value it read was set (a key a
 * failed rule read), which text and GitHub reports name when it is in another file.
 */
export interface ProblemRelated extends Related {
  /** The full key of the value set there. */
  fullKey?: string;
}

/** `error` fails validation; `warning` fails it only in strict mode. */
export type Severity = "error" | "warning";

/** One problem found by validation. */
export interface Problem {
  /** Whether it fails validation. */
  severity: Severity;
  /** A {@link ErrorCode} or one of validation's own codes (`schema`, `rule`, ...). */
  code: ErrorCode | string;
  /** What is wrong. */
  message: string;
  /** The full key (`model.lora.r`); absent when no key applies. */
  fullKey?: string;
  /** Where to look: file:line:col, or the override. */
  origin?: Origin;
  /** Did-you-mean candidates. */
  suggestions?: string[];
  /**
   * Other places it depends on (the keys a failed rule read; the entries a defaults list's error
   * names beside its own, as compose prints them), in JSON reports.
   */
  related?: ProblemRelated[];
  /** The composition that showed it (`model=gpt2`), when it is not the primary one. */
  composition?: string;
  /**
   * Every composition that showed it, `composition` first, when more than one did (an option
   * that fails with six others of a group): reports say how many more, JSON lists them.
   */
  compositions?: string[];
}

function locationKey(p: Problem): string {
  const o = p.origin;
  const where = o?.override !== undefined
    ? `override\0${o.text}`
    : `${o?.file ?? ""}\0${o?.line ?? ""}\0${o?.col ?? ""}`;
  // A problem with no place of its own is only "the same" within one composition. One that depends
  // on other places (the values a rule read) is the same wherever those are: its related positions
  // are merged (see Problems.add).
  const scope = o === undefined ? `\0${p.composition ?? ""}` : "";
  // (an override's error is one defect whatever its compositions add under it: the env_set note
  // where the key is the job's, none where it is no key at all)
  // (and the same whichever primary's defaults list it failed in: `In 'train': Could not find
  // 'model/nope'` and `In 'eval': ...` are one misspelt option, checker w29)
  // (and a missing option at one entry of a file: `In 'experiment/a': Could not find 'x/y'` and
  // `In 'experiment/b': ...` at tune.yaml's `override /x: y` are one name to mend, whichever
  // config the compositions reached it from, checker w34)
  const message = o?.override !== undefined
    ? p.message.split("\n")[0].replace(/^In '[^'\n]*': /, "")
    : o?.line !== undefined && /^In '[^'\n]*': Could not (find|load) '/.test(p.message)
    ? p.message.split("\n")[0].replace(/^In '[^'\n]*': /, "")
    : p.message;
  return `${where}\0${p.fullKey ?? ""}\0${sameDefect(message)}${scope}`;
}

/**
 * Whether two problems are one defect, as {@link Problems} keeps them once: the same place (or
 * override), key and message.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { sameProblem } from "./problems.ts";
 * const at = { override: 0, text: "gen=aa" };
 * const p = { severity: "error" as const, code: "missing-config", origin: at };
 * assert.ok(sameProblem({ ...p, message: "In 'one': Could not find 'gen/aa'" },
 *   { ...p, message: "In 'two': Could not find 'gen/aa'" }));
 * ```
 */
export function sameProblem(a: Problem, b: Problem): boolean {
  return locationKey(a) === locationKey(b);
}

/**
 * A message as the defect it names: Hydra's `In 'PARENT':` names the parent as the entry that
 * reached it was spelt (`- /experiment/a.yaml` or `experiment=a`), one defect either way.
 */
function sameDefect(message: string): string {
  // (quoted in most of Hydra's messages, bare in its override-order ones: `In exp/base.yaml:`)
  // (and without the scope hint, which names the primary the option was appended to, or the
  // note under a missing `_self_`, which names the values of the composition that showed it,
  // or the values a rule that cannot be evaluated read, which each composition gives its own)
  const read = message.lastIndexOf(" (it read ");
  if (read > 0 && message.endsWith(")") && !message.includes("\n", read)) {
    message = message.slice(0, read);
  }
  const defect = message.replace(/^In '([^'\n]*)\.yaml':/, "In '$1':").replace(
    /^In ([^'\s:][^\s:]*)\.yaml:/,
    "In $1:",
  ).replace(SCOPE_HINT, "").split(`\n${NOTE_START}`)[0];
  // Hydra's override that matches nothing says why as the composition saw it ("No match in the
  // defaults list." where the group has no known choice, "Did you mean to override x?" where it
  // has): one override written in one place, one defect (checker v37)
  return /^(In '[^'\n]*': )?Could not override '[^'\n]*'\./.exec(defect)?.[0] ?? defect;
}

function sameRelated(a: Related, b: Related): boolean {
  const x = a.origin, y = b.origin;
  return a.message === b.message && x.file === y.file && x.line === y.line && x.col === y.col &&
    x.override === y.override;
}

/**
 * `kept` with the related positions of `again` (the same problem, found in another composition)
 * that it lacks, each saying the composition it was found with when that is not `kept`'s.
 */
function mergeRelated(kept: Problem, again: Problem): Problem {
  const had = kept.related ?? [];
  const label = again.composition !== kept.composition && again.composition
    ? ` (with ${again.composition})`
    : "";
  const extra = (again.related ?? [])
    .filter((r) =>
      !had.some((h) => sameRelated(h, r) || sameRelated(h, { ...r, message: r.message + label }))
    )
    .map((r) => ({ ...r, message: r.message + label }));
  return extra.length === 0 ? kept : { ...kept, related: [...had, ...extra] };
}

/**
 * `kept` with the composition `again` was found in added to its compositions, when `kept` was
 * found in another one (not the primary composition, which every other includes).
 */
function withComposition(kept: Problem, again: Problem): Problem {
  const had = kept.compositions ?? (kept.composition ? [kept.composition] : []);
  if (had.length === 0 || !again.composition || had.includes(again.composition)) return kept;
  return { ...kept, compositions: [...had, again.composition] };
}

/**
 * Problems in the order found, each location and message kept once (the same
 * broken file shows in every composition that includes it; a parent named
 * `a.yaml` or `a` in Hydra's `In '...':` is one parent).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Problems } from "./problems.ts";
 * const ps = new Problems();
 * const p = { severity: "error" as const, code: "x", message: "bad", origin: { file: "a.yaml", line: 1, col: 1 } };
 * ps.add(p);
 * ps.add({ ...p, composition: "db=mysql" });
 * assert.equal(ps.list().length, 1);
 * const read = (file: string) => ({ message: "'n' is read by the rule", origin: { file, line: 1, col: 4 } });
 * ps.add({ ...p, message: "rule", related: [read("b.yaml")] });
 * ps.add({ ...p, message: "rule", related: [read("c.yaml")], composition: "db=pg" });
 * const [, rule] = ps.list();
 * assert.deepEqual(rule.related?.map((r) => r.message + " " + r.origin.file),
 *   ["'n' is read by the rule b.yaml", "'n' is read by the rule (with db=pg) c.yaml"]);
 * // found only with options, in two compositions: both kept
 * const q = { ...p, message: "only with options", composition: "db=a" };
 * ps.add(q);
 * ps.add({ ...q, composition: "db=b" });
 * assert.deepEqual(ps.list()[2].compositions, ["db=a", "db=b"]);
 * ```
 */
export class Problems {
  private readonly byLocation = new Map<string, Problem>();

  /**
   * Adds a problem unless one with the same location, key and message is there (the first found
   * is kept, with its composition); the related positions of the later ones are added to it (a
   * rule failing at one place in two compositions, on values read from different files).
   */
  add(p: Problem): void {
    const key = locationKey(p);
    let kept = this.byLocation.get(key);
    if (kept && SLOT_HINT.test(kept.message) !== SLOT_HINT.test(p.message)) {
      // an error that a composition trying no option in another slot shows too is not the try's
      kept = { ...kept, message: kept.message.replace(SLOT_HINT, "") };
    } else if (
      kept && p.message.length > kept.message.length && p.message.startsWith(kept.message)
    ) {
      // the one that says more under the same first line
      kept = { ...kept, message: p.message };
    }
    this.byLocation.set(key, kept ? withComposition(mergeRelated(kept, p), p) : p);
  }

  /** Adds a caught error: a StrataError becomes an error problem; anything else is rethrown. */
  addError(e: unknown, composition?: string): void {
    if (!isStrataError(e)) throw e;
    this.add(fromError(e, composition));
  }

  /** The problems, sorted by file, line and column (problems without a file last). */
  list(): Problem[] {
    const all = [...this.byLocation.values()];
    // a place that fails in another composition too (the option in its own slot, or in two
    // others): the error is the option's, not one slot's
    const place = (p: Problem) => `${p.origin?.file}:${p.origin?.line}:${p.origin?.col}`;
    const count = new Map<string, number>();
    for (const p of all) count.set(place(p), (count.get(place(p)) ?? 0) + 1);
    return all.map((p) =>
      SLOT_HINT.test(p.message) && count.get(place(p))! > 1
        ? { ...p, message: p.message.replace(SLOT_HINT, "") }
        : p
    ).sort(byLocation);
  }

  /** How many problems of a severity. */
  count(severity: Severity): number {
    let n = 0;
    for (const p of this.byLocation.values()) if (p.severity === severity) n++;
    return n;
  }
}

function byLocation(a: Problem, b: Problem): number {
  const fa = a.origin?.file ?? "\uffff", fb = b.origin?.file ?? "\uffff";
  if (fa !== fb) return fa < fb ? -1 : 1;
  return ((a.origin?.line ?? 0) - (b.origin?.line ?? 0)) ||
    ((a.origin?.col ?? 0) - (b.origin?.col ?? 0));
}

/**
 * A StrataError as a problem.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { fromError } from "./problems.ts";
 * const p = fromError(new StrataError(ErrorCode.Key, "no", { fullKey: "a.b" }));
 * assert.equal(p.fullKey, "a.b");
 * assert.equal(p.severity, "error");
 * ```
 */
export function fromError(e: StrataError, composition?: string): Problem {
  // Hydra's trailer lists the search path: true, but it names temp dirs and buries the message.
  // What follows it (a plugin's hint: `'colorlog' comes from Hydra's hydra-colorlog plugin`) stays.
  let message = e.message.replace(/\s*Config search path:(\n[ \t]+[^\n]*)*/, "");
  // a related note that is nowhere (compose's "primary configs there: ...", a pkg:// search path
  // strata cannot read, a plugin's hint) is part of the message, on a line of its own: the text
  // report indents it under the problem, as compose its related lines, rather than gluing it to
  // the message's last line (an "Available options" entry)
  // and so is one at the error's own place (the cause of an override's "Error merging override":
  // `Value 'maybe' is not a valid bool`), which the text report would otherwise not print
  const own = e.origin;
  const samePlace = (o: Origin) =>
    own !== undefined && o.file === own.file && o.line === own.line && o.col === own.col &&
    o.override === own.override && o.list === own.list;
  const located: Related[] = [];
  for (const r of e.related) {
    const o = r.origin;
    const nowhere = o.file === undefined && o.line === undefined && o.override === undefined;
    if (nowhere || samePlace(o)) message += `\n${r.message}`;
    else located.push(r);
  }
  const p: Problem = { severity: "error", code: e.code, message };
  if (e.fullKey !== undefined && e.fullKey !== "") p.fullKey = e.fullKey;
  const origin = e.origin ?? e.related.find((r) => r.origin.file)?.origin;
  if (origin) p.origin = origin;
  if (e.suggestions.length > 0) p.suggestions = e.suggestions;
  // a defaults list's error names the other entry it conflicts with (Hydra's own `job_logging:
  // default` beside the user's `hydra/job_logging: colorlog`): JSON's related, as compose says it
  // and so does a merge of a mapping with a list, the other side (an option holding a list: v69)
  if ((e.code === ErrorCode.Composition || e.code === ErrorCode.Type) && located.length > 0) {
    p.related = located;
  }
  if (composition) p.composition = composition;
  return p;
}

/**
 * The warnings Hydra prints before a composition fails (a primary defaults list without
 * `_self_`), as problems: compose says them before its error, and validate keeps them (checker
 * w37). Those with no place in a file (an override's, Hydra's own) are left to compose.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ErrorCode, StrataError } from "../errors.ts";
 * import { warningsOf } from "./problems.ts";
 * const e = new StrataError(ErrorCode.Composition, "no", {
 *   warnings: [{ message: "missing _self_", origin: { file: "c.yaml", line: 2, col: 3 } }],
 * });
 * assert.deepEqual(warningsOf(e).map((p) => [p.severity, p.message]), [["warning", "missing _self_"]]);
 * ```
 */
export function warningsOf(e: StrataError, composition?: string): Problem[] {
  return e.warnings.filter((w) => w.origin?.line !== undefined).map((w) => ({
    severity: "warning",
    code: "hydra-warning",
    message: w.message,
    origin: w.origin!,
    ...(composition ? { composition } : {}),
  }));
}
