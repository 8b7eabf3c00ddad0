/**
 * A `???` value is given at run time: schemas skip it, in a plain `properties` and (checker x22)
 * inside a variant too: a oneOf/anyOf branch or an if/then that holds one is not decided (it
 * was checked as null: "must be integer (got null)", a false error). A variant no known value
 * can match still fails.
 */
import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

const VARIANTS = {
  oneOf: "oneOf:\n  - properties:\n      kind: {const: step}\n      step_size: {type: integer}\n" +
    "    required: [step_size]\n  - properties:\n      kind: {const: plateau}\n" +
    "      patience: {type: integer}\n",
  ifThen: "if:\n  properties:\n    kind: {const: plateau}\nthen:\n  properties:\n" +
    "    patience: {type: integer}\n",
};

for (const [name, schema] of Object.entries(VARIANTS)) {
  Deno.test(`validate: a ??? inside a ${name} variant is not checked as null`, async () => {
    const dir = writeTree({
      "conf/config.yaml": "defaults:\n  - sched: plateau\n  - _self_\nepochs: 1\n",
      "conf/sched/plateau.yaml": "kind: plateau\npatience: ???\n",
      "conf/sched/bad.yaml": "kind: plateau\npatience: many\n",
      "conf/_schema/sched.schema.yaml": `type: object\n${schema}`,
    });
    try {
      const r = await validateIn(dir, ["-d", "conf"]);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const errors = r.lines.filter((l) => / error: /.test(l));
      // the option with a known wrong value still fails; the one with ??? only warns
      assert.ok(errors.length > 0, r.stdout);
      assert.ok(errors.every((l) => l.startsWith("conf/sched/bad.yaml:")), r.stdout);
      assert.ok(
        r.lines.some((l) =>
          /^conf\/sched\/plateau\.yaml:2:11: warning: Missing mandatory value/.test(l)
        ),
        r.stdout,
      );
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  });
}
