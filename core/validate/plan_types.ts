/**
 * The data of validate's planning: a composition to check ({@link Plan}) and what
 * `planCompositions` of ./plans.ts is given ({@link PlanOptions}).
 *
 * @module
 */

import type { VersionBase } from "../compose/version_base.ts";
import type { Origin } from "../node.ts";
import type { Problem } from "./problems.ts";
import type { TogetherSet } from "./together.ts";

/** One composition to check. */
export interface Plan {
  /** Command-line overrides that select it (`[]` is the primary config). */
  overrides: string[];
  /**
   * The primary config it composes, when not the one validated: a sibling of a primary that sits
   * in a group directory (`-n model/base`: `model/gpt2` is tried in its place, as Hydra composes
   * it with `-cn model/gpt2`).
   */
  configName?: string;
  /** The config files it merges (absolute paths). */
  files: Set<string>;
  /** The groups its defaults list chose. */
  groups: Set<string>;
  /** Whether a defaults list on the way chose an option by interpolation (`db: ${x}`). */
  interpolatedChoices: boolean;
  /** The `validate.together` set it composes: its errors are the set's, at its line. */
  together?: TogetherSet;
  /**
   * Set when the plan chooses, alone, an option other options of its group extend (sheeprl's
   * `exp=ppo`, which `exp/ppo_recurrent` includes): the `???` its extensions fill are not its
   * problems, what fails otherwise is.
   */
  extended?: boolean;
  /**
   * Set on a primary's own composition built with the `???` group choices it leaves to the
   * command line filled by validate (RVT's `dataset: ???`: `dataset=gen1`): every run of it gives
   * one, so it stands in for the primary's own (./plan_inferred.ts).
   */
  mandatoryFilled?: boolean;
  /**
   * Set on another top-level primary (`accelerate_ddp`, beside `config`) that the overrides given
   * (`--override`, `validate.overrides`) do not fit: the first of them that failed it. It is
   * composed without those ({@link unfitGiven}), as they were written for the primary validated.
   */
  withoutGiven?: string;
  /**
   * With {@link withoutGiven}: every override given that failed it, which it is composed without;
   * the others given are kept (a `ckpt_path=...` eval takes, beside a `seed=3` only train has).
   */
  unfitGiven?: string[];
  /**
   * With {@link withoutGiven}: the error it gave there, reported when no primary takes the
   * overrides (a misspelt key, in a tree whose primaries are all "other" ones: no config name).
   */
  unfitError?: Problem;
  /** Set when the plan is `owner` with one option swapped: its defaults list is the owner's, edited. */
  swap?: { owner: Plan; group: string; key: string; from: string; to: string };
}

/** Input of `planCompositions` (./plans.ts). */
export interface PlanOptions {
  configDir: string;
  /** The primary config; null for none (compositions of overrides alone). */
  configName: string | null;
  /** Where `configName` was set when not on the command line (`.strata.yaml`): see ComposeOptions. */
  configNameAt?: Origin;
  /** Hydra's `version_base` to compose as: see ComposeOptions. */
  versionBase?: VersionBase;
  searchPath: string[];
  /** Overrides every composition starts with (the user's). */
  overrides?: string[];
  /** The groups of the tree (`db`, `server/site`) → options. */
  groups: Map<string, string[]>;
  /** Config paths (`db/huge`) not to select: files known not to load. */
  skip?: Set<string>;
  /**
   * The files (absolute paths) that do not load, reported on their own: a defaults tree that
   * includes one is built with it read as empty, so its other defaults-list problems are found;
   * what its missing defaults list may cause is not reported (see ./plans.ts).
   */
  unloadable?: ReadonlySet<string>;
  /**
   * The configs at the top of the config directory (`eval` for `conf/eval.yaml`): any of them can
   * be the primary (`-cn eval`), so one that no composition includes is composed as the primary.
   */
  topLevel?: string[];
  /**
   * Configs in sub-directories that `.strata.yaml`'s `validate.options` names as primaries
   * (habitat-baselines' `pointnav/ppo_pointnav_example`, run with `-cn` by path): each is
   * composed as a primary, with the options its scopes take, also when a composition reads it.
   */
  declaredPrimaries?: string[];
  /**
   * No primary is named (each top-level config validated as one): the overrides given are each
   * primary's that they fit, this one's own compositions included, and an error only where none
   * takes them (validate.ts).
   */
  givenToEach?: boolean;
  /**
   * Whether an option of a group is tried with a primary config (`.strata.yaml`'s
   * `validate.options`); every option is when unset. The primary's own choice is always composed.
   */
  allowed?: (primary: string | null, group: string, option: string, key?: string) => boolean;
  /**
   * The groups whose options are tried with another top-level primary (`validate.options` names
   * it): each option `allowed` takes, in place of its default, as the validated primary's are.
   */
  scopedGroups?: (primary: string) => string[];
  /**
   * `.strata.yaml`'s `validate.together`: override sets composed as they are (sweeps expanded),
   * after the primary composition; an option one chooses is not tried alone.
   */
  together?: TogetherSet[];
  /**
   * The tree has no primary config: these configs two or more directories down (of the
   * validated directory; a search path's are options a library offers), when no composition
   * reads them and no defaults list names them, are composed as primaries of their own (sam2's
   * `configs/sam2.1/sam2.1_hiera_l`, which its users name by path), not checked as YAML only.
   */
  deepPrimaries?: string[];
  /**
   * A top-level config is a link to a deep one (sam2 links `sam2_hiera_l.yaml` to
   * `configs/sam2.1/...`): the tree names its primaries by path, so each deep config is composed
   * alone even where validate also tried it added to a top-level one (`+configs=x/y`).
   */
  deepAlone?: boolean;
}
