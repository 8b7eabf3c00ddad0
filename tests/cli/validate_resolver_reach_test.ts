import assert from "node:assert/strict";
import { validateIn, writeTree } from "./_tree.ts";

// s4's model/layer/s4.yaml reads `${oc.select:dataset.__l_max,null}`, and only
// dataset/pathfinder.yaml calls `${eval:...}`: one call, at one place.
Deno.test("validate: an unknown resolver is counted and listed where it is called, not at values that read one that calls it", async () => {
  const dir = writeTree({
    "conf/config.yaml":
      "defaults:\n  - ds: pf\n  - _self_\nlayer:\n  l_max: ${oc.select:ds.l_max,null}\n  twice: ${ds.l_max}\n",
    "conf/ds/pf.yaml": "res: 32\nl_max: ${eval:${.res}**2}\n",
  });
  const r = await validateIn(dir, ["-d", "conf"]);
  assert.equal(r.code, 1, r.stderr);
  const eval_ = r.lines.filter((l) => l.includes("eval"));
  assert.equal(eval_.length, 1, r.lines.join("\n"));
  assert.match(
    eval_[0],
    /^conf\/ds\/pf\.yaml:2:8: error: Unsupported interpolation type eval: declare it/,
  );
  assert.ok(!r.stdout.includes("also at"), r.stdout);
  assert.ok(!r.stdout.includes("called at"), r.stdout);
  // two values that call it are still counted and listed
  Deno.writeTextFileSync(
    `${dir}/conf/config.yaml`,
    "defaults:\n  - ds: pf\n  - _self_\nb: ${eval:1}\n",
  );
  const two = await validateIn(dir, ["-d", "conf"]);
  assert.match(two.stdout, /Unsupported interpolation type eval \(called at 2 places\)/);
  assert.match(two.stdout, /also at conf\/ds\/pf\.yaml:2:8 \[key: ds\.l_max\]/);
});
