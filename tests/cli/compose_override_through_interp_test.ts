// 3D-Diffusion-Policy: `shape_meta: ${task.shape_meta}`. Hydra decides `+key=v` and `~key` with
// OmegaConf.select, which goes through the interpolations on the key's path: `+x.b=5` finds the
// item at a.b, `~x.b` deletes a.b (config_loader_impl._apply_overrides_to_config)
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

const TREE = { "conf/config.yaml": "a: {b: 1, c: 2}\nx: ${a}\n" };

async function compose(...overrides: string[]) {
  const dir = await confTree(TREE);
  try {
    const r = await strata(["compose", "-d", "conf", ...overrides], { cwd: dir });
    assertNoStackTrace(r.stderr);
    return r;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

Deno.test("+x.b=5 through x: ${a} finds the item at a.b, as Hydra does", async () => {
  const r = await compose("+x.b=5");
  assert.equal(r.code, 1, r.stdout);
  assert.match(
    r.stderr,
    /^override #1 '\+x\.b=5': Could not append to config\. An item is already at 'x\.b'\./,
  );
});

Deno.test("~x.b through x: ${a} deletes a.b; ~x.b=7 compares a.b's value", async () => {
  for (const o of ["~x.b", "~x.b=1"]) {
    const r = await compose(o);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "a:\n  c: 2\nx: ${a}\n", o);
  }
  const wrong = await compose("~x.b=7");
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /The value of 'x\.b' is 1 and not 7\./);
  // a new key under the interpolation: OmegaConf.update puts a dict in its place, as Hydra's does
  const added = await compose("+x.d=5");
  assert.equal(added.code, 0, added.stderr);
  assert.equal(added.stdout, "a:\n  b: 1\n  c: 2\nx:\n  d: 5\n");
});
