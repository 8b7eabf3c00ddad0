import assert from "node:assert/strict";
import { formatJson } from "../../../core/validate/report.ts";

Deno.test("validate -f json: a problem without suggestions has no suggestions field, never an empty one (checker w44)", () => {
  const at = { file: "conf/a.yaml", line: 1, col: 1 };
  const out = JSON.parse(formatJson({
    files: 1,
    compositions: 1,
    strict: false,
    problems: [
      {
        severity: "error",
        code: "rule",
        message: "cannot be evaluated",
        origin: at,
        suggestions: [],
      },
      { severity: "warning", code: "key", message: "typo", origin: at, suggestions: ["lr"] },
    ],
  }));
  assert.equal("suggestions" in out.problems[0], false);
  assert.deepEqual(out.problems[1].suggestions, ["lr"]);
  assert.equal(out.errors, 1);
  assert.equal(out.warnings, 1);
});
