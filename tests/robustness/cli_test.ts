/**
 * The CLI on random argv and broken conf trees: exit 0, 1 or 2, never 70,
 * never a stack trace. Runs go in parallel to keep the suite fast.
 */

import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { assertNoStackTrace, strata } from "../cli/_cli.ts";
import { ARGV_WORDS } from "./_inputs.ts";

const GOOD = new URL("../fixtures/robustness/conf", import.meta.url).pathname;

/** Contents of a broken `config.yaml` (bytes, so invalid UTF-8 is possible). */
const BAD_FILES: (string | Uint8Array)[] = [
  "",
  "# only a comment\n",
  "a: [1, 2\n",
  "a: &a [*a]\n",
  "a: ${\n",
  "defaults: 3\n",
  "defaults:\n  - nope: x\n",
  "defaults:\n  - config\n",
  "42\n",
  "\uFEFFa: 1\r\nb: ${a}\r\n",
  "a: " + "[".repeat(3000) + "]".repeat(3000) + "\n",
  "a:\n\tb: 1\n",
  "a: !!python/object:x {}\n",
  "defaults:\n  - db: ${nope}\n",
  new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
];

/** Builds a conf dir; `kind` picks a broken shape (a file where a dir should be, ...). */
async function confTree(kind: number, content: string | Uint8Array): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "strata_robust_" });
  const write = (p: string, c: string | Uint8Array) =>
    typeof c === "string" ? Deno.writeTextFile(p, c) : Deno.writeFile(p, c);
  await Deno.mkdir(`${dir}/db`);
  await write(`${dir}/db/a.yaml`, "x: 1\n");
  if (kind === 1) await Deno.mkdir(`${dir}/config.yaml`); // a directory named like a config
  else if (kind === 2) await write(`${dir}/db.yaml`, content); // a config shadowing a group
  else await write(`${dir}/config.yaml`, content);
  if (kind === 3) await write(`${dir}/db/b.yaml`, content);
  return dir;
}

interface Run {
  argv: string[];
  kind: number;
  content: number;
}

const run: fc.Arbitrary<Run> = fc.record({
  argv: fc.array(fc.oneof(fc.constantFrom(...ARGV_WORDS), fc.string({ maxLength: 6 })), {
    maxLength: 7,
  }),
  kind: fc.integer({ min: 0, max: 3 }),
  content: fc.nat(BAD_FILES.length - 1),
});

async function check(r: Run, dir: string, argv: string[]): Promise<void> {
  const out = await strata(argv, { cwd: dir });
  const ctx = `strata ${JSON.stringify(argv)} in a conf tree of kind ${r.kind}, file #${r.content}`;
  assert.ok([0, 1, 2].includes(out.code), `exit ${out.code} for ${ctx}:\n${out.stderr}`);
  try {
    assertNoStackTrace(out.stderr);
  } catch (e) {
    throw new Error(`${ctx}: ${(e as Error).message}`);
  }
}

Deno.test("CLI: random argv on broken conf trees exits 0/1/2 without a stack trace", async () => {
  // A fixed seed: the same few dozen runs every time (STRATA_FUZZ changes it to hunt).
  const seed = Number(Deno.env.get("STRATA_FUZZ") ?? "0") === 0 ? 42 : Date.now();
  const runs = fc.sample(run, { numRuns: 24, seed });
  const dirs: string[] = [];
  try {
    for (let i = 0; i < runs.length; i += 12) {
      await Promise.all(
        runs.slice(i, i + 12).map(async (r) => {
          const dir = await confTree(r.kind, BAD_FILES[r.content]);
          dirs.push(dir);
          // Half the runs point at the broken tree explicitly, half use random argv as is.
          const argv = r.argv.length % 2 === 0
            ? [
              r.argv[0] === "sweep" ? "sweep" : "compose",
              "-d",
              dir,
              "-n",
              "config",
              ...r.argv.slice(1),
            ]
            : r.argv;
          await check(r, dir, argv);
        }),
      );
    }
  } finally {
    for (const d of dirs) await Deno.remove(d, { recursive: true });
  }
});

Deno.test("CLI: every broken config file is an invalid config (exit 1), for compose and sweep", async () => {
  const dirs = await Promise.all(BAD_FILES.map((c) => confTree(0, c)));
  try {
    await Promise.all(dirs.flatMap((dir, i) =>
      // sweep composes the same way: a few files suffice for it
      (i % 3 === 0 ? ["compose", "sweep"] : ["compose"]).map(async (cmd) => {
        const argv = [cmd, "-d", dir, "-n", "config", ...(cmd === "sweep" ? ["db=a"] : [])];
        const out = await strata(argv);
        assert.ok(
          [0, 1].includes(out.code),
          `exit ${out.code} for file #${i} (${cmd}):\n${out.stderr}`,
        );
        assertNoStackTrace(out.stderr);
      })
    ));
    // and the good tree still composes
    assert.equal((await strata(["compose", "-d", GOOD, "-n", "config"])).code, 0);
  } finally {
    for (const d of dirs) await Deno.remove(d, { recursive: true });
  }
});
