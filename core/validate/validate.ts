/**
 * `strata validate`: every YAML file of a conf/ tree on its own, then every
 * composition (the primary config and each group option in place of its
 * default), its interpolations and `???` values, and the schemas in
 * `_schema/`. With `files` (what pre-commit passes) only those files and the
 * compositions they take part in are checked.
 *
 * @module
 */

import { dirname, join, relative, resolve } from "../path.ts";
import { type DefaultsInfo, sweepError } from "../compose/compose.ts";
import { parseOverride } from "../override/parse.ts";
import { withFileSnapshot } from "../compose/source.ts";
import { ErrorCode, StrataError } from "../errors.ts";
import { consolidate, KNOWN_RESOLVERS } from "./consolidate.ts";
import { checkFile, MAX_CONFIG_BYTES } from "./files.ts";
import type { Origin } from "../node.ts";
import { hasDefaultsList, namedInTree, planRepository } from "./plan_reads.ts";
import { type Plan, planCompositions } from "./plans.ts";
import {
  partnerPlans,
  planChoices,
  planEachPrimary,
  problemsOfSomewhere,
  type Spared,
} from "./plan_inferred.ts";
import { fromError, type Problem, Problems, sameProblem } from "./problems.ts";
import type { CompiledSchema } from "./schema_check.ts";
import { FileSelection, uncheckedPaths } from "./paths.ts";
import { loadSchemaFiles, SCHEMA_SUFFIX, unmatchedSchemas } from "./schema_files.ts";
import { addSearchDirs, realPathOf, searchPathDirs } from "./search_dirs.ts";
import { deepConfigs, linksToDeep } from "./plan_groups.ts";
import { headerlessAmongGlobals } from "./header_siblings.ts";
import { shadowedByHydra } from "./shadowed.ts";
import { findSettings, readSettings, SETTINGS_FILE } from "./settings.ts";
import { BROKEN_SYMLINK, SCHEMA_DIR, walkConfTree } from "./tree.ts";
import { allowedOption, checkOptionScopes } from "./option_scope.ts";
import { checkComposition, type SchemaCheck } from "./composition_check.ts";
import { excludedPaths } from "./exclude.ts";

export type { ValidateOptions, ValidateResult } from "./validate_types.ts";
import type { ValidateOptions, ValidateResult } from "./validate_types.ts";
import { overrideChoiceFile } from "./choice_file.ts";
import { fileSize, readFileText, withFileOverlay } from "../file_overlay.ts";

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
    () => withFileSnapshot(() => validateTree(opts, schemaCheck), opts.absent),
  );
  const known = [...KNOWN_RESOLVERS, ...Object.keys(opts.resolvers ?? {}), ...(opts.opaque ?? [])];
  const files = opts.files;
  const given = files ? withFileOverlay(opts.staged, () => new FileSelection(files)) : undefined;
  const inGiven = given &&
    ((p: Problem) => p.origin?.file !== undefined && given.has(p.origin.file));
  return { ...result, problems: consolidate(result.problems, known, inGiven) };
}

/**
 * The configs composed as primaries: the plans of another primary, with no
 * overrides, and the top-level configs (`topLevel`, less `skip`) whose
 * defaults failed, so that made no plan (a deep config is then no
 * primary's option, but the failed top-level one is still one of them). A
 * top-level config a composition read that has no defaults list of its own
 * (verl's `legacy_reward_impl`, an entry of `ppo_trainer`'s defaults list) is
 * a part of that primary, not one; one with a defaults list is a primary runs
 * name too (fairchem's `uma_sm_conserving_omol_4M`, which others include).
 */
function primariesOf(
  plans: readonly Plan[],
  topLevel: readonly string[] = [],
  skip: ReadonlySet<string> = new Set(),
  fileOf: (configPath: string) => string | undefined = () => undefined,
  includedByOthers: (configPath: string) => boolean = () => false,
): string[] {
  const planned = plans.flatMap((p) => p.overrides.length === 0 ? p.configName ?? [] : []);
  // (or included by another's defaults list: a part even when the configs naming it fail)
  const read = (c: string) => {
    const file = fileOf(c);
    return file !== undefined && (plans.some((p) => p.files.has(file)) || includedByOthers(c)) &&
      !fileHasDefaultsList(file);
  };
  const top = topLevel.filter((c) => !skip.has(c) && (planned.includes(c) || !read(c)));
  return [...top, ...planned.filter((c) => !top.includes(c))];
}

/** Whether a config file has a top-level `defaults:` list (read as text: it loaded already). */
function fileHasDefaultsList(file: string): boolean {
  try {
    return hasDefaultsList(readFileText(file));
  } catch {
    return false;
  }
}

/** `--override lr=1,2`: validate composes one config per plan and has no --multirun. */
function sweepProblems(overrides: string[]): Problem[] {
  const hint = "validate checks single compositions: to check every job of a sweep over it, " +
    "run `strata sweep --count` with it";
  return overrides.flatMap((t, i) => {
    let e;
    try {
      e = sweepError(parseOverride(t, i), hint);
    } catch { /* one that does not parse: composing reports it */ }
    return e ? [fromError(e)] : [];
  });
}

/**
 * The files `validate.exclude` names (absolute paths), its globs read from the config directory
 * and from each search path directory, and a warning for each glob naming none.
 */
function excludeFiles(
  opts: ValidateOptions,
  files: readonly { file: string }[],
  searchDirs: readonly string[],
): { files: Set<string>; problems: Problem[] } {
  if (!opts.exclude?.length) return { files: new Set(), problems: [] };
  // relative to the config directory, or to the search path directory a file is in (Mava's
  // groups all live in its hydra.searchpath directory: checker x32)
  const roots = [opts.configDir, ...searchDirs].map((d) => resolve(d).replace(/[\\/]*$/, "/"));
  const rel = new Map<string, string>();
  for (const f of files) {
    const abs = resolve(f.file);
    const root = roots.find((r) => abs.startsWith(r));
    if (root !== undefined) rel.set(abs.slice(root.length).replaceAll("\\", "/"), abs);
  }
  const { excluded, problems } = excludedPaths(opts.exclude, [...rel.keys()]);
  return { files: new Set([...excluded].map((p) => rel.get(p)!)), problems };
}

function hasSchemas(configDir: string): boolean {
  try {
    return Deno.statSync(join(configDir, SCHEMA_DIR)).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Where the files a hook passed have their own project (a monorepo's
 * `apps/tab/.strata.yaml` beside `apps/tab/conf`), which a run from the
 * repository's root does not read: the `-d` to give.
 */
function nestedProjectHint(files: readonly string[]): string {
  const found = new Map<string, string | undefined>();
  for (const f of files) {
    let settings;
    try {
      const file = findSettings(dirname(resolve(f)));
      settings = file === undefined ? undefined : readSettings(file);
    } catch {
      continue; // a settings file that does not read: not a hint to give
    }
    if (settings?.file === undefined || found.has(settings.file)) continue;
    // one that names no config_dir: the tree the file is in, the directory below the settings'
    // that holds configs at its top (`configs/` of configs/data/a.yaml), if any (`-d .` would
    // validate nothing: checker v27)
    const dir = settings.configDir ?? treeAbove(dirname(settings.file), resolve(f));
    found.set(settings.file, dir === undefined ? undefined : relative(Deno.cwd(), dir) || ".");
  }
  if (found.size === 0) return treesHere(files);
  const [file, dir] = [...found][0];
  const shown = relative(Deno.cwd(), file);
  if (dirname(file) === resolve(Deno.cwd())) {
    // the settings here are read: they name no config_dir, and there is no conf/
    return ` (${shown} names no config_dir` +
      (dir === undefined ? ")" : `: give -d ${dir}, or set config_dir: ${dir} there)`);
  }
  const files_ = [...found.keys()].map((f) => relative(Deno.cwd(), f));
  return ` (no .strata.yaml here, ${Deno.cwd()}, or above it names one; the files given are ` +
    `in the project of ${files_.join(", ")}, which a run from here does not read` +
    (dir === undefined ? ")" : `: give -d ${dir}; in .pre-commit-config.yaml, args: [-d, ${dir}])`);
}

/**
 * With no `.strata.yaml` anywhere: the directory below here the files given are in, when it holds
 * configs at its top, else the directories here that do (`configs/`), as the `-d` to give (checker
 * w25: a first hook without `args: [-d, ...]` said only "config directory 'conf' not found").
 */
function treesHere(files: readonly string[]): string {
  const here = resolve(Deno.cwd());
  const given = files.map((f) => treeAbove(here, resolve(f))).filter((d) => d !== undefined);
  let dirs = [...new Set(given)];
  if (dirs.length === 0 && files.length === 0) {
    try {
      dirs = [...Deno.readDirSync(here)].filter((e) => e.isDirectory && !e.name.startsWith("."))
        .map((e) => join(here, e.name)).filter((d) => treeAbove(here, join(d, "x")) !== undefined)
        .sort();
    } catch {
      dirs = [];
    }
  }
  if (dirs.length === 0) return "";
  const shown = dirs.slice(0, 3).map((d) => relative(here, d));
  const what = files.length > 0 ? "the files given are in" : "YAML configs are in";
  return ` (${what} ${shown.map((d) => `${d}/`).join(", ")}: give -d ${shown[0]} (in ` +
    `.pre-commit-config.yaml, args: [-d, ${shown[0]}]), or config_dir: ${shown[0]} in a ` +
    ".strata.yaml)";
}

/** The directory just below `base` on the way to `file` when it holds a `.yaml` at its top. */
function treeAbove(base: string, file: string): string | undefined {
  const rel = relative(base, file);
  const first = rel.split("/")[0];
  if (rel.startsWith("..") || !rel.includes("/")) return undefined;
  try {
    const top = [...Deno.readDirSync(join(base, first))];
    return top.some((e) => e.isFile && e.name.endsWith(".yaml")) ? join(base, first) : undefined;
  } catch {
    return undefined;
  }
}

function validateTree(opts: ValidateOptions, schemaCheck?: SchemaCheck): ValidateResult {
  let kind: "dir" | "file" | undefined;
  try {
    kind = Deno.statSync(opts.configDir).isDirectory ? "dir" : "file";
  } catch { /* reported below */ }
  if (kind === "file") {
    // `-d conf/config.yaml`: the primary config given where its directory goes
    const yaml = /^(.*?)([^/]+)\.ya?ml$/.exec(opts.configDir);
    const meant = yaml
      ? `: did you mean -d ${yaml[1].replace(/\/$/, "") || "."} -n ${yaml[2]}?`
      : "";
    throw new StrataError(
      ErrorCode.Usage,
      `config directory '${opts.configDir}' is a file, not a directory${meant}`,
    );
  }
  if (kind === undefined) {
    throw new StrataError(
      ErrorCode.Usage,
      `config directory '${opts.configDir}' not found${nestedProjectHint(opts.files ?? [])}`,
    );
  }
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

  const { schemas: schemaFiles, problems: schemaFileProblems } = loadSchemaFiles(
    opts.configDir,
    opts.configName,
  );
  const selectedSchemaGroups = new Set<string>();
  const schemas = new Map<string, CompiledSchema>();
  for (const [group, file] of schemaFiles) {
    if (!schemaCheck) break;
    const compiled = schemaCheck.compileSchema(file);
    schemas.set(group, compiled);
    if (everything || selected.has(file.file)) {
      selectedSchemaGroups.add(group);
      for (const p of compiled.problems) problems.add(p);
    }
  }
  // A schema applies to a group or a primary config (any top-level config can be `-n`).
  const names = [
    ...tree.groups.keys(),
    ...tree.files.map((f) => f.configPath).filter((c) => !c.includes("/")),
  ];
  for (const p of [...schemaFileProblems, ...unmatchedSchemas(schemaFiles, names)]) {
    if (everything || selected.has(p.origin?.file ?? "")) problems.add(p);
  }
  // over some files (pre-commit), a schema that is broken is said where it governs a composition
  // checked: not passed over while it checks nothing (checker w34)
  const schemaProblemsOf = (governs: (group: string) => boolean) => {
    for (const [group, compiled] of schemas) {
      if (governs(group)) { for (const p of compiled.problems) problems.add(p); }
    }
    for (const p of schemaFileProblems) {
      const group = schemaGroupOf(opts.configDir, opts.configName, p.origin?.file);
      if (group !== undefined && governs(group)) problems.add(p);
    }
  };

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
  const brokenSchemas = schemaFileProblems.flatMap((p) =>
    p.origin?.file?.endsWith(SCHEMA_SUFFIX) ? [resolve(p.origin.file)] : []
  );
  const unchecked = selected && !everything
    ? uncheckedPaths(
      selected,
      [
        ...tree.files.map((f) => resolve(f.file)).filter((f) => !excluded.files.has(f)),
        ...[...schemaFiles.values()].map((f) => resolve(f.file)),
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
  // files that do not load (absolute path → as shown)
  const broken = new Map<string, string>();
  const skip = new Set<string>();
  for (const f of files) {
    const found = checkFile(f.file, f.configPath, opts.versionBase);
    // a misspelt defaults keyword (`optinal g: a`) is a lint: Hydra composes the file as if
    // the word were not there, and may fail it otherwise (a duplicate `_self_`: checker v29)
    if (found.some((p) => p.severity === "error" && p.code !== "defaults-keyword")) {
      broken.set(resolve(f.file), f.file);
      // a group's option is still tried in its default's place, read as empty (planned as
      // `unloadable`): the defaults tree it chooses may fail elsewhere (`sub: ${db}`, checker
      // w28); a primary config that does not load is not composed
      if (!f.configPath.includes("/")) skip.add(f.configPath);
    }
    for (const p of found) problems.add(p);
  }
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
  // the files checked: the configs, and the schemas given (a commit that changes only a schema
  // checks the compositions it applies to: not "in 0 files")
  const checkedFiles = files.length +
    (everything
      ? 0
      : selectedSchemaGroups.size + brokenSchemas.filter((f) => selected.has(f)).length +
        givenUnread);
  if (!everything && files.length === 0 && selectedSchemaGroups.size === 0) {
    return { problems: problems.list(), files: checkedFiles, compositions: 0, unchecked };
  }

  // a sweep in --override fails every composition: said once, in validate's words
  const sweeps = sweepProblems(opts.overrides ?? []);
  if (sweeps.length > 0) {
    for (const p of sweeps) problems.add(p);
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
    schemaProblemsOf((g) =>
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
  const unfitBy = new Map<string, string>();
  for (const p of relevant) {
    if (p.withoutGiven !== undefined && !unfitBy.has(p.configName!)) {
      unfitBy.set(p.configName!, p.withoutGiven);
    }
  }
  let unfit = [...unfitBy].map(([config, override]) => ({ config, override }));
  // Overrides no primary takes (a misspelt key, with every primary an "other" one: no config
  // name) are the user's mistake, as Hydra says for each: reported, once, where they fail first.
  // (Only a whole tree's run composes every primary: over some files, one not composed may
  // take them.)
  // A primary that has the override's slot and failed on it (`test_mode=nope`: Could not find
  // 'test_mode/nope') took it: that error is the user's, not a second one from the others.
  const failedOnGiven = planProblems.some((p) =>
    p.severity === "error" && p.origin?.override !== undefined
  );
  if (
    everything && unfit.length > 0 && relevant.length > 0 && !failedOnGiven &&
    relevant.every((p) => (p.withoutGiven ?? p.swap?.owner.withoutGiven) !== undefined)
  ) {
    // the one that says most: where the key's parent is there (a did-you-mean), not a primary
    // that has no `trainer` at all
    const errors = relevant.flatMap((p) => p.unfitError ?? []);
    const first = errors.find((e) => (e.suggestions?.length ?? 0) > 0) ?? errors[0];
    if (first !== undefined) {
      problems.add(first);
      unfit = [];
    }
  }
  // An override the validated primary failed on too (a misspelt key, an option no group has) is
  // no misfit of the others where it failed the same way: one error, found in their compositions
  // as well, and no note blaming them (checker w29). One they have no slot for stays a misfit.
  const failedHere = [...planProblems, ...problems.list()].filter((p) =>
    p.severity === "error" && p.origin?.override !== undefined
  );
  const sameFailure = new Set<string>();
  for (const p of relevant) {
    const e = p.unfitError;
    if (e === undefined || !failedHere.some((h) => sameProblem(h, e))) continue;
    problems.add(e);
    sameFailure.add(p.configName!);
  }
  unfit = unfit.filter((u) => !sameFailure.has(u.config));
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

/**
 * A search path directory that is not there is bad usage: compose warns of it
 * as Hydra does, but a check that read none of its configs would pass them all
 * (a pre-commit hook with a typo in its `--search-path`).
 */
function checkSearchDirs(dirs: readonly string[]): void {
  for (const dir of dirs) {
    if (dir.includes("://") && !dir.startsWith("file://")) continue;
    let isDir = false;
    try {
      isDir = Deno.statSync(dir.replace(/^file:\/\//, "")).isDirectory;
    } catch { /* said below */ }
    if (!isDir) {
      throw new StrataError(
        ErrorCode.Usage,
        `search path directory '${dir}' not found (--search-path): validate would check none ` +
          "of its configs",
      );
    }
  }
}

/** The group (`""`: the primary) a file under the config dir's `_schema/` is the schema of. */
function schemaGroupOf(
  configDir: string,
  configName: string | null | undefined,
  file: string | undefined,
): string | undefined {
  if (file === undefined || !file.endsWith(SCHEMA_SUFFIX)) return undefined;
  const rel = relative(resolve(join(configDir, SCHEMA_DIR)), resolve(file));
  if (rel.startsWith("..")) return undefined;
  const name = rel.slice(0, -SCHEMA_SUFFIX.length);
  return name === configName ? "" : name;
}
