/**
 * The bundle `deno task compile` embeds (`deno task bundle`: one ESM file per
 * command, npm packages inlined, their browser builds) behaves as the CLI run
 * from source: same stdout, stderr and exit code on every command's paths,
 * including the ones that load npm:yaml (flow style), ajv and CEL (schemas),
 * tab (completions), the WASM engine (merge, `--resolve`), a resolvers module
 * (node:url, imported when needed) and commander's help and version (the
 * Node built-ins commander imports come from tools/bundle_shims.ts).
 */

import assert from "node:assert/strict";
import { type CliResult, confTree, ROOT, strata } from "./_cli.ts";

/** The bundle task's command line, writing to `outdir`. */
function bundleArgs(outdir: string): string[] {
  const task: string = JSON.parse(Deno.readTextFileSync(ROOT + "deno.json")).tasks.bundle;
  const words = task.split(/\s+/);
  assert.equal(words[0], "deno", "the bundle task runs deno");
  return [...words.slice(1), outdir];
}

const TREE = {
  "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\n\n" +
    "train: {lr: 0.001, batch: 16, gpus: 4}\nname: run-${db.host}\n",
  "conf/db/mysql.yaml": "host: localhost\nport: 3306\n",
  "conf/db/pg.yaml": "host: pg.local\nport: 5432\n",
  "conf/_schema/config.schema.yaml": "type: object\nproperties:\n" +
    "  train:\n    type: object\n    additionalProperties: false\n" +
    "    properties: {lr: {type: number}, batch: {type: integer}, gpus: {type: integer}}\n" +
    "    x-strata-rules:\n      - rule: self.batch % self.gpus == 0\n" +
    "        message: batch must split over the GPUs\n",
  // A resolvers module that imports PyFloat and FloatKey from the checkout's mod.ts: another copy
  // of the classes than the bundle's, which it must read all the same (brands, not classes).
  "conf3/config.yaml": "steps: ${f:4000}\nwarm: ${g:600}\nkeys: ${k:}\n",
  // an anchor: only the full YAML reader reads it, which the bundle loads when a file needs it
  "conf4/config.yaml": "defaults:\n  - db: pg\n  - _self_\nname: x\n",
  "conf4/db/pg.yaml": "base: &b {host: pg.local, port: 5432}\nreplica: *b\n",
  "r.ts": `import { FloatKey, PyFloat } from ${JSON.stringify(ROOT + "mod.ts")};\n` +
    "export default {\n  f: (a: number[]) => new PyFloat(a[0]),\n" +
    "  g: (a: number[], ctx: { float(x: number): unknown }) => ctx.float(a[0]),\n" +
    "  k: () => new Map([[new FloatKey(1), 'one']]),\n};\n",
};

/** What conf3 resolves to, from source and bundled alike. */
const FLOATS = '{\n  "steps": 4000.0,\n  "warm": 600.0,\n  "keys": {\n    "1.0": "one"\n  }\n}\n';

const RUNS: string[][] = [
  ["--help"],
  ["--version"],
  ["compose", "--help"],
  ["compsoe"],
  ["compose", "-d", "conf"],
  ["compose", "-d", "conf", "db=pg", "--resolve", "-f", "json"],
  ["compose", "-d", "conf", "-c", "all", "--resolve"],
  ["compose", "-d", "conf", "train.lr=oops", "train.nope=1"],
  ["compose", "-d", "conf2", "--resolve"],
  ["validate", "-d", "conf"],
  ["validate", "-d", "conf", "--override", "train.batch=15", "--override", "train.lr=x"],
  ["sweep", "-d", "conf", "db=mysql,pg", "train.lr=0.1,0.2"],
  ["hash", "-d", "conf", "--short"],
  ["explain", "-d", "conf", "name"],
  ["completions", "bash"],
  ["complete", "--", "compose", "db="],
  ["compose", "-d", "conf3", "--resolvers", "r.ts", "--resolve", "-f", "json"],
  ["compose", "-d", "conf4", "-f", "json"],
  ["validate", "-d", "conf4"],
  ["sweep", "-d", "conf4", "name=a,b"],
];

/** Every chunk `file` imports, itself included, statically (not through `import()`). */
function staticChunks(dir: string, file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = Deno.readTextFileSync(`${dir}/${file}`);
  for (
    const m of text.matchAll(
      /^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm,
    )
  ) {
    staticChunks(dir, m[1] ?? m[2], seen);
  }
  return seen;
}

Deno.test("the bundle the binary embeds answers every command as the source does", async () => {
  const out = await Deno.makeTempDir({ prefix: "strata_bundle_" });
  const dir = await confTree(TREE);
  try {
    const built = await new Deno.Command(Deno.execPath(), {
      args: bundleArgs(out),
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(built.code, 0, new TextDecoder().decode(built.stderr));
    // `-c all --resolve` prints ${now:...} resolved: the two runs may fall in different seconds
    const stamp = /\d{4}-\d{2}-\d{2}\/\d{2}-\d{2}-\d{2}/g;
    const same = (r: CliResult) => ({
      ...r,
      stdout: r.stdout.replace(stamp, "<now>"),
      // a resolvers module importing mod.ts from the bundle resolves its npm packages without the
      // checkout's lock file: on a machine whose cache lacks them, Deno says it downloads them
      stderr: r.stderr.replaceAll(dir, "<dir>").replace(/^Download https:\/\/\S+\n/gm, ""),
    });
    for (const args of RUNS) {
      const source = await strata(args, { cwd: dir });
      const bundled = await strata(args, { cwd: dir, main: `${out}/main.js` });
      assert.deepEqual(same(bundled), same(source), `strata ${args.join(" ")}`);
      if (args[2] === "conf3") assert.equal(bundled.stdout, FLOATS, bundled.stderr);
      if (args[2] === "conf4" && args[0] === "compose") {
        assert.match(bundled.stdout, /"replica": \{\n\s+"host": "pg.local"/, bundled.stderr);
      }
    }
    // compose starts without the full YAML reader (npm:yaml): neither main.js nor compose's
    // chunk loads it, but a chunk of its own does, for the files that need it
    const compose = [...Deno.readDirSync(out)].find((e) => e.name.startsWith("compose_action-"));
    assert.ok(compose, "compose's action has a chunk of its own");
    const chunks = new Set([...staticChunks(out, "main.js"), ...staticChunks(out, compose.name)]);
    const holding = (marker: string) =>
      [...Deno.readDirSync(out)].filter((e) =>
        Deno.readTextFileSync(`${out}/${e.name}`).includes(marker)
      ).map((e) => e.name);
    for (const marker of ["// core/yaml/full.ts", "registry.npmjs.org/yaml/"]) {
      const where = holding(marker);
      assert.ok(where.length > 0, `the bundle holds ${marker}`);
      for (const chunk of where) {
        assert.ok(!chunks.has(chunk), `${chunk} (${marker}) loads at start`);
      }
    }
  } finally {
    await Deno.remove(out, { recursive: true });
    await Deno.remove(dir, { recursive: true });
  }
});
