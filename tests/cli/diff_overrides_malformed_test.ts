import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// A run dir's .hydra/overrides.yaml that is not Hydra's list of override
// strings is said, naming the file: a diff without "override ..." notes must
// not pass for a run without overrides. The diff itself still runs.
const run = (config: string) => ({ [".hydra/config.yaml"]: config });
const at = (dir: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}/${k}`, v]));

Deno.test("strata diff warns of a run dir's overrides.yaml that is a mapping, a directory, or holds non-strings", async () => {
  const dir = await writeTree({
    ...at("runs/a", run("lr: 1\n")),
    ...at("runs/map", { ...run("lr: 2\n"), ".hydra/overrides.yaml": "lr: 2\n" }),
    ...at("runs/dir", { ...run("lr: 2\n"), ".hydra/overrides.yaml/x": "" }),
    ...at("runs/items", { ...run("lr: 2\n"), ".hydra/overrides.yaml": "- lr=2\n- 3\n- [x]\n" }),
  });
  const map = await strata(["diff", "runs/a", "runs/map"], { cwd: dir });
  assert.equal(map.code, 1, map.stderr);
  assert.equal(
    map.stderr,
    "runs/map/.hydra/overrides.yaml:1:1: warning: not a list of overrides: " +
      "the overrides that set this run's keys are not shown\n",
  );
  assert.match(map.stdout, /~ lr: 1 -> 2\n/);
  const d = await strata(["diff", "runs/dir", "runs/a", "-f", "json"], { cwd: dir });
  assert.equal(d.code, 1, d.stderr);
  assert.match(
    d.stderr,
    /^runs\/dir\/\.hydra\/overrides\.yaml: warning: is a directory, not a list/,
  );
  assert.equal(JSON.parse(d.stdout).changes.length, 1);
  const items = await strata(["diff", "runs/a", "runs/items"], { cwd: dir });
  assert.equal(items.code, 1, items.stderr);
  assert.equal(
    items.stderr,
    "runs/items/.hydra/overrides.yaml:2:3: warning: item 1 is an int, not an override string: skipped\n" +
      "runs/items/.hydra/overrides.yaml:3:3: warning: item 2 is a list, not an override string: skipped\n",
  );
  assert.match(items.stdout, /, override lr=2 \(runs\/items\/\.hydra\/overrides\.yaml\)/);
});

Deno.test("strata diff: an empty overrides.yaml and Hydra's [] give no warning", async () => {
  const dir = await writeTree({
    ...at("runs/a", { ...run("lr: 1\n"), ".hydra/overrides.yaml": "" }),
    ...at("runs/b", { ...run("lr: 2\n"), ".hydra/overrides.yaml": "[]\n" }),
  });
  const r = await strata(["diff", "runs/a", "runs/b"], { cwd: dir });
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, "");
});
