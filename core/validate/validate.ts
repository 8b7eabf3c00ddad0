/**
 * `strata validate`: every YAML file of a conf/ tree on its own, then every
 * composition (the primary config and each group option in place of its
 * default), its interpolations and `???` values, and the schemas in
 * `_schema/`. With `files` (what pre-commit passes) only those files and the
 * compositions they take part in are checked.
 *
 * @module
 */

import { resolve } from "../path.ts";
import type { DefaultsInfo } from "../compose/compose.ts";
import { withFileSnapshot } from "../compose/source.ts";
import { consolidate, KNOWN_RESOLVERS } from "./consolidate.ts";
import { checkFile, checkTreeFiles, MAX_CONFIG_BYTES } from "./files.ts";
import type { Origin } from "../node.ts";
import { namedInTree, planRepository } from "./plan_reads.ts";
import { type Plan, planCompositions } from "./plans.ts";
import {
  partnerPlans,
  planChoices,
  planEachPrimary,
  problemsOfSomewhere,
  type Spared,
} from "./plan_inferred.ts";
import { type Problem, Problems } from "./problems.ts";
import { FileSelection, uncheckedPaths } from "./paths.ts";
import { addSearchDirs, realPathOf, searchPathDirs } from "./search_dirs.ts";
import { deepConfigs, linksToDeep } from "./plan_groups.ts";
import { headerlessAmongGlobals } from "./header_siblings.ts";
import { shadowedByHydra } from "./shadowed.ts";
import { SETTINGS_FILE } from "./settings.ts";
import { BROKEN_SYMLINK, walkConfTree } from "./tree.ts";
import { allowedOption, checkOptionScopes } from "./option_scope.ts";
import { checkComposition, type SchemaCheck } from "./composition_check.ts";
import { excludeFiles } from "./exclude.ts";
import { checkConfigDir, checkSearchDirs } from "./config_dir_check.ts";
import { hasSchemas, readTreeSchemas } from "./tree_schemas.ts";
import { primariesOf } from "./primaries_of.ts";
import { unfitOverrides } from "./unfit_overrides.ts";
import { mergeJobResults, sweepJobs } from "./sweep_jobs.ts";

export type { ValidateOptions, ValidateResult } from "./validate_types.ts";
import type { ValidateOptions, ValidateResult } from "./validate_types.ts";
import { overrideChoiceFile } from "./choice_file.ts";
import { fileSize, withFileOverlay } from "../file_overlay.ts";

function tooLarge(file: string): boolean {
  try {
    return fileSize(file) > MAX_CONFIG_BYTES;
  } catch {
    return false;
  }
}

/**
 * Validates a conf/ tree (or the parts of it that `files` touch).
 *
 * @throws {StrataError} `usage` when the config directory does not exist.
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validate } from "./validate.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.mkdirSync(dir + "/db");
 * Deno.writeTextFileSync(dir + "/config.yaml", "defaults:\n  - db: a\n  - _self_\nport: ${db.port}\n");
 * Deno.writeTextFileSync(dir + "/db/a.yaml", "port: 1\n");
 * Deno.writeTextFileSync(dir + "/db/b.yaml", "prot: 2\n");
 * const r = await validate({ configDir: dir, configName: "config" });
 * assert.equal(r.compositions, 2);
 * assert.equal(r.problems.length, 1);
 * assert.equal(r.problems[0].composition, "db=b");
 * assert.equal(r.problems[0].origin?.line, 4);
 * ```
 */
export async function validate(opts: ValidateOptions): Promise<ValidateResult> {
  // `-n config.yaml` names the config `config`, as Hydra reads it (its schema, its siblings)
  opts = { ...opts, configName: opts.configName?.replace(/\.yaml$/, "") ?? null };
  // ajv and the CEL evaluator load only for trees with schemas (ajv alone costs ~60 ms at startup).
  const schemaCheck = hasSchemas(opts.configDir) ? await import("./schema_check.ts") : undefined;
  const result = withFileOverlay(
    opts.staged,
    () => withFileSnapshot(() => validateJobs(opts, schemaCheck), opts.absent),
  );
  const known = [...KNOWN_RESOLVERS, ...Object.keys(opts.resolvers ?? {}), ...(opts.opaque ?? [])];
  const files = opts.files;
  const given = files ? withFileOverlay(opts.staged, () => new FileSelection(files)) : undefined;
  const inGiven = given &&
    ((p: Problem) => p.origin?.file !== undefined && given.has(p.origin.file));
  return { ...result, problems: consolidate(result.problems, known, inGiven) };
}

/** The tree validated with the overrides, or with each job's of the sweep they make. */
function validateJobs(opts: ValidateOptions, schemaCheck?: SchemaCheck): ValidateResult {
  const found = sweepJobs(opts);
  if (found === undefined) return validateTree(opts, schemaCheck);
  if ("problem" in found) return validateTree(opts, schemaCheck, found.problem);
  const results = found.jobs.map((overrides) => validateTree({ ...opts, overrides }, schemaCheck));
  return mergeJobResults(opts.overrides ?? [], found.jobs, results);
}

/**
 * The tree validated with `opts.overrides`, which sweep nothing; `sweepProblem` is why a sweep
 * among them is not validated job by job (./sweep_jobs.ts): said with the files' own problems.
 */
function validateTree(
  opts: ValidateOptions,
  schemaCheck?: SchemaCheck,
  sweepProblem?: Problem,
): ValidateResult {
  checkConfigDir(opts.configDir, opts.files ?? []);
  checkSearchDirs(opts.searchPath ?? []);
  const problems = new Problems();
  // Options found through the search path are checked as the config directory's are.
  const searchDirs = searchPathDirs(opts);
  const own = walkConfTree(opts.configDir, searchDirs.map(realPathOf));
  const tree = addSearchDirs(own, searchDirs, [
    realPathOf(opts.configDir),
    ...searchDirs.map(realPathOf),
  ]);
  // a dangling symlink is no option (Hydra does not list it): said in a run that reads the tree,
  // not in a FILES run that does not name it (pre-commit)
  const selected = opts.files ? new FileSelection(opts.files) : undefined;
  const everything = !selected ||
    [...selected.files].some((f) =>
      f.endsWith("/" + SETTINGS_FILE) || f.endsWith("\\" + SETTINGS_FILE)
    );
  // the files given that Hydra does not read (a `.yml`), each checked and said: counted (a commit
  // of one is not "in 0 files": checker w37)
  let givenUnread = 0;
  for (const p of tree.problems) {
    // a file Hydra does not read (a dangling link, a `.yml`) is said when it is given or the
    // whole tree is read, not in a pre-commit run about other files
    const aboutAFile = p.code === BROKEN_SYMLINK || p.code === "config-file";
    const given = aboutAFile && selected?.has(p.origin?.file ?? "") === true;
    if (given) givenUnread++;
    if (everything || !aboutAFile || given) problems.add(p);
  }

  const treeSchemas = readTreeSchemas(
    opts,
    tree,
    schemaCheck,
    (file) => everything || selected.has(file),
    problems,
  );
  const { schemas, selectedSchemaGroups } = treeSchemas;

  // `validate.exclude`: files the app reads itself (OmegaConf.load), not Hydra options: neither
  // checked nor composed as options (a composition that includes one still reads it)
  const excluded = excludeFiles(opts, tree.files, searchDirs);
  for (const p of excluded.problems) problems.add(p);
  const files = tree.files.filter((f) =>
    !excluded.files.has(resolve(f.file)) && (everything || selected.has(f.file))
  );
  const warnedFiles = new Set<string>();
  for (const p of tree.problems) {
    if (p.code === "config-file" && p.origin?.file) warnedFiles.add(resolve(p.origin.file));
  }
  const brokenSchemas = treeSchemas.broken;
  const unchecked = selected && !everything
    ? uncheckedPaths(
      selected,
      [
        ...tree.files.map((f) => resolve(f.file)).filter((f) => !excluded.files.has(f)),
        ...[...treeSchemas.files.values()].map((f) => resolve(f.file)),
        // a schema that does not load was read, and its error is reported (checker w34)
        ...brokenSchemas,
      ],
      [opts.configDir, ...searchDirs],
      opts.configDir,
    ).map((u) =>
      excluded.files.has(resolve(u.path)) ? { ...u, reason: "excluded by validate.exclude" } : u
    )
      // a `.yml` given is warned of as one Hydra does not read: no "not checked" note too
      .filter((u) => !warnedFiles.has(resolve(u.path)))
    : [];
  // the settings' scopes name configs and groups of this tree (checked however few files are given)
  const scopes = opts.optionScopes ?? [];
  const configs = tree.files.map((f) => f.configPath);
  for (const p of checkOptionScopes(scopes, tree.groups, configs)) problems.add(p);
  // files that do not load (absolute path → as shown), and the configs not composed
  const { broken, skip } = checkTreeFiles(files, opts.versionBase, problems);
  for (const p of headerlessAmongGlobals(tree.files, files)) problems.add(p);
  for (const p of shadowedByHydra(files)) problems.add(p);
  for (const f of tree.files) if (excluded.files.has(resolve(f.file))) skip.add(f.configPath);
  // Files not checked here are not selected either when they are too big to load at all.
  for (const f of tree.files) if (tooLarge(f.file)) skip.add(f.configPath);
  // The default primary that is not there (and was not named): the top-level configs are the
  // primaries (composed below as they are beside any primary), and nothing fails for it.
  const topLevel = own.files.map((f) => f.configPath).filter((c) => !c.includes("/"));
  // configs two or more directories down: primaries named by their path in a tree without one
  // (sam2's `compose(config_name="configs/sam2.1/sam2.1_hiera_l.yaml")`)
  const deep = own.files.some((f) =>
    f.configPath.split("/").length > 2 && !f.configPath.startsWith("hydra/")
  );
  const noPrimary = opts.configName !== null && opts.configNameIsDefault === true &&
    (topLevel.length > 0 || deep) && !tree.files.some((f) => f.configPath === opts.configName);
  if (noPrimary) skip.add(opts.configName!);
  // Groups alone (Hydra's tutorial layout: `conf/db/*.yaml`, an app whose @hydra.main names no
  // config_name): no config is a primary, so the tree is validated as --no-config-name validates
  // it, each option added as `+group=option`, not failed on the default primary it never had
  const groupsOnly = opts.configName !== null && opts.configNameIsDefault === true &&
    topLevel.length === 0 && !deep && tree.groups.size > 0 &&
    !tree.files.some((f) => f.configPath === opts.configName);
  if (groupsOnly) opts = { ...opts, configName: null, configNameAt: undefined };
  // the files checked: the configs and the schemas read, whether the tree is read whole or its
  // files are given (a commit that changes only a schema checks the compositions it applies to:
  // not "in 0 files"; the tree named or its files listed, one count: checker w56)
  const checkedFiles = files.length + selectedSchemaGroups.size +
    brokenSchemas.filter((f) => everything || selected.has(f)).length +
    (everything ? 0 : givenUnread);
  if (!everything && files.length === 0 && selectedSchemaGroups.size === 0) {
    return { problems: problems.list(), files: checkedFiles, compositions: 0, unchecked };
  }

  // a sweep in --override that is not validated job by job: said once, in validate's words
  if (sweepProblem !== undefined) {
    problems.add(sweepProblem);
    return { problems: problems.list(), files: checkedFiles, compositions: 0, unchecked };
  }
  const planOptions = {
    configDir: opts.configDir,
    configName: opts.configName,
    configNameAt: opts.configNameAt,
    versionBase: opts.versionBase,
    searchPath: opts.searchPath ?? [],
    overrides: opts.overrides ?? [],
    groups: tree.groups,
    skip,
    unloadable: new Set(broken.keys()),
    topLevel,
    deepPrimaries: noPrimary ? deepConfigs(own.groups) : undefined,
    deepAlone: noPrimary && linksToDeep(own.files),
    declaredPrimaries: [...new Set(scopes.map((s) => s.primary))].filter((p) =>
      p.includes("/") && configs.includes(p)
    ),
    together: opts.together,
    ...(scopes.length > 0
      ? {
        allowed: (c: string | null, g: string, o: string, k?: string) =>
          allowedOption(scopes, c, g, o, k),
        scopedGroups: (c: string) => scopes.filter((s) => s.primary === c).map((s) => s.group),
      }
      : {}),
  };
  let { plans, problems: planProblems, hosts } = planCompositions(planOptions);
  // Over some files, one outside them that does not load fails every composition reading it
  // before the given file's own errors are found (a pre-commit passed a broken file: checker
  // w27): it is read as empty, as a whole run reads it, and the compositions planned again
  const blocking = everything ? [] : tree.files.filter((f) =>
    !broken.has(resolve(f.file)) &&
    planProblems.some((p) => p.severity === "error" && p.origin?.file === f.file) &&
    checkFile(f.file, f.configPath, opts.versionBase).some((p) =>
      p.severity === "error" && p.code !== "defaults-keyword"
    )
  );
  if (blocking.length > 0) {
    for (const f of blocking) broken.set(resolve(f.file), f.file);
    planOptions.unloadable = new Set(broken.keys());
    ({ plans, problems: planProblems, hosts } = planCompositions(planOptions));
  }
  // One top-level config composed as the primary: validated as `-n NAME` validates it, its
  // groups' options swapped in (and its labels without `--config-name=NAME`)
  const fileOf = (c: string) => {
    const f = tree.files.find((f) => f.configPath === c);
    return f && resolve(f.file);
  };
  // what the top-level configs' defaults lists include whole, read from the files (not from the
  // compositions that built), asked only when a top-level config is read by none
  let included: Set<string> | undefined;
  const includedByOthers = (c: string) =>
    (included ??= namedInTree(planRepository(planOptions), topLevel).included).has(c);
  const inferred = noPrimary ? primariesOf(plans, topLevel, skip, fileOf, includedByOthers) : [];
  // Several (train.yaml, eval.yaml): each validated so, a group's options with the first that
  // chooses it (./plan_inferred.ts)
  const topInferred = inferred.filter((n) => !n.includes("/"));
  if (topInferred.length > 1) {
    ({ plans, problems: planProblems, hosts } = planEachPrimary(planOptions, topInferred));
  }
  // One top-level config (or, with none, one deep config): the configs in sub-directories beside
  // it that no defaults list named on the first pass are options of the groups it chooses
  // (`scen=a/two` beside `scen: a/one`), which the pass with it as the primary tries; the others
  // are still composed as primaries there (./plan_primaries.ts)
  const single = topInferred.length === 1
    ? topInferred[0]
    : inferred.length === 1
    ? inferred[0]
    : undefined;
  if (single !== undefined) {
    opts = {
      ...opts,
      configName: single,
      configNameAt: undefined,
      configNameIsDefault: false,
    };
    ({ plans, problems: planProblems, hosts } = planCompositions({
      ...planOptions,
      configName: single,
      configNameAt: undefined,
    }));
  }
  const relevant = plans.filter((p) =>
    everything ||
    [...p.files].some((f) => selected.has(f)) ||
    selectedSchemaGroups.has(p.configName ?? "") ||
    [...p.groups].some((g) => selectedSchemaGroups.has(g))
  );
  if (!everything) {
    treeSchemas.problemsOf((g) =>
      relevant.some((p) =>
        g === ""
          ? p.configName === undefined || p.configName === opts.configName
          : p.groups.has(g) || p.configName === g
      )
    );
  }
  // A composition that failed before its files were known (at an override: `module@_global_=x`
  // recursing) is about the options its label chooses: not about every file given (checker w24).
  const selectedConfigs = new Set(
    tree.files.filter((f) => selected?.has(f.file)).map((f) => f.configPath),
  );
  const choosesSelected = (label: string): boolean =>
    label.split(" ").some((o) => {
      const path = overrideChoiceFile(o);
      return path !== undefined && selectedConfigs.has(path);
    });
  for (const p of planProblems) {
    // A failed primary composition (no label) fails every file's default: say so even if it was
    // not among the files.
    // (or one a given file causes elsewhere: an experiment choosing a group the primary chose,
    // Hydra's "Multiple values for robot" at the primary, "'robot: tiny' is chosen here")
    const shown = everything || plans.length === 0 || !p.composition ||
      (!p.origin?.file ? choosesSelected(p.composition) : selected.has(p.origin.file)) ||
      (p.related ?? []).some((r) => r.origin.file !== undefined && selected.has(r.origin.file));
    // a file the check above refused (not UTF-8, a NUL) is reported there, in its words, once
    const inBroken = p.origin?.file !== undefined && broken.has(resolve(p.origin.file));
    if (shown && !inBroken) problems.add(p);
  }
  const infos = new Map<Plan, DefaultsInfo>();
  const checked = new Set(relevant);
  const mappings = new Map<string, Origin | undefined>();
  // the count is of the compositions that composed (an --override may fail every one)
  let composed = 0;
  // several inferred primaries: an option's problems wait until every primary has tried it
  const several = topInferred.length > 1;
  const each: { plan: Plan; problems: ReturnType<Problems["list"]> }[] = [];
  const unmerged = new Map<string, number>();
  for (const plan of relevant) {
    // A file that does not parse fails every composition that reads it; it is reported once above.
    // Its defaults tree was built (planCompositions) with the file read as empty: not merged.
    const unloaded = [...plan.files].filter((f) => broken.has(f));
    for (const f of unloaded) unmerged.set(f, (unmerged.get(f) ?? 0) + 1);
    if (unloaded.length > 0) continue;
    const into = several ? new Problems() : problems;
    if (
      checkComposition(
        plan,
        opts,
        schemas,
        into,
        infos,
        checked,
        mappings,
        schemaCheck,
        tree.groups,
      )
    ) {
      composed++;
    }
    if (several) each.push({ plan, problems: into.list() });
  }
  // Over some files, an option tried there is also tried with the other primaries, as a whole
  // tree's run tries it (their own compositions, and their swaps to it): its errors with one
  // primary are spared alike when it composes with another, so a pre-commit run on a file and
  // CI on the tree agree (checker w41). What those compositions say of themselves is not reported;
  // composed after the relevant ones, which find the overrides given that do not fit as before.
  const partners = several && !everything ? partnerPlans(plans, relevant) : [];
  const partnerProblems = new Set<Problem>();
  for (const plan of partners) {
    if ([...plan.files].some((f) => broken.has(f))) continue;
    const into = new Problems();
    checkComposition(plan, opts, schemas, into, infos, checked, mappings, schemaCheck, tree.groups);
    const list = into.list();
    for (const p of list) partnerProblems.add(p);
    each.push({ plan, problems: list });
  }
  const spared: Spared[] = [];
  for (const p of problemsOfSomewhere(each, (plan) => planChoices(plan, opts, infos), spared)) {
    if (!partnerProblems.has(p)) problems.add(p);
  }
  // other primaries the overrides given do not fit: checked without them (composition_check.ts)
  const unfit = unfitOverrides(relevant, planProblems, problems, everything);
  // What no composition reads was only parsed: said, so a green report on an edit there is not
  // thought to have composed it (with errors, a file that does not load may be why: they say more).
  const used = new Set(plans.flatMap((p) => [...p.files]));
  const yamlOnly = problems.count("error") > 0 || planProblems.length > 0
    ? []
    : files.map((f) => f.file).filter((f) =>
      !used.has(resolve(f)) && !broken.has(resolve(f)) && !tooLarge(f)
    );
  const list = problems.list();
  // which hosts the problems were found in: a label `solver=jasco/chords conditioner=x` reads as
  // the user's choice otherwise, where validate picked the solver to try conditioner's options
  const labels = list.flatMap((p) => p.compositions ?? (p.composition ? [p.composition] : []));
  const hostsSeen = hosts.filter(({ key, host }) =>
    labels.some((l) => l.startsWith(`${host} ${key}=`))
  );
  return {
    problems: list,
    files: checkedFiles,
    compositions: composed,
    unchecked,
    ...(hostsSeen.length > 0 ? { hosts: hostsSeen } : {}),
    ...(noPrimary
      ? {
        primaries: primariesOf(
          plans,
          single === undefined ? topLevel : [single],
          skip,
          // the one primary's own plans read it (unnamed: it is their primary)
          single === undefined ? fileOf : undefined,
          includedByOthers,
        ),
      }
      : {}),
    ...(groupsOnly ? { noConfigName: true } : {}),
    ...(yamlOnly.length > 0 ? { yamlOnly } : {}),
    ...(spared.length > 0 ? { partial: spared } : {}),
    ...(unmerged.size > 0
      ? {
        unmerged: [...unmerged].map(([f, n]) => ({ file: broken.get(f)!, compositions: n })),
      }
      : {}),
    ...(unfit.length > 0 ? { unfitOverrides: unfit } : {}),
  };
}
