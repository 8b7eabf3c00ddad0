/**
 * Many compositions of one config tree — a sweep's jobs — at the cost of what
 * differs between them. Jobs share one repository (each file read, parsed
 * and checked once), and jobs with the same group overrides share their
 * defaults tree and the merge of its configs; each job then only copies that
 * merged tree and applies its own value overrides and `hydra` node. A job
 * that fails is composed again from scratch, so its error is exactly the one
 * {@link compose} gives.
 *
 * @module
 */

import { parseOverride } from "../override/parse.ts";
import type { Override } from "../override/types.ts";
import { canonicalKey, clone, type DictNode, type Entry, type Node } from "../node.ts";
import {
  compose,
  type Composition,
  type DefaultsInfo,
  defaultsTreeIn,
  finishComposition,
  mergeDefaults,
  type ProjectComposeOptions,
  searchPathRepository,
  type SharedHydra,
  validateSweeps,
} from "./compose.ts";
import { overrideKind } from "./overrides_state.ts";
import type { Repository } from "./repository.ts";

/** What a batch has reused, for tests and benchmarks. */
export interface BatchStats {
  /** Compositions asked for. */
  jobs: number;
  /** Repositories built (one per distinct `hydra.searchpath` override). */
  repositories: number;
  /** Defaults trees built and merged (one per distinct set of group overrides). */
  merges: number;
  /** Jobs composed again from scratch because the shared path failed. */
  fallbacks: number;
}

interface Shared {
  info: DefaultsInfo;
  merged: DictNode;
  /** The `hydra` node's work done once, for the jobs that leave it as merged. */
  hydra: SharedHydra;
}

/**
 * Merged trees kept at most (the oldest goes first). A sweep's group choices
 * usually change on its outer axes, so consecutive jobs share a tree; a few
 * dozen cover group sweeps on the inner axes too, without holding hundreds
 * of copies of a big config.
 */
const MAX_SHARED = 32;

/**
 * Composes configs of one tree with different overrides; `compose(o)` equals
 * `compose({...base, overrides: o})` in result and error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BatchComposer } from "./batch.ts";
 * import { compose } from "./compose.ts";
 * import { toYaml } from "../yaml/emit.ts";
 * const base = { configDir: "examples/llm-finetune/conf", configName: "config" };
 * const batch = new BatchComposer(base);
 * for (const lr of ["1e-4", "3e-4"]) {
 *   const overrides = ["optimizer=sgd", `optimizer.lr=${lr}`];
 *   assert.equal(toYaml(batch.compose(overrides).config), toYaml(compose({ ...base, overrides }).config));
 * }
 * assert.equal(batch.stats.merges, 1, "both jobs share one merge");
 * ```
 */
export class BatchComposer {
  /** Counters of reuse. */
  readonly stats: BatchStats = { jobs: 0, repositories: 0, merges: 0, fallbacks: 0 };
  readonly #repos = new Map<string, Repository>();
  readonly #shared = new Map<string, Shared>();
  /** `hydra.runtime.cwd` of every job: the working directory when the batch began. */
  readonly #cwd = Deno.cwd();

  /**
   * A composer for `base` (its `overrides` are ignored: each call gives its own).
   *
   * @param base the config tree, primary config, search path, job name and mode
   */
  constructor(readonly base: Omit<ProjectComposeOptions, "overrides">) {}

  /**
   * The composition of `overrides` on the base.
   *
   * @throws {StrataError} what {@link compose} throws for the same input.
   */
  compose(overrides: string[]): Composition {
    this.stats.jobs++;
    const options = { ...this.base, overrides };
    try {
      return this.#composeShared(options);
    } catch {
      // Errors are rare; composing alone gives exactly compose's error.
      this.stats.fallbacks++;
      return compose(options);
    }
  }

  /**
   * The composition of `overrides` on the base, sharing only the repository:
   * for configs whose group choices no other call repeats (each option of a
   * group in turn), where keeping and copying the merged tree would cost
   * more than it saves.
   *
   * @throws {StrataError} what {@link compose} throws for the same input.
   */
  composeOnce(overrides: string[]): Composition {
    this.stats.jobs++;
    const options = { ...this.base, overrides };
    try {
      const parsed = overrides.map((t, i) => parseOverride(t, i));
      const [, repo] = this.#repository(options, parsed);
      const info = defaultsTreeIn(repo, parsed, options);
      this.stats.merges++;
      return finishComposition(mergeDefaults(info), info, options, this.#cwd);
    } catch {
      this.stats.fallbacks++;
      return compose(options);
    }
  }

  #composeShared(options: ProjectComposeOptions): Composition {
    const overrides = (options.overrides ?? []).map((t, i) => parseOverride(t, i));
    const [repoKey, repo] = this.#repository(options, overrides);
    const key = repoKey + "\u0002" + groupOverridesKey(repo, overrides);
    let shared = this.#shared.get(key);
    if (shared === undefined) {
      const info = defaultsTreeIn(repo, overrides, options);
      shared = { info, merged: mergeDefaults(info), hydra: {} };
      if (this.#shared.size >= MAX_SHARED) {
        this.#shared.delete(this.#shared.keys().next().value!);
      }
      this.#shared.set(key, shared);
      this.stats.merges++;
    } else if (!options.multirun) {
      // What defaultsTreeIn checks of the overrides besides the group ones.
      validateSweeps(overrides);
    }
    const configOverrides = overrides.filter((o) => kindIn(repo, o) === "config");
    const info: DefaultsInfo = { ...shared.info, configOverrides, overrides };
    if (!configOverrides.every((o) => leavesHydra(shared.merged, o.key))) {
      return finishComposition(clone(shared.merged), info, options, this.#cwd);
    }
    // the job's own copy of everything but the `hydra` node, which it only reads
    // (finishComposition gives the job a copy of the typed node)
    const hydra = canonicalKey("hydra");
    const root = shared.hydra.typed ? cloneBeside(shared.merged, hydra) : clone(shared.merged);
    return finishComposition(root, info, options, this.#cwd, shared.hydra);
  }

  #repository(options: ProjectComposeOptions, overrides: Override[]): [string, Repository] {
    // Only a command-line hydra.searchpath changes the repository's sources.
    const sp = overrides.find((o) => o.key === "hydra.searchpath" && o.value?.kind === "element");
    const key = sp?.text ?? "";
    let repo = this.#repos.get(key);
    if (repo === undefined) {
      repo = searchPathRepository(options, overrides);
      this.#repos.set(key, repo);
      this.stats.repositories++;
    }
    return [key, repo];
  }
}

/**
 * Whether a value override of `key` leaves the `hydra` node of `merged` as it
 * is: a key outside `hydra` whose path runs through mappings only (a path
 * through an interpolation or a list may reach anywhere; such a job is
 * composed with its own copy of everything).
 */
function leavesHydra(merged: DictNode, key: string): boolean {
  const path = key.split(".");
  if (path[0] === "hydra" || key.includes("[")) return false;
  let node: Node = merged;
  for (const part of path.slice(0, -1)) {
    if (node.kind !== "dict") return false;
    const next = node.entries.get(canonicalKey(part));
    if (next === undefined) return true;
    node = next.node;
  }
  return node.kind === "dict";
}

/** A copy of `root` whose child at `key` is the same node, not a copy. */
function cloneBeside(root: DictNode, key: string): DictNode {
  const entries = new Map<string, Entry>();
  for (const [k, e] of root.entries) {
    entries.set(k, k === key ? e : { key: e.key, node: clone(e.node) });
  }
  const out: DictNode = { kind: "dict", entries };
  if (root.origin) out.origin = root.origin;
  if (root.flags) out.flags = { ...root.flags };
  return out;
}

/** An override's kind as the composer sees it on `repo` (see {@link overrideKind}). */
function kindIn(repo: Repository, o: Override): ReturnType<typeof overrideKind> {
  return overrideKind(o, (g) => repo.groupExists(g));
}

/** The group overrides of a job, with their positions (origins name them). */
function groupOverridesKey(repo: Repository, overrides: Override[]): string {
  let key = "";
  for (const o of overrides) {
    if (kindIn(repo, o) === "group") key += `${o.index ?? 0}\u0000${o.text}\u0001`;
  }
  return key;
}
