/**
 * `strata run` writes the run directories Hydra 1.3.2 writes, byte for byte:
 * every scenario of the golden corpus (../shared/conformance/hydra/rundirs,
 * when it is there) and the copies in tests/fixtures/rundirs (always), run
 * as `strata run -cd conf -cn NAME ARGV -- python3 my_app.py` in a fresh
 * directory.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { assertNoStackTrace, ROOT, strata } from "./_cli.ts";
import { copyTree, PYTHON } from "./_run.ts";

interface Scenario {
  name: string;
  dir: string;
  configs: string;
}

const FIXTURES = join(ROOT, "tests/fixtures/rundirs");
const SHARED = join(ROOT, "../shared/conformance/hydra");

function scenariosIn(dir: string, configs: string): Scenario[] {
  try {
    return [...Deno.readDirSync(dir)]
      .filter((e) => e.isDirectory && /^\d/.test(e.name))
      .map((e) => ({ name: e.name, dir: join(dir, e.name), configs }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of Deno.readDirSync(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...filesUnder(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Finds the run/sweep dir for `pattern` (with `<NOW:...>` parts) under cwd; records the NOW values. */
function locate(cwd: string, pattern: string, now: Map<string, string>): string {
  let at = cwd;
  for (const part of pattern.split("/")) {
    if (part.startsWith("<NOW:")) {
      const entries = [...Deno.readDirSync(at)].map((e) => e.name);
      assert.equal(entries.length, 1, `one dir for ${part} in ${at}: ${entries}`);
      now.set(part, entries[0]);
      at = join(at, entries[0]);
    } else at = join(at, part);
  }
  return at;
}

/** What strata adds to a job dir: the resolved config.yaml (STRATA_CONFIG) and its status record. */
function strataExtra(f: string): boolean {
  return /(^|\/)\.strata\/(status\.json|config_hash|config_written)$/.test(f) ||
    (/(^|\/)config\.yaml$/.test(f) && !f.endsWith(".hydra/config.yaml"));
}

async function check(s: Scenario): Promise<void> {
  const cmd = JSON.parse(Deno.readTextFileSync(join(s.dir, "command.json")));
  const cwd = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "strata-rundir-" }));
  try {
    const work = join(cwd, "work");
    copyTree(join(s.configs, cmd.config_dir), join(cwd, "app/conf"));
    Deno.writeTextFileSync(
      join(cwd, "app/my_app.py"),
      "import os\nassert os.environ['STRATA_CONFIG']\n",
    );
    Deno.mkdirSync(work);
    const r = await strata(
      [
        "run",
        "-cd",
        "../app/conf",
        "-cn",
        cmd.config_name,
        ...cmd.argv,
        "-q",
        "--",
        PYTHON,
        "../app/my_app.py",
      ],
      { cwd: work },
    );
    assertNoStackTrace(r.stderr);
    assert.equal(r.code, cmd.exit_code, r.stderr);
    const now = new Map<string, string>();
    const out = locate(work, cmd.output_dir, now);
    const fill = (t: string) => {
      let text = t.replaceAll("<CONFIGS>", join(cwd, "app/conf")).replaceAll("<CWD>", work);
      for (const [k, v] of now) text = text.replaceAll(k, v);
      return text;
    };
    const golden = filesUnder(join(s.dir, "output"));
    const ours = filesUnder(out).filter((f) => !strataExtra(f));
    assert.deepEqual(ours, golden, `${s.name}: the files of the run dir`);
    for (const f of golden) {
      const want = fill(Deno.readTextFileSync(join(s.dir, "output", f)));
      assert.equal(Deno.readTextFileSync(join(out, f)), want, `${s.name}: ${f}`);
    }
    const layout = new Set(cmd.cwd_layout.map(fill));
    for (const f of filesUnder(work)) {
      if (strataExtra(f)) continue;
      assert.ok(layout.has(f), `${s.name}: ${f} is not in Hydra's cwd layout`);
    }
  } finally {
    Deno.removeSync(cwd, { recursive: true });
  }
}

for (const s of scenariosIn(FIXTURES, join(FIXTURES, "configs"))) {
  Deno.test(`strata run writes Hydra's run dir (fixture ${s.name})`, () => check(s));
}

const fixtures = new Set(scenariosIn(FIXTURES, "").map((s) => s.name));
const shared = scenariosIn(join(SHARED, "rundirs"), join(SHARED, "configs"));
Deno.test({
  name: "strata run writes the other golden run dirs of ../shared byte for byte (9 in all)",
  ignore: shared.length === 0,
  async fn() {
    assert.equal(shared.length, 9);
    for (const s of shared) if (!fixtures.has(s.name)) await check(s);
  },
});
