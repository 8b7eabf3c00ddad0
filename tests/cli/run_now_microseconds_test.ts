import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

// s4's hydra.run.dir is ./outputs/${now:%Y-%m-%d}/${now:%H-%M-%S-%f}: Python's %f is microseconds,
// so runs started together get distinct dirs. A Date holds milliseconds (%f was always ...000).
Deno.test("run: ${now:%f} has microseconds, from one clock reading for the run dir and the config", async () => {
  const dir = writeTree({
    "conf/config.yaml": "stamp: ${now:%H-%M-%S-%f}\n" +
      "hydra:\n  run:\n    dir: out/${now:%H-%M-%S-%f}\n",
  });
  const stamps: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await strata(["run", "--", "true"], { cwd: dir });
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, 0, r.stderr);
  }
  for (const e of Deno.readDirSync(`${dir}/out`)) {
    assert.match(e.name, /^\d{2}-\d{2}-\d{2}-\d{6}$/);
    const config = Deno.readTextFileSync(`${dir}/out/${e.name}/config.yaml`);
    assert.equal(config, `stamp: ${e.name}\n`, "the config's ${now:...} is the run dir's");
    const hydra = Deno.readTextFileSync(`${dir}/out/${e.name}/.hydra/hydra.yaml`);
    assert.ok(hydra.includes(`/out/${e.name}\n`), hydra); // hydra.runtime.output_dir
    stamps.push(e.name);
  }
  assert.equal(stamps.length, 3, "three runs, three dirs");
  // three readings all on a whole millisecond: one chance in 10^9
  assert.ok(stamps.some((s) => !s.endsWith("000")), stamps.join(" "));
});

Deno.test("run --now: a stamp with microseconds is formatted by ${now:%f} as written", async () => {
  const dir = writeTree({ "conf/config.yaml": "stamp: ${now:%S.%f}\n" });
  const r = await strata(
    ["run", "--now", "2026-01-02T03:04:05.067008", "-c", "job", "--resolve", "--", "true"],
    { cwd: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "stamp: '05.067008'\n");
});
