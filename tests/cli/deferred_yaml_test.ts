/**
 * The CLI's deferred full YAML reader (cli/deferred_yaml.ts): a command that
 * meets a file only the full reader reads runs again once it is loaded, and
 * says nothing of its first run.
 */

import assert from "node:assert/strict";
import { confTree, ROOT, strata } from "./_cli.ts";

const TREE = {
  // warns while composing (no _self_ in a primary config with other keys), before the anchor
  "conf/config.yaml": "defaults:\n  - db: pg\nname: x\nlr: 0.1\n",
  "conf/db/pg.yaml": "base: &b {host: pg.local}\nreplica: *b\n",
  "conf/db/my.yaml": "host: my.local\n",
};

Deno.test("a file that needs the full reader composes, and the first run says nothing", async () => {
  const dir = await confTree(TREE);
  try {
    const r = await strata(["compose", "-d", "conf", "-f", "json"], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      db: { base: { host: "pg.local" }, replica: { host: "pg.local" } },
      name: "x",
      lr: 0.1,
    });
    // each line of stderr once: the dropped first run's would be a second copy
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    assert.deepEqual(lines, [...new Set(lines)], r.stderr);
    const plain = await strata(["compose", "-d", "conf", "-f", "json", "db=my"], { cwd: dir });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stderr, r.stderr, "the same warnings with and without the full reader");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Runs `body` (TypeScript, with `withDeferredYaml`, `writeOut`, `fullReader` in scope) without the reader installed. */
async function script(body: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await Deno.makeTempDir({ prefix: "strata_deferred_" });
  try {
    const file = `${dir}/s.ts`;
    await Deno.writeTextFile(
      file,
      `import { readingDone, withDeferredYaml } from ${
        JSON.stringify(ROOT + "cli/deferred_yaml.ts")
      };\n` +
        `import { writeErr, writeOut } from ${JSON.stringify(ROOT + "cli/output.ts")};\n` +
        `import { fullReader, fullReaderInstalled } from ${
          JSON.stringify(ROOT + "core/yaml/full_reader.ts")
        };\n${body}\n`,
    );
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-read", "--allow-env", "--config", ROOT + "deno.json", file],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a run that swallowed the reader's absence is run again, its output dropped", async () => {
  const r = await script(`
let n = 0;
const code = await withDeferredYaml("validate", () => {
  n++;
  writeOut("run " + n + " before\\n");
  writeErr("warning: run " + n);
  try {
    fullReader(); // a catch that swallows everything: the note that it was wanted stays
  } catch { /* swallowed */ }
  writeOut("run " + n + " after, reader " + fullReaderInstalled() + "\\n");
  return Promise.resolve(n);
});
writeOut("code " + code + "\\n");`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "run 2 before\nrun 2 after, reader true\ncode 2\n");
  assert.equal(r.stderr, "warning: run 2\n");
});

Deno.test("a run that did not want the reader is not run again, nor the reader loaded", async () => {
  const r = await script(`
let n = 0;
const code = await withDeferredYaml("compose", () => {
  n++;
  writeOut("run " + n + "\\n");
  return Promise.resolve(7);
});
writeOut("code " + code + " reader " + fullReaderInstalled() + "\\n");`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "run 1\ncode 7 reader false\n");
});

Deno.test("run, sweep, schema, diff and a global option first load the reader before they start, and run once", async () => {
  for (const command of ["run", "sweep", "schema", "diff", "--no-env", "--env-allow"]) {
    const r = await script(`
let n = 0;
await withDeferredYaml(${JSON.stringify(command)}, () => {
  n++;
  writeOut("run " + n + " reader " + fullReaderInstalled() + "\\n");
  return Promise.resolve(0);
});`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "run 1 reader true\n", command);
  }
});

Deno.test("after readingDone a run's output goes out as it comes, not at its end", async () => {
  // a write straight to stdout shows where the run's own output is written
  const r = await script(`
const raw = (s: string) => Deno.stdout.writeSync(new TextEncoder().encode(s));
const code = await withDeferredYaml("compose", () => {
  writeOut("held until reading is done\\n");
  raw("raw 1\\n");
  readingDone();
  raw("raw 2\\n");
  writeOut("streamed\\n");
  raw("raw 3\\n");
  return Promise.resolve(3);
});
writeOut("code " + code + " reader " + fullReaderInstalled() + "\\n");`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    "raw 1\nheld until reading is done\nraw 2\nstreamed\nraw 3\ncode 3 reader false\n",
  );
});

Deno.test("readingDone after the reader was wanted keeps the first run held, and drops it", async () => {
  const r = await script(`
const raw = (s: string) => Deno.stdout.writeSync(new TextEncoder().encode(s));
let n = 0;
await withDeferredYaml("compose", () => {
  n++;
  if (n === 1) {
    try {
      fullReader();
    } catch { /* swallowed */ }
  }
  writeOut("run " + n + "\\n");
  readingDone();
  raw("raw " + n + "\\n");
  return Promise.resolve(0);
});`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, "raw 1\nrun 2\nraw 2\n");
});
