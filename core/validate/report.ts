/**
 * The three shapes of a validation report: text (`file:line:col: error:
 * message`), JSON, and GitHub workflow annotations.
 *
 * @module
 */

import { formatDiagnostic, formatOrigin, suggestionsToSay } from "../errors.ts";
import { escapeUnprintable } from "../pyformat.ts";
import type { Problem } from "./problems.ts";
import type { Origin } from "../node.ts";
import { isAbsolute, relative, resolve } from "../path.ts";

/** What was checked, for the closing count. */
export interface Summary {
  problems: Problem[];
  /** YAML files checked. */
  files: number;
  /** Compositions checked. */
  compositions: number;
  /** Whether warnings count as errors. */
  strict: boolean;
  /** The top-level configs composed as primaries when the default primary is not there. */
  primaries?: string[];
  /** The files checked that take part in no composition (YAML only). */
  yamlOnly?: string[];
  /** Options left out as other primaries' (see ValidateResult). */
  partial?: { option: string; failsWith: string[]; composesWith: string[]; appended?: boolean }[];
  /** The files given that name nothing checked, with why (see ValidateResult). */
  unchecked?: { path: string; reason: string }[];
  /** Validated with no primary config, each option as `+group=x` (see ValidateResult). */
  noConfigName?: boolean;
  /** Groups whose options were tried in another composition than the primary's (see ValidateResult). */
  hosts?: { key: string; host: string }[];
  /** Files that do not load, with how many compositions include them (see ValidateResult). */
  unmerged?: { file: string; compositions: number }[];
  /** Other primaries checked without the overrides given (see ValidateResult). */
  unfitOverrides?: { config: string; override: string }[];
}

/** How many places of values read elsewhere a line names (JSON has them all). */
const LISTED = 5;

/**
 * Where the values a problem read were set, when that is not the problem's file (an experiment
 * or an override set a value a rule reads): `(trainer.gpus from conf/experiment/x.yaml:4:9)`.
 */
function readElsewhere(p: Problem): string {
  // key -> place -> the compositions that read it there ("" for the problem's own)
  const byKey = new Map<string, Map<string, string[]>>();
  let n = 0;
  for (const r of p.related ?? []) {
    const o = r.origin;
    // (a value of the override the problem is placed at is named there already: checker w55)
    // (and one at another line of the problem's file is named too: the line a commit changed may
    // be that one, `devices` of `batch_size % devices == 0`: checker w66 #3)
    const here = o.override === undefined
      ? o.file === p.origin?.file && (o.line === undefined || o.line === p.origin?.line)
      : o.override === p.origin?.override && o.text === p.origin?.text;
    if (r.fullKey === undefined || here) continue;
    // read in another composition than the problem's (problems.ts `mergeRelated` labels it):
    // said with it, else the file reads as the one the problem's composition took the value from
    const other = / \(with ([^()]*)\)$/.exec(r.message)?.[1] ?? "";
    const places = byKey.get(r.fullKey) ?? new Map<string, string[]>();
    const place = formatOrigin(o);
    const withs = places.get(place);
    if (withs !== undefined) {
      // one place read in several compositions is one place (its first composition said)
      if (!withs.includes(other)) withs.push(other);
      continue;
    }
    if (n++ >= LISTED) continue;
    places.set(place, [other]);
    byKey.set(r.fullKey, places);
  }
  if (byKey.size === 0) return "";
  const more = n > LISTED ? ` and ${n - LISTED} more` : "";
  const said = (place: string, withs: string[]) => {
    const first = withs[0];
    const others = withs.length - 1;
    if (first === "") return place;
    return `${place} with ${first}` +
      (others > 0 ? ` and ${others} more composition${others > 1 ? "s" : ""}` : "");
  };
  return ` (${
    [...byKey].map(([k, places]) =>
      `${k} from ${[...places].map(([place, withs]) => said(place, withs)).join(", ")}`
    ).join("; ")
  }${more})`;
}

/** `::notice` annotations at the places in other files where values a problem read were set. */
function readNotices(p: Problem, first: string, inRepo: (file: string) => string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of p.related ?? []) {
    const o = r.origin;
    if (r.fullKey === undefined || o.file === undefined || o.override !== undefined) continue;
    if ((o.file === p.origin?.file && o.line === p.origin?.line) || o.line === undefined) continue;
    const at = `${o.file}:${o.line}:${o.col ?? 1}`;
    if (seen.has(at) || out.length >= LISTED) continue;
    seen.add(at);
    const props = [`file=${escapeProperty(inRepo(o.file))}`, `line=${o.line}`];
    if (o.col !== undefined) props.push(`col=${o.col}`);
    props.push("title=strata validate");
    const where = p.origin?.file ? ` (at ${formatOrigin(p.origin)})` : "";
    out.push(
      `::notice ${props.join(",")}::${escapeData(`${r.fullKey} is read by: ${first}${where}`)}`,
    );
  }
  return out;
}

/**
 * The other place of a choice made twice (Hydra's "Multiple values for db" at the primary, and
 * "'db: b' is chosen here" in the experiment that added it): the line a pull request changed,
 * said in the text report and annotated on GitHub, not only in JSON's `related` (checker w30);
 * and the other side of a mapping merged with a list, which may be the mistake (checker v69).
 */
function chosenElsewhere(p: Problem): { message: string; origin: Origin }[] {
  return (p.related ?? []).filter((r) =>
    (r.message.endsWith(" is chosen here") || r.message.endsWith(" it is merged onto")) &&
    r.origin.file !== undefined &&
    r.origin.line !== undefined && r.origin.file !== p.origin?.file &&
    // (a file of the user's: not Hydra's own schema, `structured://hydra/config`)
    !r.origin.file.includes("://")
  );
}

/** What follows a problem's message `after` (its first line, in the text report). */
function details(p: Problem, after = p.message): string {
  let out = "";
  if (p.fullKey) out += ` [key: ${p.fullKey}]`;
  const said = suggestionsToSay(p.message, p.suggestions);
  // a sentence of its own after a message that ends without a stop (and no key after it)
  const stop = p.fullKey || /[.?!:)\]]$/.test(after) ? "" : ".";
  if (said.length > 0) out += `${stop} Did you mean ${said.map((s) => `'${s}'`).join(" or ")}?`;
  const more = (p.compositions?.length ?? 1) - 1;
  // "more compositions": a bare "and 2 more" read as more of the option's values
  const others = more === 1 ? " and 1 more composition" : ` and ${more} more compositions`;
  if (p.composition) out += ` (with ${p.composition}${more > 0 ? others : ""})`;
  for (const r of chosenElsewhere(p)) {
    out += ` (${r.message.replace(/ here$/, "")} at ${formatOrigin(r.origin)})`;
  }
  return out + readElsewhere(p);
}

function severityOf(p: Problem, strict: boolean): "error" | "warning" {
  return strict ? "error" : p.severity;
}

/**
 * `2 errors, 1 warning in 12 files, 9 compositions`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { countLine } from "./report.ts";
 * assert.equal(countLine({ problems: [], files: 3, compositions: 2, strict: false }),
 *   "no problems in 3 files, 2 compositions");
 * const error = { severity: "error" as const, code: "schema", message: "m" };
 * assert.equal(countLine({ problems: [error], files: 3, compositions: 0, strict: false }),
 *   "1 error in 3 files, no composition built");
 * ```
 */
export function countLine(s: Summary): string {
  const errors = s.problems.filter((p) => severityOf(p, s.strict) === "error").length;
  const warnings = s.problems.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const what = errors + warnings === 0
    ? "no problems"
    : [errors && plural(errors, "error"), warnings && plural(warnings, "warning")]
      .filter(Boolean).join(", ");
  // with errors and none built, "0 compositions" read as if nothing was tried
  const built = s.compositions === 0 && errors > 0
    ? "no composition built"
    : plural(s.compositions, "composition");
  return `${what} in ${plural(s.files, "file")}, ${built}`;
}

/**
 * A later line of a message, escaped but for one leading tab: the indentation of Hydra's lists
 * (`Available options in 'g':\n\ta\n\tb`, `Config search path:\n\tprovider=…`), which compose
 * prints as a tab too. A tab further in, or a second one (an option named `"\tx"`), is data.
 */
function continuationLine(line: string): string {
  return line.startsWith("\t") ? "\t" + escapeUnprintable(line.slice(1)) : escapeUnprintable(line);
}

/**
 * One line per problem (`conf/a.yaml:3:5: error: message [key: a.b]`, later
 * lines of a message indented), then the count.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatText } from "./report.ts";
 * const text = formatText({ files: 1, compositions: 1, strict: false, problems: [
 *   { severity: "error", code: "schema", message: "must be integer", fullKey: "bs",
 *     origin: { file: "conf/config.yaml", line: 2, col: 5 } },
 * ] });
 * assert.equal(text.split("\n")[0], "conf/config.yaml:2:5: error: must be integer [key: bs]");
 * // a value a failed rule read that was set in another file (or by an override) is named
 * const rule = formatText({ files: 1, compositions: 1, strict: false, problems: [
 *   { severity: "error", code: "rule", message: "bs % gpus", fullKey: "t",
 *     origin: { file: "conf/t/a.yaml", line: 1, col: 1 }, related: [
 *       { message: "read", fullKey: "t.bs", origin: { file: "conf/t/a.yaml", line: 1, col: 5 } },
 *       { message: "read", fullKey: "t.gpus", origin: { override: 0, text: "t.gpus=3" } }] },
 * ] });
 * assert.equal(rule.split("\n")[0],
 *   "conf/t/a.yaml:1:1: error: bs % gpus [key: t] (t.gpus from override #1 't.gpus=3')");
 * // ...but not when the problem is placed at that override already
 * const atOverride = formatText({ files: 1, compositions: 1, strict: false, problems: [
 *   { severity: "error", code: "rule", message: "gpus too large", fullKey: "t",
 *     origin: { override: 0, text: "t.gpus=3" }, related: [
 *       { message: "read", fullKey: "t.gpus", origin: { override: 0, text: "t.gpus=3" } }] },
 * ] });
 * assert.equal(atOverride.split("\n")[0],
 *   "override #1 't.gpus=3': error: gpus too large [key: t]");
 * ```
 */
export function formatText(s: Summary): string {
  const lines: string[] = [];
  for (const p of s.problems) {
    const [first, ...rest] = p.message.split("\n");
    // one problem a line: a tab or CR of a key (`"a\tb": 1`) is shown as repr() escapes it, not
    // raw (JSON escapes its own; GitHub's annotations have their own escaping)
    const line = formatDiagnostic(severityOf(p, s.strict), first + details(p, first), p.origin);
    lines.push(escapeUnprintable(line));
    for (const r of rest) lines.push(r.trim() === "" ? "" : `    ${continuationLine(r)}`);
  }
  lines.push(countLine(s));
  return lines.join("\n") + "\n";
}

/**
 * The report as JSON: `{problems, errors, warnings, files, compositions}`, and `primaries`,
 * `yamlOnly`, `partial`, `unchecked`, `noConfigName`, `hosts`, `unmerged` and `unfitOverrides`
 * when set (see
 * ValidateResult): what the text report's notes say.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatJson } from "./report.ts";
 * const out = JSON.parse(formatJson({ problems: [], files: 2, compositions: 1, strict: false }));
 * assert.equal(out.errors, 0);
 * ```
 */
export function formatJson(s: Summary): string {
  // (no empty `suggestions`: a problem without any has none, as the others do; checker w44)
  const problems = s.problems.map(({ suggestions, ...p }) => ({
    ...p,
    severity: severityOf(p as Problem, s.strict),
    ...(suggestions?.length ? { suggestions } : {}),
  }));
  const errors = problems.filter((p) => p.severity === "error").length;
  return JSON.stringify(
    {
      problems,
      errors,
      warnings: problems.length - errors,
      files: s.files,
      compositions: s.compositions,
      ...(s.primaries ? { primaries: s.primaries } : {}),
      ...(s.yamlOnly ? { yamlOnly: s.yamlOnly } : {}),
      ...(s.partial ? { partial: s.partial } : {}),
      // what the text report says in its notes, for a program reading the JSON
      ...(s.unchecked?.length ? { unchecked: s.unchecked } : {}),
      ...(s.noConfigName ? { noConfigName: true } : {}),
      ...(s.hosts?.length ? { hosts: s.hosts } : {}),
      ...(s.unmerged?.length ? { unmerged: s.unmerged } : {}),
      ...(s.unfitOverrides?.length ? { unfitOverrides: s.unfitOverrides } : {}),
    },
    null,
    2,
  ) + "\n";
}

/** GitHub's workflow-command escaping of data and of property values. */
function escapeData(s: string): string {
  return s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}
function escapeProperty(s: string): string {
  return escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/**
 * GitHub Actions annotations (`::error file=…,line=…,col=…::message`), then the count.
 * With `root` (the repository's), files are named relative to it, as GitHub matches them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatGithub } from "./report.ts";
 * const out = formatGithub({ files: 1, compositions: 1, strict: false, problems: [
 *   { severity: "warning", code: "missing-value", message: "Missing mandatory value",
 *     origin: { file: "conf/config.yaml", line: 4, col: 7 } },
 * ] });
 * assert.equal(out.split("\n")[0],
 *   "::warning file=conf/config.yaml,line=4,col=7,title=strata validate::Missing mandatory value");
 * ```
 */
export function formatGithub(s: Summary, root?: string): string {
  // GitHub matches `file=` against the repository's paths: relative to its root, not to where
  // strata runs (a monorepo's sub-directory; checker w42)
  const inRepo = (file: string) => {
    if (root === undefined) return file;
    const rel = relative(root, resolve(file));
    return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
  };
  const lines: string[] = [];
  for (const p of s.problems) {
    const props: string[] = [];
    const o = p.origin;
    // (an override written in a file, .strata.yaml's validate.overrides, is annotated there)
    if (o?.file !== undefined) {
      props.push(`file=${escapeProperty(inRepo(o.file))}`);
      if (o.line !== undefined) props.push(`line=${o.line}`);
      if (o.col !== undefined) props.push(`col=${o.col}`);
    }
    props.push("title=strata validate");
    // the override, not again the place the annotation is at
    const where = o?.override !== undefined
      ? `${formatOrigin({ override: o.override, text: o.text, list: o.list })}: `
      : "";
    // the key and did-you-mean on the first line, as the text report puts them (after a list of
    // options they would read as the last option's)
    const [first, ...rest] = p.message.split("\n");
    const text = [first + details(p, first), ...rest].join("\n");
    lines.push(`::${severityOf(p, s.strict)} ${props.join(",")}::${escapeData(where + text)}`);
    // a value the problem read that was set in another file (an experiment's, which the pull
    // request changed): a notice there too, as GitHub shows annotations on the diff's lines only
    lines.push(...readNotices(p, first, inRepo));
    // one problem at several places (an undeclared resolver called at each): an annotation at
    // every one, as a pull request's diff shows annotations on its own lines only (checker w29)
    const elsewhere = chosenElsewhere(p);
    for (const r of p.related ?? []) {
      const at = r.origin;
      const also = r.message.startsWith("also calls it") || elsewhere.includes(r);
      if (!also || at.file === undefined) continue;
      const place = [`file=${escapeProperty(inRepo(at.file))}`];
      if (at.line !== undefined) place.push(`line=${at.line}`);
      if (at.col !== undefined) place.push(`col=${at.col}`);
      place.push("title=strata validate");
      lines.push(`::${severityOf(p, s.strict)} ${place.join(",")}::${escapeData(first)}`);
    }
  }
  lines.push(countLine(s));
  return lines.join("\n") + "\n";
}
