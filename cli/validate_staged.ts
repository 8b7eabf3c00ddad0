/**
 * What `validate --staged` reads of git: the commit's staged change (or a
 * range's, pre-commit's `PRE_COMMIT_FROM_REF`/`PRE_COMMIT_TO_REF`), the index's
 * copy of `.strata.yaml` where the working copy differs, and the notes that
 * say how the commit was read.
 *
 * @module
 */

import { relative, resolve } from "../core/path.ts";
import { SETTINGS_FILE } from "../core/validate/settings.ts";
import {
  indexContents,
  repositoryRoot,
  type StagedYaml,
  stagedYaml,
  unstagedInTree,
  workingTreeDiffers,
} from "../core/validate/staged.ts";
import { writeErr } from "./output.ts";

/** What {@link readCommit} found. */
export interface CommitRead {
  /** The staged change, or undefined outside a repository (a note said so). */
  staged: StagedYaml | undefined;
  /** The range of commits pre-commit gave, if any. */
  range: { from: string; to: string } | undefined;
  /** `.strata.yaml` as the index holds it, where the working copy differs (a plain git hook). */
  settingsIndexed: Map<string, Uint8Array> | undefined;
}

/**
 * The commit `validate --staged` checks, read from git in the current directory.
 *
 * @example
 * ```ts ignore
 * import { readCommit } from "./validate_staged.ts";
 * const { staged } = readCommit(); // undefined outside a repository
 * ```
 */
export function readCommit(): CommitRead {
  // pre-commit run on a range of commits (CI's --from-ref/--to-ref, the pre-push stage) says so
  const from = Deno.env.get("PRE_COMMIT_FROM_REF"), to = Deno.env.get("PRE_COMMIT_TO_REF");
  const range = from && to ? { from, to } : undefined;
  const staged = stagedYaml(Deno.cwd(), range);
  if (staged === undefined) {
    // (in a repository, with a range: git knows no such commit, a misspelt ref: checker x52 #5)
    writeErr(
      range && repositoryRoot(Deno.cwd()) !== undefined
        ? `note: --staged: git cannot compare ${range.from} with ${range.to} ` +
          "(PRE_COMMIT_FROM_REF, PRE_COMMIT_TO_REF): validating the whole tree"
        : "note: --staged: not in a git repository (or no git): validating the whole tree",
    );
  }
  // a range read from a checkout that is not its last commit (a pre-push of another branch):
  // the files checked are the working tree's, not the range's (x52 #2, v64 #2)
  if (range && staged !== undefined && workingTreeDiffers(Deno.cwd(), range.to) === true) {
    writeErr(
      `note: --staged: the working tree differs from ${range.to}, where the range ends ` +
        "(PRE_COMMIT_TO_REF): its files are what is checked; check out that commit to check " +
        "the range as pushed",
    );
  }
  // a plain git hook: .strata.yaml too is read as the index holds it (checker x52 #1: a staged
  // copy without the search path passed on the working copy's); settings are read before the
  // first await of projectSettings, so the overlay below covers them
  const settingsIndexed = staged && range === undefined
    ? indexContents(staged.root, staged.unstaged.filter((p) => p.endsWith(`/${SETTINGS_FILE}`)))
    : undefined;
  for (const file of settingsIndexed?.keys() ?? []) {
    writeErr(
      `note: --staged: ${relative(Deno.cwd(), file)} has changes not staged: read as staged ` +
        "(what the commit holds), not as in the working tree",
    );
  }
  return { staged, range, settingsIndexed };
}

/**
 * The files the commit does not hold, with why (what a config that names one is told).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { absentInCommit } from "./validate_staged.ts";
 * const why = absentInCommit(["/r/conf/a.yaml"], [], false);
 * assert.equal(why.get("/r/conf/a.yaml"), "is deleted (or renamed) by this commit");
 * ```
 */
export function absentInCommit(
  removed: readonly string[],
  untracked: readonly string[],
  range: boolean,
): Map<string, string> {
  const why = new Map<string, string>();
  // a range of commits (CI's --from-ref/--to-ref, pre-push) deleted it, not one commit (x26)
  const by = range ? "by the commits checked" : "by this commit";
  for (const f of removed) why.set(resolve(f), `is deleted (or renamed) ${by}`);
  for (const f of untracked) why.set(resolve(f), "is not tracked by git, so not in the commit");
  return why;
}

/**
 * `--staged` in a plain git hook (pre-commit stashes unstaged changes first):
 * the tree's config files whose working copy is not what is staged are said,
 * and that they are checked as staged (`indexed`: the index's copies read);
 * in a range of commits, as in the working tree.
 *
 * @example
 * ```ts ignore
 * import { noteUnstaged } from "./validate_staged.ts";
 * noteUnstaged(["/r/conf/a.yaml"], ["/r/conf"], undefined); // a note on stderr
 * ```
 */
export function noteUnstaged(
  unstaged: readonly string[],
  dirs: readonly string[],
  indexed: ReadonlyMap<string, Uint8Array> | undefined,
): void {
  const inTree = unstagedInTree(unstaged, dirs);
  if (inTree.length === 0) return;
  const shown = inTree.slice(0, 3).map((f) => relative(Deno.cwd(), f));
  const more = inTree.length > 3 ? ` and ${inTree.length - 3} more` : "";
  writeErr(
    `note: --staged: ${shown.join(", ")}${more} ${
      inTree.length === 1 ? "has" : "have"
    } changes not staged: ${
      indexed !== undefined && inTree.every((f) => indexed.has(resolve(f)))
        ? "checked as staged (what the commit holds), not as in the working tree"
        : "checked as in the working tree, not as committed (pre-commit's hooks stash them first)"
    }`,
  );
}
