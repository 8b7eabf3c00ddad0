/**
 * What `strata validate` does once its arguments are parsed (loaded by the
 * command's action in ./validate.ts, so other commands never load ajv or CEL).
 *
 * @module
 */

import { ErrorCode, isStrataError, StrataError } from "../core/errors.ts";
import { fromError, type Problem } from "../core/validate/problems.ts";
import { relative, resolve } from "../core/path.ts";
import type { Origin } from "../core/node.ts";
import { formatGithub, formatJson, formatText, type Summary } from "../core/validate/report.ts";
import {
  ignoredInTree,
  indexContents,
  repositoryRoot,
  unstagedInTree,
} from "../core/validate/staged.ts";
import { validate, type ValidateResult } from "../core/validate/validate.ts";
import { parseOverrides } from "../core/override/parse.ts";
import { writeErr, writeOut } from "./output.ts";
import { absentInCommit, noteUnstaged, readCommit } from "./validate_staged.ts";
import { withFileOverlay } from "../core/file_overlay.ts";
import { projectDirs, projectSettings } from "./settings.ts";
import { otherSettingsErrors, otherUnknownSettings } from "../core/validate/settings_keys.ts";
import type { ValidateOpts } from "./validate.ts";
import { wandbSpecNote } from "./validate_wandb_note.ts";
import { withoutFailingOverrides } from "../core/validate/failing_settings_overrides.ts";

/**
 * Validates the tree and prints the report; a failed check throws the count
 * as the command's error (exit 1).
 *
 * @example
 * ```ts ignore
 * import { buildProgram } from "./main.ts";
 * await buildProgram().parseAsync(["validate", "-d", "conf"], { from: "user" });
 * ```
 */
export async function validateAction(
  files: string[],
  opts: ValidateOpts,
  cmd: { getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  try {
    await validateChecked(files, opts, cmd);
  } catch (e) {
    // -f github: what stops the check itself (bad usage, a settings file that does not read) is
    // an annotation too, or the pull request shows nothing of it (checker w62 #4)
    if (opts.format === "github" && isStrataError(e) && e.code !== ErrorCode.Validation) {
      const root = Deno.env.get("GITHUB_WORKSPACE") || repositoryRoot(Deno.cwd());
      const summary = { problems: [fromError(e)], files: 0, compositions: 0, strict: false };
      writeOut(formatGithub(summary, root).split("\n")[0] + "\n");
    }
    throw e;
  }
}

async function validateChecked(
  files: string[],
  opts: ValidateOpts,
  cmd: { getOptionValueSource(key: string): string | undefined },
): Promise<void> {
  // an --override that does not parse is bad usage (exit 2) as on every command, not a problem of
  // the tree: thrown before anything is composed
  parseOverrides(opts.override ?? []);
  let selected = files.length > 0 ? files : undefined;
  const { staged, range, settingsIndexed } = opts.staged
    ? readCommit()
    : { staged: undefined, range: undefined, settingsIndexed: undefined };
  // outside a git repository (or without git) there is nothing staged to narrow the check to
  if (opts.staged && staged === undefined) selected = undefined;
  if (staged && staged.removed.length > 0) selected = undefined; // what names them may break
  // no FILES (a plain git hook runs `strata validate --staged`): the staged YAML files, as the
  // pre-commit hooks pass them, not the whole tree (checker v54 #3)
  else if (staged && files.length === 0 && staged.changed.length > 0) selected = staged.changed;
  const noYamlStaged = staged !== undefined && selected === undefined &&
    staged.removed.length === 0 && staged.changed.length === 0;
  // --format json stays JSON (a report with nothing checked) for whatever reads it
  const nothingToCheck = () =>
    writeOut(
      opts.format === "json"
        ? formatJson({ problems: [], files: 0, compositions: 0, strict: opts.strict })
        : range
        ? `no YAML change from ${range.from} to ${range.to}: nothing to check\n`
        : "no YAML change staged: nothing to check\n",
    );
  // a commit with nothing to check runs no resolvers module (the hook runs on every commit):
  // what .strata.yaml names is read without importing it
  if (noYamlStaged && (opts.resolvers ?? []).length === 0) {
    let module: string | undefined;
    try {
      module = withFileOverlay(settingsIndexed, () => projectDirs(cmd, opts)).settings
        .resolverModule;
    } catch {
      return nothingToCheck();
    }
    if (module === undefined || !staged.other.includes(module)) return nothingToCheck();
  }
  let project;
  // .strata.yaml's unknown settings: reported with the tree's problems, not instead of them
  const unknownSettings: StrataError[] = [];
  try {
    project = await withFileOverlay(
      settingsIndexed,
      () => projectSettings(cmd, opts, opts.resolvers ?? [], unknownSettings),
    );
    // the resolvers module .strata.yaml names may change any value: the whole tree, staged
    const module = project.settings.resolverModule;
    if (module !== undefined && staged?.other.includes(module)) selected = undefined;
    else if (noYamlStaged) return nothingToCheck();
  } catch (e) {
    if (noYamlStaged) return nothingToCheck();
    // a mistake in .strata.yaml (an unknown setting) is a problem at its line, reported as the
    // tree's are (a GitHub annotation too); a missing directory stays bad usage
    if (!isStrataError(e) || e.code === ErrorCode.Usage || e.origin?.file === undefined) throw e;
    const p = fromError(e);
    // the file's other unknown settings and wrong ones, each a problem at its line (not one
    // per run: checker w35, w37)
    const others = [
      ...otherUnknownSettings(e),
      ...otherSettingsErrors(e).flatMap((o) => [o, ...otherUnknownSettings(o)]),
      ...unknownSettings.flatMap((u) => [u, ...otherUnknownSettings(u)]),
    ].map((o) => fromError(o));
    const all = [p, ...others];
    for (const q of all) if (q.origin) q.origin = fromHere(q.origin);
    all.sort((a, b) => (a.origin?.line ?? 0) - (b.origin?.line ?? 0));
    // the file checked is .strata.yaml (not "in 0 files": checker x26)
    return report({ problems: all, files: 1, compositions: 0 }, opts);
  }
  const treeDirs = [project.configDir, ...project.searchPath];
  // a plain git hook leaves unstaged changes on disk (pre-commit stashes them): the index's copy
  // is what the commit holds, and what is checked (not for a range of commits: nothing is staged)
  const indexed = staged && range === undefined
    ? indexContents(staged.root, unstagedInTree(staged.unstaged, treeDirs))
    : undefined;
  if (staged) noteUnstaged(staged.unstaged, treeDirs, indexed);
  // untracked config files are not in the commit: read as absent, and said
  // (and ignored ones: a `conf/local/` each developer keeps is not on a fresh clone either)
  const untracked = staged
    ? [...unstagedInTree(staged.untracked, treeDirs), ...ignoredInTree(staged.ignored, treeDirs)]
    : [];
  if (untracked.length > 0) {
    const shown = untracked.slice(0, 5).map((f) => relative(Deno.cwd(), f));
    const more = untracked.length > 5 ? ` and ${untracked.length - 5} more` : "";
    writeErr(
      `note: --staged: ${shown.join(", ")}${more} ${untracked.length > 1 ? "are" : "is"} not ` +
        "tracked by git, so not in the commit: read as absent (git add what the commit needs)",
    );
    selected = undefined; // what names them may break
  }
  const settingsOverrides = project.settings.validateOverrides ?? [];
  // validate with the command line's overrides and .strata.yaml's items `kept`
  const check = (kept: number[]) =>
    validate({
      configDir: project.configDir,
      configName: project.configName,
      configNameAt: project.configNameAt && fromHere(project.configNameAt),
      versionBase: project.versionBase,
      configNameIsDefault: cmd.getOptionValueSource("configName") !== "cli" &&
        project.settings.configName === undefined,
      searchPath: project.searchPath,
      // the command line's, then .strata.yaml's (keys the app sets itself after composing)
      overrides: [...(opts.override ?? []), ...kept.map((i) => settingsOverrides[i])],
      files: selected,
      ...(staged ? { absent: absentInCommit(staged.removed, untracked, range !== undefined) } : {}),
      ...(indexed && indexed.size > 0 ? { staged: indexed } : {}),
      resolvers: project.resolvers,
      opaque: project.settings.opaqueResolvers,
      optionScopes: project.settings.optionScopes?.map((s) => ({
        ...s,
        primaryAt: s.primaryAt && fromHere(s.primaryAt),
        groupAt: s.groupAt && fromHere(s.groupAt),
        globsAt: s.globsAt.map((at) => at && fromHere(at)),
      })),
      exclude: project.settings.exclude?.map((g) => ({ ...g, at: g.at && fromHere(g.at) })),
      together: project.settings.together?.map((t) => ({
        ...t,
        at: t.at && fromHere(t.at),
        overridesAt: t.overridesAt?.map((o) => o && fromHere(o)),
      })),
    });
  const given = (opts.override ?? []).length;
  // one of .strata.yaml's overrides that fails the primary composition does not hide the tree's
  // problems: reported, and the tree checked again without it (core/validate)
  const result = await withoutFailingOverrides(settingsOverrides.length, given, check);
  // .strata.yaml's validate.overrides follow the command line's: an error in one is numbered in
  // that list, not as an override the command line never had
  if (settingsOverrides.length > 0) {
    const at = (project.settings.validateOverridesAt ?? []).map((o) => o && fromHere(o));
    const index = project.settings.validateOverridesIndex ?? at.map((_, i) => i);
    result.problems = result.problems.map((p) => inSettingsList(p, given, at, index));
  }
  // .strata.yaml's unknown settings, each at its line (a misspelt `validate.exclud` may be why the
  // tree's report differs)
  const said = unknownSettings.flatMap((e) => [
    fromError(e),
    ...otherUnknownSettings(e).map((o) => fromError(o)),
  ]);
  for (const q of said) if (q.origin) q.origin = fromHere(q.origin);
  // first, with the problems the tree found in .strata.yaml (options, together, overrides), all
  // in line order (checker w40: the tree's came first)
  const settingsFile = project.settings.file && resolve(project.settings.file);
  const inSettings = (p: Problem) =>
    p.origin?.file !== undefined && resolve(p.origin.file) === settingsFile;
  const first = [...said, ...result.problems.filter(inSettings)];
  first.sort((a, b) =>
    (a.origin?.line ?? 0) - (b.origin?.line ?? 0) || (a.origin?.col ?? 0) - (b.origin?.col ?? 0)
  );
  result.problems = [...first, ...result.problems.filter((p) => !inSettings(p))];
  if (said.length > 0) result.files += 1;
  // pre-commit passes every staged .yaml (a CI workflow too): one outside the tree is a note
  const unchecked = result.unchecked ?? [];
  for (const u of unchecked) writeErr(`note: ${u.path}: ${u.reason}: not checked`);
  if (result.primaries) {
    // one top-level config: validated as its -n would validate it (options swapped in)
    const one = result.primaries.length === 1;
    writeErr(
      `note: ${project.configDir} has no ${project.configName}.yaml and no config name was given ` +
        `(-n, .strata.yaml config_name): ` +
        (one && !result.primaries[0].includes("/")
          ? `validated its one top-level config as the primary, as -n ${result.primaries[0]} does`
          : one
          ? `no top-level config either: validated ${result.primaries[0]} as the primary, as ` +
            `-n ${result.primaries[0]} does, and the other configs no defaults list names as ` +
            "primaries of their own (their problems say --config-name=...)"
          : (result.primaries.some((p) => p.includes("/"))
            ? "validated the top-level configs, and those in sub-directories no defaults list " +
              "names, as primaries: "
            : "validated the top-level configs as primaries: ") +
            (result.primaries.join(", ") || "none")),
    );
  }
  if (result.noConfigName) {
    writeErr(
      `note: ${project.configDir} has no ${project.configName}.yaml, no top-level config and no ` +
        "config name was given (-n, .strata.yaml config_name): validated as --no-config-name " +
        "does, each option added as +group=option (an app whose @hydra.main names no config_name)",
    );
  }
  // an option no composition uses: its edit checked nothing but the YAML (JSON lists them all)
  if (result.yamlOnly && opts.format !== "json") writeErr(yamlOnlyNote(result.yamlOnly));
  // a label `(with solver=jasco/chords conditioner=x)`: the solver is validate's pick, said so
  // (one line per composition they were checked with, naming its keys: not one per key, six
  // near-identical lines for six packages of one group: checker v44)
  const byHost = new Map<string, string[]>();
  for (const { key, host } of opts.format !== "json" ? result.hosts ?? [] : []) {
    byHost.set(host, [...byHost.get(host) ?? [], key]);
  }
  for (const [host, unsorted] of byHost) {
    const keys = [...unsorted].sort();
    const named = keys.length === 1
      ? `${keys[0]}'s options were`
      : `the options of ${keys.slice(0, -1).join(", ")} and ${keys.at(-1)} were`;
    writeErr(
      `note: ${named} checked with ${host}: the first composition found that composes and ` +
        `chooses ${keys.length === 1 ? keys[0] : "them"} (the primary config's own does not)`,
    );
  }
  // options left out as other primaries' (their errors with these are not reported): said, with
  // how to see them, so a clean report does not read as "composes with every primary"
  if (opts.format !== "json") {
    for (const line of partialNotes(result.partial ?? [])) writeErr(line);
  }
  // compositions that include a file that does not load: their defaults lists were checked, their
  // values will be once it loads (a key it holds would read as missing now)
  for (const { file, compositions } of opts.format !== "json" ? result.unmerged ?? [] : []) {
    const one = compositions === 1;
    writeErr(
      `note: ${compositions} composition${one ? " includes" : "s include"} ${file}, which does ` +
        `not load: ${one ? "its defaults list was" : "their defaults lists were"} checked, ` +
        `${one ? "its" : "their"} values will be once it loads`,
    );
  }
  // W&B sweep specs kept beside the configs (their `${program}`s not found): how to leave them out
  if (opts.format !== "json") {
    const wandb = wandbSpecNote(result.problems, project.configDir);
    if (wandb) writeErr(wandb);
  }
  // other top-level primaries the overrides given do not fit: checked without them
  const unfit = opts.format !== "json" ? result.unfitOverrides ?? [] : [];
  if (unfit.length > 0) {
    const named = unfit.slice(0, 3).map((u) => u.config).join(", ");
    const more = unfit.length > 3 ? ` and ${unfit.length - 3} more` : "";
    writeErr(
      `note: '${unfit[0].override}' does not fit ${named}${more} (${
        unfit.length === 1
          ? "another top-level config composed as a primary"
          : "other top-level configs composed as primaries"
      }): checked without the overrides given that do not fit it, which are the validated ` +
        "primary's",
    );
  }
  const none = selected !== undefined && unchecked.length === selected.length &&
    result.problems.length === 0 && opts.format !== "json";
  if (none) {
    const dir = project.configDir.replace(/[\\/]*$/, "/");
    // files of the tree that validate.exclude leaves out are said so, not "not a config file"
    const excluded = unchecked.filter((u) => u.reason.startsWith("excluded")).length;
    const n = selected!.length;
    return writeOut(
      `nothing checked: ${
        excluded === n
          ? n === 1 ? "the file given is excluded" : `the ${n} files given are excluded`
          : n === 1
          ? "the file given is not"
          : `none of the ${n} files given is`
      }${
        excluded === n
          ? " by validate.exclude"
          : ` a config file of ${dir}${excluded > 0 ? " that validate.exclude leaves in" : ""}`
      }\n`,
    );
  }
  report(result, opts);
}

/** How many files, and which, took part in no composition. */
function yamlOnlyNote(files: string[]): string {
  const listed = files.slice(0, LISTED).join(", ");
  const more = files.length > LISTED ? ` and ${files.length - LISTED} more` : "";
  const what = files.length === 1 ? "1 file takes" : `${files.length} files take`;
  return `note: ${what} part in no composition (checked as YAML only): ${listed}${more}`;
}

/**
 * The notes of options that fail with some primaries choosing their group and compose with
 * others: one per option, the first few (JSON lists them all, in `partial`).
 */
function partialNotes(partial: NonNullable<ValidateResult["partial"]>): string[] {
  const names = (xs: string[]) => {
    const shown = xs.slice(0, 4);
    if (xs.length > shown.length) return `${shown.join(", ")} and ${xs.length - shown.length} more`;
    return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
  };
  const notes = partial.slice(0, LISTED).map(({ option, failsWith, composesWith, appended }) => {
    const one = failsWith.length === 1;
    const why = appended
      ? "(no primary chooses its group: it is added to each)"
      : `, which ${one ? "chooses" : "choose"} its group,`;
    return `note: ${option} fails with ${names(failsWith)}${appended ? " " : ""}${why} and ` +
      `composes with ${names(composesWith)}: taken as ` +
      `${composesWith.length === 1 ? "that one's" : "their"} option (validate -n ${failsWith[0]} ` +
      "shows the errors)";
  });
  const more = partial.length - notes.length;
  if (more > 0) {
    notes.push(`note: ${more} more option${more === 1 ? "" : "s"} likewise (-f json lists them)`);
  }
  return notes;
}

/** How many files a note names (JSON has them all). */
const LISTED = 5;

/** Prints the report; a failed check throws the count as the command's error (exit 1). */
function report(result: Omit<Summary, "strict">, opts: ValidateOpts): void {
  const summary: Summary = { ...result, strict: opts.strict };
  const failed = result.problems.some((p) => opts.strict || p.severity === "error");
  const report = opts.format === "json"
    ? formatJson(summary)
    : opts.format === "github"
    ? formatGithub(summary, Deno.env.get("GITHUB_WORKSPACE") || repositoryRoot(Deno.cwd()))
    : formatText(summary);
  if (!failed) {
    writeOut(report);
    return;
  }
  // The count goes to stderr as the command's error, so the exit code is 1.
  const lines = report.trimEnd().split("\n");
  const count = opts.format === "json" ? lines.at(-1)! : lines.pop()!;
  writeOut(opts.format === "json" ? report : lines.join("\n") + "\n");
  throw new StrataError(
    ErrorCode.Validation,
    opts.format === "json" ? "validation failed" : count,
  );
}

/**
 * A place in `.strata.yaml` named as the tree's files are, from here (GitHub
 * annotates a path in the repository); one outside the working directory stays absolute.
 */
function fromHere(origin: Origin): Origin {
  if (origin.file === undefined) return origin;
  const rel = relative(Deno.cwd(), origin.file);
  return rel.startsWith("..") ? origin : { ...origin, file: rel };
}

/**
 * A problem whose origin is one of .strata.yaml's validate.overrides, numbered in that list, and
 * placed where it is written there (a GitHub annotation lands on that line).
 */
function inSettingsList(
  p: Problem,
  given: number,
  at: readonly (Origin | undefined)[],
  index: readonly number[],
): Problem {
  const moved = (o: Origin): Origin => {
    if (o.override === undefined || o.list !== undefined || o.override < given) return o;
    const written = at[o.override - given];
    return {
      ...o,
      // numbered in the list as written (an item that does not parse is not among them)
      override: index[o.override - given] ?? o.override - given,
      list: ".strata.yaml validate.overrides",
      ...(written?.file === undefined
        ? {}
        : { file: written.file, line: written.line, col: written.col }),
    };
  };
  return {
    ...p,
    ...(p.origin ? { origin: moved(p.origin) } : {}),
    ...(p.related ? { related: p.related.map((r) => ({ ...r, origin: moved(r.origin) })) } : {}),
  };
}
