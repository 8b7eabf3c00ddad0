/**
 * What can complete an override being typed: group names (`model=`), a
 * group's options (`model=gpt2`), config keys (`optimizer.lr=`) read from the
 * composed config, and a key's current value. Shell completion asks for these
 * on every TAB, so nothing here may throw: a conf tree that does not compose
 * still completes its groups.
 *
 * @module
 */

import { keyText, type Node } from "../node.ts";
import { splitKey } from "../ops/select.ts";
import { nodeAt } from "../ops/walk.ts";
import { leafText } from "../output/flat.ts";
import { compose } from "./compose.ts";
import { Repository } from "./repository.ts";
import { mainSources } from "./search_path.ts";

/** A completion: the whole word and a short description. */
export interface Candidate {
  value: string;
  description: string;
}

/** Where to read groups and keys from. */
export interface CandidateSource {
  configDir: string;
  configName: string;
  searchPath?: string[];
  /** Overrides already on the command line (group choices change the keys). */
  overrides?: string[];
}

function allGroups(repo: Repository, group = "", out: string[] = []): string[] {
  for (const sub of repo.groupOptions(group, "group")) {
    const path = group === "" ? sub : `${group}/${sub}`;
    if (path === "hydra" || path.startsWith("hydra/")) continue;
    out.push(path);
    allGroups(repo, path, out);
  }
  return out;
}

function composedConfig(src: CandidateSource): Node | undefined {
  const base = { configDir: src.configDir, configName: src.configName, searchPath: src.searchPath };
  for (const overrides of [src.overrides ?? [], []]) {
    try {
      return compose({ ...base, overrides }).config;
    } catch {
      // an unfinished or wrong override earlier on the line: try without
    }
  }
  return undefined;
}

/**
 * The completions of `word` (an override being typed).
 *
 * @example
 * ```ts ignore
 * import { overrideCandidates } from "./candidates.ts";
 * overrideCandidates({ configDir: "conf", configName: "config" }, "model=").map((c) => c.value);
 * // ["model=gpt2", "model=llama3_8b", ...]
 * ```
 */
export function overrideCandidates(src: CandidateSource, word: string): Candidate[] {
  let repo: Repository;
  try {
    repo = new Repository(mainSources(src.configDir, src.searchPath ?? []));
  } catch {
    return [];
  }
  const sign = /^(\+\+|\+|~)?/.exec(word)![0];
  const body = word.slice(sign.length);
  const eq = body.indexOf("=");
  const config = () => composedConfig(src);
  if (eq >= 0) {
    const key = body.slice(0, eq).split("@")[0];
    if (repo.groupExists(key)) {
      return repo.groupOptions(key).map((o) => ({
        value: `${sign}${body.slice(0, eq)}=${o}`,
        description: `option of ${key}`,
      }));
    }
    const node = nodeAt(config(), splitKey(key));
    return node?.kind === "value"
      ? [{ value: `${sign}${key}=${leafText(node)}`, description: "current value" }]
      : [];
  }
  const out: Candidate[] = allGroups(repo).map((g) => ({
    value: `${sign}${g}=`,
    description: "config group",
  }));
  const dot = body.lastIndexOf(".");
  const parent = dot < 0 ? [] : splitKey(body.slice(0, dot));
  const node = nodeAt(config(), parent);
  if (node && node.kind !== "value") {
    const prefix = dot < 0 ? "" : body.slice(0, dot + 1);
    const children = node.kind === "dict"
      ? [...node.entries.values()].map((e) => [keyText(e.key), e.node] as const)
      : node.items.map((n, i) => [String(i), n] as const);
    for (const [k, child] of children) {
      const container = child.kind !== "value";
      out.push({
        value: `${sign}${prefix}${k}${container ? "." : sign === "~" ? "" : "="}`,
        description: container ? "config node" : leafText(child),
      });
    }
  }
  return out.filter((c) => c.value.startsWith(word));
}
