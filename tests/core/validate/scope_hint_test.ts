import assert from "node:assert/strict";
import { Problems } from "../../../core/validate/problems.ts";
import { withScopeHint } from "../../../core/validate/scope_hint.ts";

// graphium: finetuning=admet, appended to `main` and to `sweep`, fails the same way in both: one
// problem, not two that differ by the primary the hint names
Deno.test("scope hint: the same failure appended to two primaries is one problem", () => {
  const p = {
    severity: "error" as const,
    code: "composition",
    message: "In 'finetuning/admet': Could not override 'tasks/x'. No match in the defaults list.",
    origin: { file: "conf/finetuning/admet.yaml", line: 25, col: 46 },
  };
  const problems = new Problems();
  problems.add({ ...withScopeHint(p, ["+finetuning=admet"], "main"), composition: "a" });
  problems.add({ ...withScopeHint(p, ["+finetuning=admet"], "sweep"), composition: "b" });
  const list = problems.list();
  assert.equal(list.length, 1);
  assert.match(list[0].message, /because main's defaults list/);
  assert.deepEqual(list[0].compositions, ["a", "b"]);
});
