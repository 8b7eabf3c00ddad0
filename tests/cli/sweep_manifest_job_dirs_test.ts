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
import { writeTree } from "./_tree.ts";

const SWEEP = ["sweep", "model=small,large", "hydra.sweep.dir=/data/runs/${model.name}"];

Deno.test("sweep -f k8s --pvc: a job whose run dir is off the mount is refused, with the mount that holds them", async () => {
  const dir = confTree();
  try {
    const k8s = [...SWEEP, "-f", "k8s", "--image", "reg/app:1", "-o", "out.yaml"];
    const r = await strata([...k8s, "--pvc", "runs", "--", "./t", "{overrides}"], { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /^override #\d+ 'hydra\.sweep\.dir=[^']*': Cannot use --pvc 'runs': job #1 writes its run dir \/data\/runs\/large\/1, outside \/data\/runs\/small \(where --pvc mounts the claim: hydra\.sweep\.dir as the config sets it, before the sweep's values\), as its hydra\.sweep\.dir reads a value the sweep changes, so it would not be on the volume: mount the claim where every job writes \(--pvc runs:\/data\/runs\)\n/,
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
      /warning: job #1 writes its run dir \/data\/runs\/large\/1, outside the sweep dir \/data\/runs\/small, .*: the workflow uploads \/data\/runs\/small only, so that job's artifact will be empty/,
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

Deno.test("an absolute hydra.sweep.subdir (L2M's empty override_dirname + '/seed=1'): run -m warns at it, --pvc refuses it, the GitHub artifact warns (checker x29)", async () => {
  const dir = writeTree({
    "conf/config.yaml": "seed: 0\nlr: 0.1\nhydra:\n  job:\n    config:\n      override_dirname:\n" +
      "        exclude_keys: [seed]\n  sweep:\n    dir: out/m\n" +
      "    subdir: ${hydra.job.override_dirname}/seed=${seed}\n",
  });
  try {
    new Deno.Command("git", { args: ["init", "-q", dir] }).outputSync();
    // k8s: the pods would write /seed=N, off the volume
    const k8s = await strata(
      ["sweep", "seed=1,2", "hydra.sweep.dir=/data/sw", "-f", "k8s", "--image", "reg/app:1"]
        .concat("--pvc", "runs:/data", "-o", "out.yaml", "--", "./t", "{overrides}"),
      { cwd: dir },
    );
    assert.equal(k8s.code, 2, k8s.stderr);
    assert.match(
      k8s.stderr,
      /^conf\/config\.yaml:10:13: Cannot use --pvc 'runs:\/data': job #0 writes its run dir \/seed=1, outside \/data, as its hydra\.sweep\.subdir is an absolute path \(Hydra's os\.path\.join keeps it as is\), so it would not be on the volume: make hydra\.sweep\.subdir relative\n/,
    );
    assertNoStackTrace(k8s.stderr);
    assert.throws(() => Deno.statSync(`${dir}/out.yaml`), Deno.errors.NotFound);
    // a job whose override_dirname is not empty has a relative subdir: accepted
    const ok = await strata(
      ["sweep", "seed=1,2", "lr=0.2", "hydra.sweep.dir=/data/sw", "-f", "k8s", "--image", "x:1"]
        .concat("--pvc", "runs:/data", "--", "./t", "{overrides}"),
      { cwd: dir },
    );
    assert.equal(ok.code, 0, ok.stderr);
    // github: the artifact (the sweep dir) would be empty
    const gh = await strata(
      ["sweep", "seed=1,2", "-f", "github", "-o", "gh", "--strata-cmd", "strata"]
        .concat("--", "./t", "{overrides}"),
      { cwd: dir },
    );
    assert.equal(gh.code, 0, gh.stderr);
    assert.match(
      gh.stderr,
      /conf\/config\.yaml:10:13: warning: job #0 writes its run dir \/seed=1, .*hydra\.sweep\.subdir is an absolute path.*artifact will be empty \(make hydra\.sweep\.subdir relative\)/,
    );
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("run -m with an absolute hydra.sweep.subdir: warned at it, and the launch line says where the run dirs go (checker x29)", async () => {
  const dir = writeTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const r = await strata(
      ["run", "-m", "seed=1,2", "hydra.sweep.dir=out/m", `hydra.sweep.subdir=${dir}/jobs/s\${seed}`]
        .concat("--", "true"),
      { cwd: dir },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^override #2 '[^']*': warning: job #0's hydra\.sweep\.subdir resolves to '[^']*\/jobs\/s1', an absolute path: Hydra joins it to hydra\.sweep\.dir with os\.path\.join, which keeps it as is, so the job writes its run dir there, outside out\/m$/m,
    );
    assert.match(
      r.stderr,
      /Launching 2 jobs locally in \S+\/out\/m, their run dirs where hydra\.sweep\.subdir puts them \(an absolute path\)\n/,
    );
    assert.doesNotMatch(r.stderr, /their own sweep dirs/);
    Deno.statSync(`${dir}/jobs/s2/.hydra/config.yaml`);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -f github: a config dir or --resolvers module outside the repository is a warning: every job would fail (checker x29)", async () => {
  const outside = writeTree({
    "conf/config.yaml": "seed: 0\n",
    "r.ts": "export default { seven: () => 7 };\n",
  });
  const repo = writeTree({ "README.md": "x\n" });
  try {
    new Deno.Command("git", { args: ["init", "-q", repo] }).outputSync();
    const r = await strata(
      ["sweep", "-d", `${outside}/conf`, "--resolvers", `${outside}/r.ts`, "seed=1,2", "-f"]
        .concat("github", "-o", "gh", "--strata-cmd", "strata", "--", "./t"),
      { cwd: repo },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stderr,
      /^warning: the config dir \S+\/conf is outside the repository \(\S+\), so the runners' checkout has no such directory: every job would fail to find its configs/m,
    );
    assert.match(
      r.stderr,
      /^warning: --resolvers \S+\/r\.ts is outside the repository \(\S+\), so the runners' checkout has no such file/m,
    );
    // inside: no warning
    Deno.mkdirSync(`${repo}/conf`);
    Deno.copyFileSync(`${outside}/conf/config.yaml`, `${repo}/conf/config.yaml`);
    const inside = await strata(
      ["sweep", "-d", "conf", "seed=1,2", "-f", "github", "-o", "gh2", "--strata-cmd", "strata"]
        .concat("--", "./t"),
      { cwd: repo },
    );
    assert.equal(inside.code, 0, inside.stderr);
    assert.doesNotMatch(inside.stderr, /outside the repository/);
  } finally {
    Deno.removeSync(outside, { recursive: true });
    Deno.removeSync(repo, { recursive: true });
  }
});
