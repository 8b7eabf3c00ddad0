/**
 * resolveShowingOpaque: the job config as `compose --resolve` shows it, a
 * value that calls an opaque resolver (one the Python app registers) kept as
 * written. It learns whether one is called by resolving once (strata does not
 * know an opaque resolver, so a call fails that resolution), so these cases
 * check both ways out of that try.
 */

import assert from "node:assert/strict";
import { compose } from "../../../core/compose/compose.ts";
import { resolveLenient, resolveShowingOpaque } from "../../../core/run/lenient.ts";
import { interpStats } from "../../../core/resolve/engine.ts";
import { toYaml } from "../../../core/yaml/emit.ts";

function composed(text: string) {
  const conf = Deno.makeTempDirSync({ prefix: "strata_lenient_" });
  try {
    Deno.writeTextFileSync(`${conf}/config.yaml`, text);
    return compose({ configDir: conf, configName: "config" });
  } finally {
    Deno.removeSync(conf, { recursive: true });
  }
}

Deno.test("an opaque resolver reached through ${hydra:...} is kept, the rest resolved", () => {
  const c = composed(
    "hydra:\n  job:\n    env_set:\n      PY: ${python_version:minor}\n" +
      "py: ${hydra:job.env_set.PY}\nk: 1\nm: ${k}\n",
  );
  const kept: string[] = [];
  const out = resolveShowingOpaque(c, {
    opaque: ["python_version"],
    onKept: (u, name) => kept.push(`${u.key} ${name}`),
  });
  assert.equal(toYaml(out), "py: ${hydra:job.env_set.PY}\nk: 1\nm: 1\n");
  assert.deepEqual(kept, ["py python_version"]);
});

Deno.test("a config that calls no opaque resolver is resolved once, its name as text no matter", () => {
  const c = composed("note: python_version\nk: 2\nm: ${k}\nd: ???\nt: ${d}/x\n");
  const before = interpStats.resolveCalls;
  const kept: string[] = [];
  const out = resolveShowingOpaque(c, {
    opaque: ["python_version"],
    onKept: (u) => kept.push(u.key),
    reuse: true,
  });
  assert.equal(toYaml(out), "note: python_version\nk: 2\nm: 2\nd: ???\nt: ???\n");
  assert.deepEqual(kept, []);
  assert.ok(interpStats.resolveCalls - before <= 1, "no second resolution");
});

Deno.test("another failure beside an opaque call still fails, with its own message", () => {
  const c = composed("py: ${python_version:minor}\nbad: ${nope}\n");
  assert.throws(
    () => resolveShowingOpaque(c, { opaque: ["python_version"] }),
    /Interpolation key 'nope' not found/,
  );
  // without the opaque call, the same failure is the first one found
  const plain = composed("bad: ${nope}\n");
  assert.throws(
    () => resolveShowingOpaque(plain, { opaque: ["python_version"] }),
    /Interpolation key 'nope' not found/,
  );
});

Deno.test("an unregistered resolver that is not declared opaque stays an error", () => {
  const c = composed("x: ${mine:1}\n");
  assert.throws(
    () => resolveShowingOpaque(c, { opaque: ["python_version"] }),
    /Unsupported interpolation type mine/,
  );
});

Deno.test("resolveLenient keeps each failing value and calls every resolver once (checker w52 #2)", () => {
  const c = composed(
    "b:\n  v: ${boom:}\n  w: 1\na: ${b}\nc: ${.b.v}_x\nd: ???\ne: ${d}\nf: ${cnt:}\n" +
      "g: ${cnt2:${b.w}}\n",
  );
  const calls: string[] = [];
  const resolvers = {
    boom: () => {
      calls.push("boom");
      throw new Error("bang");
    },
    cnt: () => (calls.push("cnt"), 7),
    cnt2: (args: unknown[]) => (calls.push("cnt2"), args[0]),
  };
  const kept: string[] = [];
  const out = resolveLenient(c, { resolvers, onUnresolved: (u) => kept.push(u.key) });
  assert.equal(
    toYaml(out),
    "b:\n  v: ${boom:}\n  w: 1\na: ${b}\nc: ${.b.v}_x\nd: ???\ne: ${d}\nf: 7\ng: 1\n",
  );
  assert.deepEqual(kept, ["b.v", "a", "c", "e"]);
  assert.deepEqual(calls.sort(), ["boom", "cnt", "cnt2"]);
  // what onUnresolved throws ends the resolution as it is
  const stop = new Error("stop");
  assert.throws(
    () =>
      resolveLenient(c, {
        resolvers,
        onUnresolved: () => {
          throw stop;
        },
      }),
    (e) => e === stop,
  );
});
