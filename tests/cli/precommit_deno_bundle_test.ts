/**
 * hooks/strata-validate-deno.sh, pre-commit's `strata-validate-deno` hook, bundles the hook
 * repository's checkout on its first run (dist/hook-bundle, what `deno task bundle` writes for
 * the binary) and starts every later commit from that bundle, which Deno loads in ~0.6x the time
 * of the sources (checker w45 #5); a source newer than the bundle makes it bundle again. Run here
 * on a copy of the checkout, from another directory, as pre-commit runs it in the user's repo.
 */
import assert from "node:assert/strict";
import { ROOT } from "./_cli.ts";
import { SMALL_TREE, writeTree } from "./_tree.ts";

const dec = new TextDecoder();

/** A copy of what the hook needs from the checkout. */
function hookCheckout(): string {
  const dir = Deno.makeTempDirSync({ prefix: "strata-hook-checkout-" });
  const copy = (rel: string) => {
    if (Deno.statSync(ROOT + rel).isDirectory) {
      Deno.mkdirSync(`${dir}/${rel}`, { recursive: true });
      for (const e of Deno.readDirSync(ROOT + rel)) copy(`${rel}/${e.name}`);
    } else Deno.copyFileSync(ROOT + rel, `${dir}/${rel}`);
  };
  for (const rel of ["deno.json", "deno.lock", "cli", "core", "asm", "hooks", "tools"]) copy(rel);
  return dir;
}

function hook(checkout: string, cwd: string) {
  const out = new Deno.Command("sh", {
    args: [`${checkout}/hooks/strata-validate-deno.sh`, "-d", "conf"],
    cwd,
    env: { PATH: `${Deno.execPath().replace(/\/[^/]*$/, "")}:${Deno.env.get("PATH")}` },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  return { code: out.code, out: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

Deno.test("the Deno pre-commit hook bundles the checkout once, runs the bundle, bundles again when a source changes", () => {
  const checkout = hookCheckout();
  const work = writeTree({
    ...SMALL_TREE,
    "conf/db/postgres.yaml": "host: pg.local\nport: ${db.prot}\n",
  });
  const bundle = `${checkout}/dist/hook-bundle/main.js`;
  try {
    const first = hook(checkout, work);
    assert.equal(first.code, 1, first.out);
    assert.match(first.out, /conf\/db\/postgres\.yaml:2:7: error: Interpolation key 'db\.prot'/);
    assert.ok(Deno.statSync(bundle).isFile, "no dist/hook-bundle/main.js");
    // no half-written bundle left beside it
    assert.deepEqual([...Deno.readDirSync(`${checkout}/dist`)].map((e) => e.name), [
      "hook-bundle",
    ]);
    // the next commit runs the bundle: one that says so is what runs
    Deno.writeTextFileSync(bundle, 'console.log("from the bundle");\n');
    const second = hook(checkout, work);
    assert.equal(second.code, 0, second.out);
    assert.equal(second.out, "from the bundle\n");
    // a source newer than the bundle: bundled again, the real check runs
    const later = new Date(Date.now() + 2000);
    Deno.utimeSync(`${checkout}/core/node.ts`, later, later);
    const third = hook(checkout, work);
    assert.equal(third.code, 1, third.out);
    assert.match(third.out, /Interpolation key 'db\.prot'/);
    assert.doesNotMatch(Deno.readTextFileSync(bundle), /from the bundle/);
  } finally {
    Deno.removeSync(checkout, { recursive: true });
    Deno.removeSync(work, { recursive: true });
  }
});
