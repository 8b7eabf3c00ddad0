/**
 * compose and expandSweep on a small conf tree with random override lists:
 * a config, or a StrataError with an origin (a file or the override).
 */

import fc from "../_fast_check.ts";
import {
  compose,
  expandSweep,
  planSweep,
  resolveComposition,
  type StrataError,
} from "../../engine.ts";
import { runs, strataOnly, within } from "./_guard.ts";

const CONF = new URL("../fixtures/robustness/conf", import.meta.url).pathname;
const NAMES = [
  "config",
  "bad/syntax",
  "bad/cycle",
  "bad/interp",
  "bad/defaults",
  "bad/scalar",
  "bad/deep",
  "bad/empty",
  "bad/comment",
  "nope",
  "db/mysql",
  "",
];

const KEY = fc.constantFrom(
  "db",
  "model",
  "experiment",
  "lr",
  "seed",
  "name",
  "tags",
  "nested.deep.x",
  "nested.deep",
  "db.port",
  "new",
  "hydra.job.name",
  "hydra.run.dir",
  "hydra/launcher",
  "hydra",
  "tags[0]",
  "tags.0",
  "x.y.z",
  "db@pkg",
  "db@_global_",
  "model@foo.bar",
  "",
  ".",
  "..",
);
const VALUE = fc.constantFrom(
  "mysql",
  "postgres",
  "nope",
  "small",
  "big",
  "exp1",
  "null",
  "1",
  "1e-3",
  "[1,2]",
  "{a: 1}",
  "???",
  "${lr}",
  "${nope}",
  "${",
  "a,b",
  "glob(*)",
  "range(0,3)",
  "range(0,1e9)",
  "choice(mysql,postgres)",
  "interval(0,1)",
  "shuffle(1,2)",
  "'x y'",
  "",
  "${hydra:job.name}",
  "range(1,5,0)",
  "tag(x,choice(1,2))",
  "sort(b,a)",
  "glob(*,exclude=my*)",
);
const PREFIX = fc.constantFrom("", "", "+", "++", "~");

const override = fc.oneof(
  fc.tuple(PREFIX, KEY, fc.constantFrom("=", "", "=="), VALUE).map((p) => p.join("")),
  fc.string({ maxLength: 12 }),
);
const overrides = fc.array(override, { maxLength: 5 });

Deno.test("compose: random overrides on a small conf tree", () => {
  fc.assert(
    fc.property(fc.constantFrom(...NAMES), overrides, fc.boolean(), (name, ovs, multirun) => {
      const input = { name, ovs, multirun };
      const r = within(3000, () =>
        strataOnly(
          () => compose({ configDir: CONF, configName: name, overrides: ovs, multirun }),
          { origin: true },
          input,
        ), input);
      if (!(r instanceof Error)) {
        strataOnly(() => resolveComposition(r), { originOrKey: true }, input);
      }
    }),
    { numRuns: runs(120) },
  );
});

Deno.test("expandSweep and planSweep: random sweeps on a small conf tree", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("config", "bad/syntax", "nope"),
      overrides,
      fc.array(fc.array(KEY, { maxLength: 3 }), { maxLength: 2 }),
      (name, ovs, link) => {
        const input = { name, ovs, link };
        // `link` is an API option: its errors are about it, not about a file or an override.
        const expect = { origin: true, exempt: (e: StrataError) => /\blink/i.test(e.message) };
        within(3000, () => {
          const sweep = strataOnly(
            () => expandSweep({ configDir: CONF, configName: name, overrides: ovs, link }),
            expect,
            input,
          );
          if (sweep instanceof Error) return;
          // Jobs are composed when reached: read at most a few.
          strataOnly(
            () => {
              let n = 0;
              for (const _job of sweep) if (++n >= 3) break;
            },
            { origin: true },
            input,
          );
          const plan = strataOnly(() => planSweep({ overrides: ovs, link }), expect, input);
          if (!(plan instanceof Error) && plan.count > 0) {
            strataOnly(() => plan.overridesAt(plan.count - 1), { origin: true }, input);
          }
        }, input);
      },
    ),
    { numRuns: runs(120) },
  );
});
