/**
 * Checking one composition of `strata validate`: composing a plan (an option swap reuses its
 * owner's defaults list), then its values, its hydra node, and the schemas that apply to it.
 *
 * @module
 */

import { join, relative, resolve } from "../path.ts";
import { compose, composeDefaults, type DefaultsInfo, defaultsTree } from "../compose/compose.ts";
import type { ResultDefault } from "../compose/defaults_tree_node.ts";
import { parseOverride } from "../override/parse.ts";
import { blameDeletion, deletionsOf } from "./deletions.ts";
import { ownerShowsIt } from "./labels.ts";
import { checkLauncher } from "./launcher_check.ts";
import { checkHydraNode } from "./hydra_check.ts";
import { checkHydraSchema } from "../hydra/schema.ts";
import { typedPlugins } from "../hydra/typed.ts";
import { isInterpolation, type Origin, str } from "../node.ts";
import { nodeAt } from "../ops/walk.ts";
import { splitKey } from "../ops/select.ts";
import { type Plan, planLabel } from "./plans.ts";
import { mappingAt } from "./checked_nodes.ts";
import { fromError, type Problem, type Problems, warningsOf } from "./problems.ts";
import { keysEveryJobAdds, sweeperParamProblems } from "./sweeper_params.ts";
import { withScopeHint, withSlotHint } from "./scope_hint.ts";
import { inTogetherSet } from "./together.ts";
import { legacyPackageNote } from "../compose/legacy_header.ts";
import type { LocatedWarning } from "../compose/defaults_tree_node.ts";
import { ErrorCode, isStrataError } from "../errors.ts";
import { givenFitting, givenThatFails } from "./unfit_overrides.ts";
import type { CompiledSchema } from "./schema_check.ts";
import { chosenGroupSchema } from "./schema_files.ts";
import { HYDRA_OPAQUE_RESOLVERS } from "./settings.ts";
import { checkValues, pointerSegment } from "./values.ts";
import type { ValidateOptions } from "./validate.ts";
import { resolveInMaster } from "../sweep/master.ts";

/** The codes of a `???` reached: a value not given yet. */
const MISSING_CODES: readonly string[] = [ErrorCode.MissingValue, ErrorCode.InterpolationToMissing];

/** The schema checker, loaded only for trees with schemas (see validate). */
export type SchemaCheck = typeof import("./schema_check.ts");

function packagePointer(pkg: string): string {
  return pkg === "" ? "" : "/" + pkg.split(".").map(pointerSegment).join("/");
}
/**
 * A schema check of a composition: the schema, the package it checks, the option file where its
 * rules on the whole object fail, and where a problem with no place of its own goes (a key missing
 * from an object nothing on the way to has a place: an empty option, the composed root).
 */
interface SchemaAt {
  schema: CompiledSchema;
  pointer: string;
  file?: Origin;
  fallback?: Origin;
  /** A group's schema on an option of it at the root (`# @package _global_`): the group. */
  globalGroup?: string;
}

/**
 * The schema checks of one composition: group schemas at each option's package, then its primary
 * config's (`config.schema.yaml`; `eval.schema.yaml` for a composition of `-cn eval`), whose
 * problems with no place of their own are at the primary config's mapping (`mappings` keeps it
 * per file).
 */
function schemaChecks(
  c: ReturnType<typeof compose>,
  schemas: Map<string, CompiledSchema>,
  plan: Plan,
  configDir: string,
  mappings: Map<string, Origin | undefined>,
): SchemaAt[] {
  const out: SchemaAt[] = [];
  const seen = new Map<string, (typeof out)[number]>();
  // The file of a config path, as reports show files: where nothing it holds has a place of its
  // own (an empty option file), a problem is located at the file.
  // (a defaults entry may name the file with its extension, `trainer: default.yaml`, as Hydra
  // takes it: checker v53)
  const fileOf = (configPath: string): Origin | undefined => {
    const rel = configPath.replace(/\.yaml$/, "") + ".yaml";
    const own = join(configDir, rel);
    if (plan.files.has(resolve(own))) return { file: own, line: 1, col: 1 };
    const abs = [...plan.files].find((f) => f.endsWith(`/${rel}`));
    return abs ? { file: relative(Deno.cwd(), abs), line: 1, col: 1 } : undefined;
  };
  // Where a file's top object starts (below its comments and header): its rules fail there
  // (checker v31: a rule on an option's root object was placed at 1:1, on the comment).
  const objectOf = (configPath: string): Origin | undefined => {
    if (!mappings.has(configPath)) {
      const file = fileOf(configPath);
      mappings.set(configPath, file && mappingAt(file));
    }
    return mappings.get(configPath);
  };
  for (const d of c.defaults) {
    const slash = d.configPath.lastIndexOf("/");
    const schema = slash === -1 ? undefined : schemas.get(d.configPath.slice(0, slash)) ??
      // an option in a sub-directory chosen through its group (`datamodule: semantic/s3dis`):
      // the group's schema, when its own directory has none (checker w57)
      chosenGroupSchema(d, schemas);
    const pointer = packagePointer(d.package);
    if (!schema) continue;
    // A '# @package _group_' header composed as version_base 1.2+ does (a literal key, warned of
    // at the header): the option is not at its group's package, and every group's options meet
    // at that one key, so each group's schema would refuse the others' keys (184 errors on one
    // tree, checker v31)
    if (d.package.split(".").includes("_group_")) continue;
    // Options of one group at one package (`small` extends `base`): one check, at the file merged
    // last, whose values win there.
    const at = seen.get(`${schema.file.file}\0${pointer}`);
    if (at) at.file = at.fallback = objectOf(d.configPath) ?? at.file;
    else {
      const file = objectOf(d.configPath);
      const globalGroup = pointer === "" ? d.configPath.slice(0, slash) : undefined;
      const check = {
        schema,
        pointer,
        file,
        fallback: file,
        ...(globalGroup ? { globalGroup } : {}),
      };
      seen.set(`${schema.file.file}\0${pointer}`, check);
      out.push(check);
    }
  }
  const primary = schemas.get(plan.configName ?? "");
  if (primary) {
    const path = c.defaults.find((d) => d.primary)?.configPath ?? plan.configName;
    const fallback = path === undefined ? undefined : objectOf(path);
    out.push({ schema: primary, pointer: "", ...(fallback ? { fallback } : {}) });
  }
  return out;
}

/**
 * Whether a defaults-list entry is the one a swap replaces: the option `name` of the swap's group,
 * chosen at the swap's key (`db@src`: not the same option chosen at `db@dst`).
 */
function isSwapped(d: ResultDefault, swap: NonNullable<Plan["swap"]>, name: string): boolean {
  // (an entry may name the option with its file name, `override /db: a.yaml`: the same option,
  // which the swap replaces; checker w61 #1)
  const path = d.configPath.endsWith(".yaml")
    ? d.configPath.slice(0, -".yaml".length)
    : d.configPath;
  if (path !== `${swap.group}/${name}`) return false;
  return d.overrideKey === swap.key || (swap.key === swap.group && d.overrideKey === undefined);
}

/** Owners' defaults lists built without the overrides given (see {@link composePlan}). */
const withoutGivenInfos = new WeakMap<Plan, DefaultsInfo>();

/**
 * Composes a plan; an option swap reuses its owner's defaults list (built
 * once, kept in `infos`) with the option replaced, instead of building the
 * tree again. The result is what `compose` gives for the plan's overrides.
 *
 * @example
 * ```ts ignore
 * const c = composePlan(plan, { configDir: "conf", configName: "config" }, new Map());
 * ```
 */
export function composePlan(plan: Plan, opts: ValidateOptions, infos: Map<Plan, DefaultsInfo>) {
  // another primary the overrides given do not fit, or an option swapped into one
  const without = plan.withoutGiven ?? plan.swap?.owner.withoutGiven;
  const unfitOf = plan.withoutGiven !== undefined ? plan : plan.swap?.owner;
  const options = (overrides: string[], configName = plan.configName) => ({
    configDir: opts.configDir,
    configName: configName ?? opts.configName,
    // a plan of another primary config names it itself
    configNameAt: configName === undefined ? opts.configNameAt : undefined,
    // (without those given that do not fit it: the others it takes, checker w35)
    overrides: [...givenFitting(unfitOf, opts.overrides ?? []), ...overrides],
    searchPath: opts.searchPath ?? [],
    versionBase: opts.versionBase,
    // each misfit in the hydra node is reported below (checkHydraSchema), not just the first
    uncheckedHydra: true,
    resolvers: opts.resolvers,
    opaqueResolvers: opts.opaque,
  });
  if (!plan.swap) return compose(options(plan.overrides));
  const { owner, group, key, from, to } = plan.swap;
  // the owner's defaults list as built with the overrides given or without them: a swap found
  // unfit for them (`pl.lrr=1`) is composed again without, from a list built without
  const kept = without === undefined ? infos : withoutGivenInfos;
  let info = kept.get(owner);
  if (!info) kept.set(owner, info = defaultsTree(options(owner.overrides, owner.configName)));
  const all = options(plan.overrides);
  return composeDefaults({
    ...info,
    defaults: info.defaults.map((d) =>
      isSwapped(d, plan.swap!, from) ? { ...d, configPath: `${group}/${to}` } : d
    ),
    choices: new Map(info.choices).set(key, to),
    overrides: all.overrides.map((t, i) => parseOverride(t, i)),
  }, all);
}

/**
 * Whether a file is an option of one of Hydra's groups (`conf/hydra/job_logging/x.yaml`): those
 * merge before Hydra's schema, everything else after it.
 */
function isHydraOption(file: string, opts: ValidateOptions): boolean {
  const abs = resolve(file);
  for (const dir of [opts.configDir, ...(opts.searchPath ?? [])]) {
    const rel = relative(resolve(dir.replace(/^file:\/\//, "")), abs);
    // (`hydra/mine.yaml` is an option of a group `hydra` the user's defaults list chooses,
    // `- hydra: mine`, merged after the schema: only `hydra/<group>/...` is one of Hydra's)
    if (!rel.startsWith("..") && /^hydra\/[^/]+\/./.test(rel)) return true;
  }
  // a directory `hydra.searchpath` added: the path alone tells
  return /(^|\/)hydra\/[^/]+\/[^/]+\.yaml$/.test(abs);
}

/**
 * Composes one plan and checks it, adding what it finds to `problems`; whether it composed.
 *
 * @example
 * ```ts ignore
 * const problems = new Problems();
 * const ok = checkComposition(plan, opts, new Map(), problems, new Map(), new Set([plan]), new Map());
 * ```
 */
export function checkComposition(
  plan: Plan,
  opts: ValidateOptions,
  schemas: Map<string, CompiledSchema>,
  problems: Problems,
  infos: Map<Plan, DefaultsInfo>,
  checked: Set<Plan>,
  mappings: Map<string, Origin | undefined>,
  schemaCheck?: SchemaCheck,
  groups?: ReadonlyMap<string, string[]>,
): boolean {
  const label = planLabel(plan) || undefined;
  let c;
  try {
    c = composePlan(plan, opts, infos);
  } catch (e) {
    if (!isStrataError(e)) throw e;
    const unfit = givenThatFails(e, plan, opts);
    if (unfit !== undefined) {
      plan.withoutGiven ??= unfit;
      plan.unfitGiven = [...(plan.unfitGiven ?? []), unfit];
      plan.unfitError ??= fromError(e, label);
      return checkComposition(
        plan,
        opts,
        schemas,
        problems,
        infos,
        checked,
        mappings,
        schemaCheck,
        groups,
      );
    }
    const p = withScopeHint(
      fromError(e, label),
      plan.overrides,
      plan.configName ?? opts.configName,
    );
    problems.add(inTogetherSet(p, plan.together, opts.overrides?.length ?? 0));
    for (const w of warningsOf(e, label)) {
      problems.add(inTogetherSet(w, plan.together, opts.overrides?.length ?? 0));
    }
    return false;
  }
  const found: Problem[] = [];
  // What compose prints as Hydra would (a primary defaults list without `_self_`), where it is.
  for (const w of c.warningsAt) {
    if (w.origin?.line === undefined) continue;
    found.push({
      severity: "warning",
      code: "hydra-warning",
      message: w.message,
      origin: w.origin,
    });
  }
  // Hydra's python_version is opaque unless a resolvers module implements it
  const opaqueNames = [...new Set([...HYDRA_OPAQUE_RESOLVERS, ...(opts.opaque ?? [])])]
    .filter((n) => !(HYDRA_OPAQUE_RESOLVERS.includes(n) && opts.resolvers?.[n]));
  const before = found.length;
  const values = checkValues(c, { resolvers: opts.resolvers ?? {}, opaque: opaqueNames }, found);
  // a config that always sweeps (hydra.mode: MULTIRUN) gives every job the keys its params add
  // (`++chunk_idx: range(...)`): a value reading one is no failure of any job (checker v49)
  const added = keysEveryJobAdds(c.hydra);
  if (added.length > 0) {
    const kept = found.slice(before).filter((p) => {
      const key = /^Interpolation key '(.+)' not found/.exec(p.message)?.[1];
      return key === undefined || !added.some((a) => key === a || key.startsWith(a + "."));
    });
    found.length = before;
    found.push(...kept);
  }
  // What `strata run` resolves in the hydra node before launching (opaque resolvers give "").
  const opaque = Object.fromEntries(opaqueNames.map((n) => [n, () => str("")]));
  checkHydraNode(c, { ...opts.resolvers, ...opaque }, found);
  checkLauncher(c, { ...opts.resolvers, ...opaque }, found);
  // the options of the tree validated (its search path's directories too): a group it does not
  // hold (Hydra's own, a package's) is not judged
  // (each param's `${...}` resolved as Hydra's instantiation of the sweeper resolves it; one that
  // does not resolve is read as written, its failure reported where it is checked as a value)
  const resolveParam = (path: string[]) => {
    try {
      return resolveInMaster(c, path, undefined, { ...opts.resolvers, ...opaque });
    } catch {
      return undefined; // (whatever fails: the value's own check reports it)
    }
  };
  found.push(...sweeperParamProblems(c, (group) => groups?.get(group), resolveParam));
  checkHydraSchema(
    c.hydra,
    (file) => !isHydraOption(file, opts),
    found,
    typedPlugins(c.defaults),
    c.hydraLeafBefore,
  );
  const checks = schemaChecks(c, schemas, plan, opts.configDir, mappings);
  for (const { schema, pointer, file, fallback, globalGroup } of checks) {
    const before = found.length;
    schemaCheck?.checkSchema(schema, values, pointer, found, { fallback, file });
    // `seed` in config.yaml refused by the model group's schema: say why it sees the root
    for (let i = before; globalGroup !== undefined && i < found.length; i++) {
      found[i] = {
        ...found[i],
        message: `${found[i].message} (${globalGroup}'s options are '# @package _global_': ` +
          `its schema checks the whole config, as they write at the root)`,
      };
    }
  }
  const deletions = deletionsOf(opts.overrides ?? []);
  // A swap checked without the composition it was made from (FILES mode): what the swap cannot
  // have caused is labelled with that composition, as a whole run reports it.
  const swap = plan.swap && !checked.has(plan.swap.owner) ? plan.swap : undefined;
  const pkg = swap && c.defaults.find((d) => isSwapped(d, swap, swap.to))?.package;
  const interpolatedAt = (key: string) => {
    const node = nodeAt(c.config, splitKey(key));
    return node === undefined || isInterpolation(node);
  };
  // how many packages a group's options are chosen into here (`agent/components@agent.actor`...)
  const slotsOf = (group: string) =>
    new Set(
      c.defaults.filter((d) => !d.isSelf && d.overrideKey?.split("@")[0] === group)
        .map((d) => d.overrideKey),
    ).size;
  for (const f of found) {
    // an option others extend, chosen alone: the `???` they fill are theirs to fill
    if (plan.extended && MISSING_CODES.includes(f.code)) continue;
    const p = withHeaderNote(blameDeletion(f, deletions), c.warningsAt);
    const shown =
      swap && pkg !== undefined && ownerShowsIt(p, pkg, swap.owner.files, interpolatedAt)
        ? planLabel(swap.owner) || undefined
        : label;
    const q = inTogetherSet(
      shown === label
        ? withSlotHint(p, plan.overrides, plan.configName ?? opts.configName, slotsOf)
        : p,
      plan.together,
      opts.overrides?.length ?? 0,
    );
    problems.add(shown ? { ...q, composition: shown } : q);
  }
  return true;
}

/**
 * A problem naming a key under a group whose option a `# @package _group_` header put at the
 * literal package `_group_`: related to that header (JSON's `related`), as compose says it.
 */
function withHeaderNote(p: Problem, warnings: readonly LocatedWarning[]): Problem {
  if (p.severity !== "error") return p;
  const note = legacyPackageNote(p.message, warnings);
  if (note === undefined || p.related?.some((r) => r.message === note.message)) return p;
  return {
    ...p,
    related: [...p.related ?? [], { message: note.message, origin: note.origin as Origin }],
  };
}
