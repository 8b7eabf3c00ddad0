// A rule's problem names where the values it read were set, once a place: one place read in
// several compositions (sheeprl's per_rank_batch_size in exp/sac_ae.yaml) is said once, with
// how many compositions read it there.
import assert from "node:assert/strict";
import { formatText } from "../../../core/validate/report.ts";
import type { Problem } from "../../../core/validate/problems.ts";

Deno.test("report: one place a rule read in several compositions is named once", () => {
  const at = { file: "conf/exp/sac_ae.yaml", line: 11, col: 24 };
  const problem: Problem = {
    severity: "error",
    code: "rule",
    message: "buffer.size must hold a batch",
    fullKey: "buffer.size",
    origin: { file: "conf/exp/sac.yaml", line: 23, col: 9 },
    related: [
      { message: "algo.batch (with exp=sac_ae)", fullKey: "algo.batch", origin: at },
      { message: "algo.batch (with exp=sac_ae opt=a)", fullKey: "algo.batch", origin: at },
      { message: "algo.batch (with exp=sac_ae opt=b)", fullKey: "algo.batch", origin: at },
    ],
  };
  const text = formatText({ problems: [problem], files: 1, compositions: 3, strict: false });
  assert.match(
    text,
    /\(algo\.batch from conf\/exp\/sac_ae\.yaml:11:24 with exp=sac_ae and 2 more compositions\)/,
  );
  assert.equal(text.match(/sac_ae\.yaml:11:24/g)?.length, 1, text);
});
