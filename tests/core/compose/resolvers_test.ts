import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import {
  compose,
  create,
  dict,
  type DictNode,
  type Node,
  registerResolver,
  resolveComposition,
  type StrataError,
  strftime,
  toJson,
  toYaml,
  unregisterResolver,
} from "../../../engine.ts";
import { interpStats } from "../../../core/resolve/engine.ts";
import { main } from "../../../cli/main.ts";

const conf = new URL("../../fixtures/compose/conf", import.meta.url).pathname;

Deno.test("strftime: Python's directives", () => {
  const d = new Date(2024, 0, 5, 7, 8, 9);
  assert.equal(strftime("%Y-%m-%d/%H-%M-%S", d), "2024-01-05/07-08-09");
  assert.equal(strftime("%y %b %a %j %p %I %%", d), "24 Jan Fri 005 AM 07 %");
});

Deno.test("resolve: ${hydra:...} reads the hydra node; output_dir is ??? so it reads None", () => {
  const c = compose({ configDir: conf, configName: "config" });
  const out = resolveComposition(c);
  assert.match(toYaml(out), /job: app\n {2}db_choice: mysql\n {2}out: None\/ckpt\n/);
});

Deno.test("resolve: a job name set in the primary config's hydra section wins", () => {
  const c = compose({ configDir: conf, configName: "hydra_section" });
  assert.equal(toYaml(resolveComposition(c)), "x: custom\n");
});

Deno.test("resolve: hydra.runtime.output_dir can be overridden", () => {
  const c = compose({
    configDir: conf,
    configName: "config",
    overrides: ["hydra.runtime.output_dir=/tmp/run0", "app.lr=${now:%Y}"],
  });
  const yaml = toYaml(resolveComposition(c));
  assert.match(yaml, /out: \/tmp\/run0\/ckpt/);
  assert.match(yaml, new RegExp(`lr: '${new Date().getFullYear()}'`));
});

Deno.test("resolve: the job's keys do not reach the hydra node by ${hydra.x}, as the app's config has no hydra key", () => {
  // Hydra deletes `hydra` from the job's config before the app (and --cfg job --resolve) reads it:
  // `${hydra.job.name}` is an InterpolationKeyError there; `${hydra:job.name}` is the way
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/config.yaml`, "x: ${hydra.job.name}\ny: ${hydra:job.name}\n");
  try {
    const c = compose({ configDir: dir, configName: "config", jobName: "app" });
    const e = (() => {
      try {
        resolveComposition(c);
      } catch (e) {
        return e as StrataError;
      }
    })();
    assert.equal(e?.code, "interpolation-key");
    assert.equal(e?.message, "Interpolation key 'hydra.job.name' not found");
    assert.equal(e?.fullKey, "x");
    Deno.writeTextFileSync(`${dir}/y.yaml`, "y: ${hydra:job.name}\n");
    const y = compose({ configDir: dir, configName: "y", jobName: "app" });
    assert.equal(toJson(resolveComposition(y)), '{"y": "app"}');
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("resolveComposition runs in ONE engine call; hydra: and now: go through its resolver rounds", () => {
  const c = compose({
    configDir: conf,
    configName: "config",
    overrides: ["+extra.a=${hydra:job.name}", "+extra.b=${now:%Y}", "+extra.c=x${extra.a}"],
  });
  const before = { ...interpStats };
  const out = resolveComposition(c);
  assert.equal(interpStats.resolveCalls - before.resolveCalls, 1);
  assert.ok(interpStats.hostRounds > before.hostRounds, "hydra:/now: served by host rounds");
  assert.equal(interpStats.hostNodes, before.hostNodes, "no node left to the TS evaluator");
  assert.equal(toJson(out), toJson(resolveComposition(c, { engine: "ts" })));
  assert.equal(interpStats.resolveCalls - before.resolveCalls, 1, "engine: ts stays in TypeScript");
});

Deno.test("strata compose --resolve makes one engine call (in process)", async () => {
  const before = interpStats.resolveCalls;
  const write = Deno.stdout.writeSync;
  let printed = "";
  Deno.stdout.writeSync = (b: Uint8Array) => (printed += new TextDecoder().decode(b), b.length);
  try {
    const code = await main(["compose", "-d", conf, "-n", "config", "--resolve", "-f", "json"]);
    assert.equal(code, 0);
  } finally {
    Deno.stdout.writeSync = write;
  }
  assert.equal(interpStats.resolveCalls - before, 1);
  assert.match(printed, /"db_choice": "mysql"/);
});

const LEAF = fc.constantFrom(
  "1",
  "x",
  "???",
  "${a}",
  "${b.c}",
  "pre ${a} post",
  "${hydra:job.name}",
  "${hydra:runtime.output_dir}",
  "${hydra.job.name}",
  "${hydra.nope}",
  "${now:%Y}",
  "${nope}",
  "${oc.select:b.c,7}",
  "${t.fail:1}",
);
const VALUE: fc.Arbitrary<Node> = fc.oneof(
  LEAF.map(leafOf),
  fc.dictionary(fc.constantFrom("c", "d"), LEAF, { minKeys: 1 }).map((d) =>
    create(Object.fromEntries(Object.entries(d)))
  ),
);

function leafOf(s: string): Node {
  return (create({ v: s }) as DictNode).entries.get("v")!.node;
}

function outcome(run: () => DictNode): unknown {
  try {
    return toJson(run());
  } catch (e) {
    const err = e as StrataError;
    return { code: err.code, message: err.message, fullKey: err.fullKey, origin: err.origin };
  }
}

Deno.test("property: resolveComposition in the engine equals the TS evaluator (value or error)", () => {
  registerResolver("t.fail", () => {
    throw new Error("no");
  }, { replace: true });
  const base = compose({ configDir: conf, configName: "config" });
  try {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("a", "b", "e", "f"), VALUE), (d) => {
        const config = dict(Object.entries(d));
        const c = { ...base, config };
        const wasm = outcome(() => resolveComposition(c, { onWarning: () => {} }));
        const ts = outcome(() => resolveComposition(c, { engine: "ts", onWarning: () => {} }));
        assert.deepEqual(wasm, ts);
      }),
      { numRuns: 300 },
    );
  } finally {
    unregisterResolver("t.fail");
  }
});

Deno.test("resolve: ${now:...} takes one string, as Hydra's lambda pattern: strftime(pattern) does (checker x27)", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const cases: [string, string][] = [
      ["${now:}", "<lambda>() missing 1 required positional argument: 'pattern'"],
      ["${now:%Y,%m}", "<lambda>() takes 1 positional argument but 2 were given"],
      ["${now:123}", "strftime() argument 1 must be str, not int"],
      ["${now:null}", "strftime() argument 1 must be str, not None"],
      ["${now:[a]}", "strftime() argument 1 must be str, not list"],
    ];
    for (const [value, why] of cases) {
      Deno.writeTextFileSync(`${dir}/config.yaml`, `t: ${value}\nok: \${now:'%Y'}\n`);
      const c = compose({ configDir: dir, configName: "config" });
      assert.throws(
        () => resolveComposition(c),
        (e: StrataError) =>
          e.message === `TypeError raised while resolving interpolation: ${why}` &&
          e.fullKey === "t",
        value,
      );
    }
    Deno.writeTextFileSync(`${dir}/config.yaml`, "ok: ${now:'%Y'}\n");
    const out = resolveComposition(compose({ configDir: dir, configName: "config" }));
    assert.match(toJson(out), /^\{"ok": "\d{4}"\}$/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
