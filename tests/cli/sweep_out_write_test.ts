/**
 * `--out` into a directory the user may not write: a one-line error naming
 * the user's path (not strata's temporary name), exit 1, nothing written.
 */

import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("sweep/schema --out into a read-only directory: the path, permission denied, exit 1", async () => {
  const dir = await confTree({ "conf/config.yaml": "x: 1\n" });
  try {
    await Deno.mkdir(`${dir}/ro`, { mode: 0o555 });
    await Deno.chmod(`${dir}/ro`, 0o555);
    // Tests run as root: drop the capabilities that let root write anywhere.
    const wrapper = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"];
    for (
      const args of [
        ["sweep", "-d", "conf", "x=1,2", "-o", "ro/out.jsonl"],
        ["schema", "-d", "conf", "-o", "ro/out.jsonl"],
      ]
    ) {
      const r = await strata(args, { cwd: dir, wrapper });
      assert.equal(r.code, 1, r.stderr);
      assert.equal(r.stdout, "");
      assert.equal(r.stderr, "Cannot write the file 'ro/out.jsonl': permission denied\n");
      assertNoStackTrace(r.stderr);
    }
    const gh = await strata(
      ["sweep", "-d", "conf", "x=1,2", "-f", "github", "-o", "ro/gh", "--", "echo"],
      { cwd: dir, wrapper },
    );
    assert.equal(gh.code, 1, gh.stderr);
    assert.equal(gh.stderr, "Cannot write into 'ro/gh': permission denied\n");
    assert.deepEqual([...Deno.readDirSync(`${dir}/ro`)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sweep -o DIR again: the numbered files of the earlier sweep that this one does not write are removed", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    const first = [
      "sweep",
      "-d",
      "conf",
      "seed=range(25)",
      "-f",
      "slurm",
      "--max-array-size",
      "10",
    ];
    const a = await strata([...first, "-o", "sl", "--", "./train"], { cwd: dir });
    assert.equal(a.code, 0, a.stderr);
    await Deno.writeTextFile(`${dir}/sl/notes.txt`, "mine\n");
    const b = await strata(
      [
        "sweep",
        "-d",
        "conf",
        "seed=1,2",
        "-f",
        "slurm",
        "--max-array-size",
        "10",
        "-o",
        "sl",
        "--",
        "./train",
      ],
      { cwd: dir },
    );
    assert.equal(b.code, 0, b.stderr);
    // `sbatch sl/*.sbatch` would have run the 25-job sweep's arrays 1 and 2 too
    assert.deepEqual([...Deno.readDirSync(`${dir}/sl`)].map((e) => e.name).sort(), [
      "array_000.sbatch",
      "notes.txt",
      "submit.sh",
    ]);
    assert.match(
      b.stderr,
      /removed 2 file\(s\) an earlier sweep wrote in sl: array_001\.sbatch, array_002\.sbatch/,
    );
    // another format into it: slurm's submit.sh (it would submit arrays that are gone) goes
    // too; a submit.sh of the user's stays
    Deno.mkdirSync(`${dir}/.git`);
    const c = await strata(
      ["sweep", "-d", "conf", "seed=1,2", "-f", "github", "-o", "sl", "--", "./train"],
      { cwd: dir },
    );
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual([...Deno.readDirSync(`${dir}/sl`)].map((e) => e.name).sort(), [
      "matrix_000.json",
      "notes.txt",
      "workflow.yml",
    ]);
    assert.match(
      c.stderr,
      /removed 2 file\(s\) an earlier sweep wrote in sl: array_000\.sbatch, submit\.sh/,
    );
    await Deno.writeTextFile(`${dir}/sl/submit.sh`, "#!/bin/bash\necho mine\n");
    const d = await strata(
      ["sweep", "-d", "conf", "seed=1,2,3", "-f", "github", "-o", "sl", "--", "./train"],
      { cwd: dir },
    );
    assert.equal(d.code, 0, d.stderr);
    assert.equal(Deno.readTextFileSync(`${dir}/sl/submit.sh`), "#!/bin/bash\necho mine\n");
    assert.doesNotMatch(d.stderr, /removed/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep -o DIR: files of a manifest's names that strata did not write are kept, never written over", async () => {
  const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
  try {
    await Deno.mkdir(`${dir}/out`);
    const mine = {
      "matrix_007.json": '{"mine":1}\n',
      "array_005.sbatch": "#!/bin/bash\necho mine\n",
      "job_3.json": "{}\n",
      "submit.sh": "my notes\n",
    };
    for (const [name, text] of Object.entries(mine)) {
      Deno.writeTextFileSync(`${dir}/out/${name}`, text);
    }
    const slurm = [
      "sweep",
      "-d",
      "conf",
      "seed=range(3)",
      "-f",
      "slurm",
      "-o",
      "out",
      "--",
      "true",
    ];
    const r = await strata(slurm, { cwd: dir });
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /^Cannot write into 'out': 'submit\.sh' there is not a file strata wrote \(move it away, or give another --out\)$/m,
    );
    Deno.removeSync(`${dir}/out/submit.sh`);
    const s = await strata(slurm, { cwd: dir });
    assert.equal(s.code, 0, s.stderr);
    assert.doesNotMatch(s.stderr, /removed/);
    for (const [name, text] of Object.entries(mine)) {
      if (name !== "submit.sh") {
        assert.equal(Deno.readTextFileSync(`${dir}/out/${name}`), text, name);
      }
    }
    Deno.mkdirSync(`${dir}/.git`);
    const g = await strata(
      ["sweep", "-d", "conf", "seed=1,2", "-f", "github", "-o", "out", "--", "true"],
      { cwd: dir },
    );
    // strata's own slurm files go; the user's stay
    assert.equal(g.code, 0, g.stderr);
    assert.match(
      g.stderr,
      /removed 2 file\(s\) an earlier sweep wrote in out: array_000\.sbatch, submit\.sh/,
    );
    assert.deepEqual([...Deno.readDirSync(`${dir}/out`)].map((e) => e.name).sort(), [
      "array_005.sbatch",
      "job_3.json",
      "matrix_000.json",
      "matrix_007.json",
      "workflow.yml",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test({
  name: "sweep -o DIR where DIR is a mount point (another file system than its parent): written",
  // needs root and tmpfs (CI's containers have both); where mount fails there is nothing to check
  fn: async () => {
    const dir = await confTree({ "conf/config.yaml": "seed: 0\n" });
    await Deno.mkdir(`${dir}/mnt`);
    const mount = await new Deno.Command("mount", { args: ["-t", "tmpfs", "tmpfs", `${dir}/mnt`] })
      .output();
    try {
      if (!mount.success) return; // not root, or no capability to mount: nothing to check
      const r = await strata(
        ["sweep", "-d", "conf", "seed=1,2", "-f", "slurm", "--max-array-size", "10", "-o", "mnt"]
          .concat(["--", "./train"]),
        { cwd: dir },
      );
      // staged beside it, the files could not be renamed in (EXDEV, 'invalid cross-device link')
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual([...Deno.readDirSync(`${dir}/mnt`)].map((e) => e.name).sort(), [
        "array_000.sbatch",
        "submit.sh",
      ]);
    } finally {
      if (mount.success) await new Deno.Command("umount", { args: [`${dir}/mnt`] }).output();
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test("sweep -f github -o NAME.yml: a new directory named like a workflow file is refused (checker w39: GitHub never runs .github/workflows/sweep.yml/)", async () => {
  const dir = await confTree({ "conf/config.yaml": "lr: 1\n" });
  try {
    Deno.mkdirSync(`${dir}/.github/workflows`, { recursive: true });
    const out = ".github/workflows/sweep.yml";
    const r = await strata(["sweep", "lr=1,2", "-f", "github", "-o", out, "--", "python", "t.py"], {
      cwd: dir,
    });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 2, r.stderr);
    assert.match(
      r.stderr,
      /-o '\.github\/workflows\/sweep\.yml' names a file, and -f github writes a directory/,
    );
    assert.throws(() => Deno.statSync(`${dir}/${out}`));
    // a directory: written
    const ok = await strata(
      ["sweep", "lr=1,2", "-f", "github", "-o", "gh", "--", "python", "t.py"],
      { cwd: dir },
    );
    assert.equal(ok.code, 0, ok.stderr);
    assert.ok(Deno.statSync(`${dir}/gh/workflow.yml`).isFile);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
