/**
 * A sweep whose `hydra.sweep.dir` reads a swept value (rl4co's `${logger.wandb.group}`): each
 * job writes its run dir under its own sweep dir, as Hydra puts it. A k8s `--pvc` mounted at the
 * master's sweep dir would leave the others' output in their containers, lost: refused, with the
 * mount that holds them all. A GitHub job's artifact, the master's sweep dir, would be empty:
 * a warning at hydra.sweep.dir's line.
 */

import assert from "node:assert/strict";
import { confTree, listFiles } from "./_manifest.ts";
import { assertNoStackTrace, strata } from "./_cli.ts";

const SWEEP = ["sweep", "model=small,large", "hydra.sweep.dir=/data/runs/${model.name}"];

Deno.test("sweep -f k8s --pvc: a job whose run dir is off the mount is refused, with the mount that holds them", async () => {
  const dir = confTree();
  try {
    const k8s = [...SWEEP, "-f", "k8s", "--image", "reg/app:1", "-o", "out.yaml"];
    const r = await strata([...k8s, "--pvc", "runs", "--", "./t", "{overrides}"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /^override #\d+ 'hydra\.sweep\.dir=[^']*': Cannot use --pvc 'runs': job #1 writes its run dir \/data\/runs\/large\/1, outside \/data\/runs\/small, as its hydra\.sweep\.dir reads a value the sweep changes, so it would not be on the volume: mount the claim where every job writes \(--pvc runs:\/data\/runs\)\n/,
    );
    assertNoStackTrace(r.stderr);
    assert.deepEqual(listFiles(dir).filter((f) => !f.startsWith("conf/")), []);
    const ok = await strata([...k8s, "--pvc", "runs:/data/runs", "--", "./t", "{overrides}"], {
      cwd: dir,
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(Deno.readTextFileSync(`${dir}/out.yaml`), /mountPath: \/data\/runs\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f github: a job whose run dir is not under the uploaded sweep dir is a warning", async () => {
  const dir = confTree();
  try {
    new Deno.Command("git", { args: ["init", "-q", dir] }).outputSync();
    const r = await strata(
      [...SWEEP, "-f", "github", "-o", "gh", "--strata-cmd", "strata", "--", "./t", "{overrides}"],
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /warning: job #1 writes its run dir \/data\/runs\/large\/1, outside \/data\/runs\/small, .*: the workflow uploads \/data\/runs\/small only, so that job's artifact will be empty/,
    );
    // one dir for every job: no warning
    const same = await strata(
      ["sweep", "model=small,large", "-f", "github", "-o", "gh2", "--strata-cmd", "strata"]
        .concat("--", "./t", "{overrides}"),
      { cwd: dir },
    );
    assert.equal(same.code, 0, same.stderr);
    assert.doesNotMatch(same.stderr, /artifact will be empty/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f github|k8s: hydra.sweep.dir's ${hydra.job.name} is the tasks' (their script's), not 'app'", async () => {
  const dir = confTree();
  try {
    new Deno.Command("git", { args: ["init", "-q", dir] }).outputSync();
    const named = ["sweep", "seed=1,2", "hydra.sweep.dir=/data/${hydra.job.name}"];
    const gh = await strata(
      [...named, "-f", "github", "-o", "gh", "--strata-cmd", "strata", "--", "./train.py"],
      { cwd: dir },
    );
    assert.equal(gh.code, 0, gh.stderr);
    assert.match(Deno.readTextFileSync(`${dir}/gh/workflow.yml`), /\n\s+path: \/data\/train\n/);
    const k8s = await strata(
      [...named, "-f", "k8s", "--image", "reg/app:1", "--pvc", "runs", "--", "./train.py"],
      { cwd: dir },
    );
    assert.equal(k8s.code, 0, k8s.stderr);
    assert.match(k8s.stdout, /mountPath: \/data\/train\n/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f github: a --search-path outside the repository is a note (the runners' checkout has no such dir)", async () => {
  const dir = confTree();
  const plugin = Deno.makeTempDirSync({ prefix: "strata-plugin-" });
  try {
    new Deno.Command("git", { args: ["init", "-q", dir] }).outputSync();
    const gh = ["sweep", "seed=1,2", "-f", "github", "--strata-cmd", "strata"];
    const outside = await strata([...gh, "-o", "gh", "--search-path", plugin, "--", "./t"], {
      cwd: dir,
    });
    assert.equal(outside.code, 0, outside.stderr);
    assert.match(
      outside.stderr,
      /note: --search-path \S+ is outside the repository \(\S+\), so the runners' checkout has no such directory/,
    );
    Deno.mkdirSync(`${dir}/plugins`);
    const inside = await strata([...gh, "-o", "gh2", "--search-path", "plugins", "--", "./t"], {
      cwd: dir,
    });
    assert.equal(inside.code, 0, inside.stderr);
    assert.doesNotMatch(inside.stderr, /outside the repository/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
    Deno.removeSync(plugin, { recursive: true });
  }
});
