import assert from "node:assert/strict";
import { stringifyQuoted } from "../../../core/manifest/yaml_quote.ts";

Deno.test("manifest YAML: a list written twice is written out twice, no anchor and alias (GitHub Enterprise Server refuses them: checker v33)", () => {
  const labels = ["self-hosted", "gpu"];
  const text = stringifyQuoted({ jobs: { a: { "runs-on": labels }, b: { "runs-on": labels } } });
  assert.doesNotMatch(text, /[&*]a1/);
  assert.equal(text.match(/- self-hosted\n/g)?.length, 2, text);
});
