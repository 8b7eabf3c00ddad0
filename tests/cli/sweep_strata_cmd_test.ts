/**
 * The default command a SLURM task calls strata with, run from source: the
 * same flags as the binary (`deno task compile`), the V8 heap flag included.
 */
import assert from "node:assert/strict";
import { confTree, sweepIn } from "./_manifest.ts";
import { PERMISSIONS, ROOT, strata, V8_FLAGS } from "./_cli.ts";
import { shJoin } from "../../core/manifest/command.ts";

Deno.test("sweep -f slurm: tasks run strata from source with the binary's permissions and V8 flags", async () => {
  assert.ok(V8_FLAGS.length > 0, "deno.json's compile task embeds V8 flags");
  const dir = confTree();
  const r = await sweepIn(dir, "-f slurm seed=1,2 -- ./train");
  assert.equal(r.code, 0, r.stderr);
  const exec = r.stdout.split("\n").find((l) => l.startsWith("exec "))!;
  const strata = shJoin([
    Deno.execPath(),
    "run",
    ...PERMISSIONS,
    ...V8_FLAGS,
    `${ROOT}cli/main.ts`,
  ]);
  assert.ok(
    exec.startsWith(`exec ${strata} run --job-index "$STRATA_JOB_INDEX" `),
    `expected the binary's flags in\n${exec}\nwanted\nexec ${strata} run`,
  );
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("sweep -f slurm: a sweep run with more permissions (-A) gives its tasks them too", async () => {
  // a --resolvers module the sweep checked with --allow-sys (Deno.hostname()) must resolve in
  // every task as well: with the binary's permissions alone it was kept as written, a warning
  const dir = confTree();
  try {
    const r = await strata(["sweep", "-f", "slurm", "seed=1,2", "--", "./train"], {
      cwd: dir,
      permissions: [...PERMISSIONS, "--allow-sys"],
    });
    assert.equal(r.code, 0, r.stderr);
    const exec = r.stdout.split("\n").find((l) => l.startsWith("exec "))!;
    const strataCmd = shJoin([
      Deno.execPath(),
      "run",
      ...PERMISSIONS,
      ...V8_FLAGS,
      "--allow-sys",
      `${ROOT}cli/main.ts`,
    ]);
    assert.ok(exec.startsWith(`exec ${strataCmd} run `), exec);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("sweep: a --strata-cmd of no words is refused, not written as `exec run ...`", async () => {
  const dir = confTree();
  for (const format of ["slurm", "k8s --image app:1", "github"]) {
    for (const cmd of ["", " "]) {
      const r = await strata(
        ["sweep", "-f", ...format.split(" "), "seed=1,2", "--strata-cmd", cmd, "--", "./train"],
        { cwd: dir },
      );
      assert.equal(r.code, 2, `${format} '${cmd}': ${r.stdout}`);
      assert.match(r.stderr, /--strata-cmd/);
      assert.equal(r.stdout, "");
    }
  }
  Deno.removeSync(dir, { recursive: true });
});
