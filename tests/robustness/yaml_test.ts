/**
 * loadYaml on mutated configs: both readers throw only StrataErrors with an
 * origin, never hang, and agree with each other.
 */

import assert from "node:assert/strict";
import fc from "../_fast_check.ts";
import { type LoadOptions, loadYaml } from "../../engine.ts";
import { runs, strataOnly, within } from "./_guard.ts";
import { mutatedYaml } from "./_inputs.ts";

const READERS: LoadOptions[] = [{ file: "c.yaml" }, { file: "c.yaml", reader: "full" }];

function load(text: string, options: LoadOptions) {
  return within(
    2000,
    () => strataOnly(() => loadYaml(text, options), { origin: true }, text),
    text,
  );
}

Deno.test("loadYaml: mutated configs give a config or a StrataError with an origin (both readers)", () => {
  fc.assert(
    fc.property(mutatedYaml, (text) => {
      const [fast, full] = READERS.map((o) => load(text, o));
      // The fast reader only ever answers when it reads the same thing the full one does.
      assert.equal(
        fast instanceof Error,
        full instanceof Error,
        `readers disagree on ${JSON.stringify(text)}`,
      );
    }),
    { numRuns: runs(400) },
  );
});

Deno.test("loadYaml: random text and random unicode never crash", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60, unit: "binary" }), (text) => {
      for (const o of READERS) load(text, o);
    }),
    { numRuns: runs(300) },
  );
});
