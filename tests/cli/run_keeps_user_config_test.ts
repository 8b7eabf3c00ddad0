// A run dir that holds a config.yaml strata did not write (IsaacGymEnvs' `hydra.run.dir: .`
// run from its config dir: the primary config): strata leaves it as it is, writes the resolved
// config to .strata/config.yaml (STRATA_CONFIG) and says so at the key that chose the run dir.
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const PRIMARY = "defaults:\n  - task: ant\n  - _self_\nname: ${task.name}\n" +
  "hydra:\n  output_subdir: null\n  run:\n    dir: .\n";
const TREE = { "conf/config.yaml": PRIMARY, "conf/task/ant.yaml": "name: Ant\n" };
const SHOW = ["--", "sh", "-c", 'echo "$STRATA_CONFIG"'];

function kept(dir: string, key: string, at: string, why = "a config of the search path"): string {
  return `${at}: warning: ${key}: ${dir}/config.yaml is not a file strata wrote (${why}): ` +
    `left as it is; the resolved config is in ${dir}/.strata/config.yaml (STRATA_CONFIG)\n`;
}

Deno.test("run: hydra.run.dir '.' in the config dir leaves the primary config as it is", async () => {
  const root = Deno.realPathSync(await confTree(TREE));
  const conf = `${root}/conf`;
  try {
    for (let i = 0; i < 2; i++) { // the second run too: .strata/ now exists there
      const r = await strata(["run", "-d", ".", ...SHOW], { cwd: conf });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(Deno.readTextFileSync(`${conf}/config.yaml`), PRIMARY);
      assert.equal(r.stdout, `${conf}/.strata/config.yaml\n`);
      assert.equal(r.stderr, kept(conf, "hydra.run.dir", "config.yaml:8:10"));
      assert.equal(
        Deno.readTextFileSync(`${conf}/.strata/config.yaml`),
        "task:\n  name: Ant\nname: Ant\n",
      );
    }
    const composed = await strata(["compose", "-d", ".", "task=ant"], { cwd: conf });
    assert.equal(composed.code, 0, composed.stderr);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("run: a run dir's config.yaml with no .strata/ record of a run is kept, run after run", async () => {
  const root = Deno.realPathSync(await confTree({ ...TREE, "out/config.yaml": "mine: 1\n" }));
  try {
    for (let i = 0; i < 2; i++) { // then .strata/ has a hash, and the kept config's record
      const r = await strata(["run", "-d", "conf", "hydra.run.dir=out", ...SHOW], { cwd: root });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(Deno.readTextFileSync(`${root}/out/config.yaml`), "mine: 1\n");
      const why = `no record in ${root}/out/.strata of a run that wrote it`;
      assert.equal(
        r.stderr,
        kept(`${root}/out`, "hydra.run.dir", "override #1", why).replace(
          "override #1:",
          "override #1 'hydra.run.dir=out':",
        ),
      );
    }
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("run: a config.yaml strata wrote in a run dir is replaced, as before", async () => {
  const root = Deno.realPathSync(await confTree(TREE));
  try {
    const run = (name: string) =>
      strata(["run", "-d", "conf", "hydra.run.dir=out", `name=${name}`, ...SHOW], { cwd: root });
    assert.equal((await run("a")).stderr, "");
    const again = await run("b");
    assert.deepEqual([again.code, again.stderr, again.stdout], [
      0,
      "",
      `${root}/out/config.yaml\n`,
    ]);
    assert.match(Deno.readTextFileSync(`${root}/out/config.yaml`), /^name: b$/m);
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("run -m and --job-index: a job dir '.' in the config dir keeps the primary config", async () => {
  const root = Deno.realPathSync(await confTree(TREE));
  const conf = `${root}/conf`;
  try {
    const dirs = ["hydra.sweep.dir=.", "hydra.sweep.subdir=."];
    for (const mode of [["-m"], ["--job-index", "0"]]) {
      const r = await strata(["run", "-d", ".", ...mode, ...dirs, ...SHOW], { cwd: conf });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(Deno.readTextFileSync(`${conf}/config.yaml`), PRIMARY);
      const at = "override #2 'hydra.sweep.subdir=.'";
      assert.ok(r.stderr.includes(kept(conf, "hydra.sweep.subdir", at)), r.stderr);
      assert.match(r.stdout, new RegExp(`${conf}/\\.strata/config\\.yaml\\n$`));
    }
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("run: a config.yaml strata wrote and the user edited since is kept on the next run", async () => {
  // nn-template's hydra.run.dir is `.`: the project root, where a user may edit config.yaml
  const root = Deno.realPathSync(await confTree(TREE));
  try {
    const args = ["run", "-d", "conf", "hydra.run.dir=out", ...SHOW];
    const first = await strata(args, { cwd: root });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, `${root}/out/config.yaml\n`);
    // unchanged, strata's own file is replaced run after run
    const again = await strata(args, { cwd: root });
    assert.equal(again.stderr, "");
    assert.equal(again.stdout, `${root}/out/config.yaml\n`);
    Deno.writeTextFileSync(`${root}/out/config.yaml`, "user: edited after\n");
    const edited = await strata(args, { cwd: root });
    assert.equal(edited.code, 0, edited.stderr);
    assert.equal(Deno.readTextFileSync(`${root}/out/config.yaml`), "user: edited after\n");
    assert.equal(edited.stdout, `${root}/out/.strata/config.yaml\n`);
    assert.match(
      edited.stderr,
      /config\.yaml is not a file strata wrote \(changed since strata wrote it\)/,
    );
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});
