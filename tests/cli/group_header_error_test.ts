// A `# @package _group_` header (Hydra 1.0/1.1) composes at the literal key `_group_` in
// version_base 1.3, so `${algorithm.name}` in hydra.run.dir fails: run, run -m, sweep and
// hash say the composition's warnings before that error, and the error points at the header.
import assert from "node:assert/strict";
import { assertNoStackTrace, strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

const TREE = {
  "conf/main.yaml": "defaults:\n  - algorithm: pets\n\nseed: 0\n" +
    "hydra:\n  run:\n    dir: out/${algorithm.name}\n  sweep:\n    dir: multi/${algorithm.name}\n",
  "conf/algorithm/pets.yaml": "# @package _group_\nname: pets\n",
  "conf/algorithm/mbpo.yaml": "# @package _group_\nname: mbpo\n",
};

const HEADER_WARNING = /conf\/algorithm\/pets\.yaml:1:12: warning: '# @package _group_'/;
const SELF_WARNING =
  /conf\/main\.yaml:\d+:\d+: warning: In 'main': Defaults list is missing `_self_`/;
const NOTE =
  /\n {4}conf\/algorithm\/pets\.yaml:1:12: 'algorithm' is a config group; this header put its option at package '_group_'/;

for (
  const [name, args] of [
    ["run", ["run", "-d", "conf", "-n", "main", "--", "true"]],
    ["run -m", ["run", "-d", "conf", "-n", "main", "-m", "seed=1,2", "--", "true"]],
    ["sweep", ["sweep", "-d", "conf", "-n", "main", "seed=1,2"]],
    ["hash", ["hash", "-d", "conf", "-n", "main"]],
  ] as const
) {
  Deno.test(`${name}: a run dir that fails to resolve comes after the composition's warnings`, async () => {
    const dir = writeTree(TREE);
    try {
      const r = await strata([...args], { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /Interpolation key 'algorithm\.name' not found/);
      // the warnings come first, then the error with its note at the header
      const error = r.stderr.indexOf("Interpolation key");
      const header = r.stderr.search(HEADER_WARNING);
      const self = r.stderr.search(SELF_WARNING);
      assert.ok(header >= 0 && header < error, r.stderr);
      assert.ok(self >= 0 && self < error, r.stderr);
      assert.match(r.stderr, NOTE);
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  });
}

Deno.test("compose, -p and explain: a key under a group placed at '_group_' points at the header", async () => {
  const dir = writeTree(TREE);
  try {
    for (
      const args of [
        ["compose", "-d", "conf", "-n", "main", "algorithm.name=x"],
        ["compose", "-d", "conf", "-n", "main", "-c", "job", "-p", "algorithm"],
        ["explain", "-d", "conf", "-n", "main", "algorithm.name"],
      ]
    ) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.notEqual(r.code, 0, r.stderr);
      assert.match(r.stderr, NOTE, args.join(" "));
    }
    // a key of no such group gets no note
    const other = await strata(["explain", "-d", "conf", "-n", "main", "seedd"], { cwd: dir });
    assert.doesNotMatch(other.stderr, /config group/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("a job key under a `_group_` group that does not resolve: compose --resolve, explain and validate's JSON point at the header", async () => {
  const dir = writeTree({
    "conf/config.yaml": "defaults:\n  - db: mysql\n  - _self_\nurl: ${db.host}\n",
    "conf/db/mysql.yaml": "# @package _group_\nhost: localhost\n",
  });
  const note =
    /\n {4}conf\/db\/mysql\.yaml:1:12: 'db' is a config group; this header put its option at package '_group_'/;
  try {
    for (const args of [["compose", "--resolve"], ["explain", "url"]]) {
      const r = await strata(args, { cwd: dir });
      assertNoStackTrace(r.stderr);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /Interpolation key 'db\.host' not found/);
      assert.match(r.stderr, note, args.join(" "));
    }
    const v = await strata(["validate", "-f", "json"], { cwd: dir });
    const [problem] = JSON.parse(v.stdout).problems;
    assert.equal(problem.message, "Interpolation key 'db.host' not found");
    assert.deepEqual(problem.related?.map((r: { origin: unknown }) => r.origin), [
      { file: "conf/db/mysql.yaml", line: 1, col: 12 },
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
