import assert from "node:assert/strict";
import { suggest } from "../../core/suggest.ts";

Deno.test("suggest: typos, transpositions, closest first, nothing far away", () => {
  assert.deepEqual(suggest("prot", ["port", "name", "url"]), ["port"]);
  assert.deepEqual(suggest("optimzer", ["optimizer", "model"]), ["optimizer"]);
  assert.deepEqual(suggest("lr", ["lr0", "wd", "lr"]), ["lr0"]);
  assert.deepEqual(suggest("dataset", ["model", "trainer"]), []);
  assert.deepEqual(suggest("mysq", ["mysql", "mssql", "postgresql"]), ["mysql"]);
  assert.deepEqual(suggest("learning_rat", ["learning_rate", "warmup_ratio"]), ["learning_rate"]);
});

Deno.test("suggest: a one-character word is not 'like' any other one character", () => {
  assert.deepEqual(suggest("q", ["a", "b", "lr"]), []);
  assert.deepEqual(suggest("q", ["Q", "qq", "a"]), ["Q", "qq"]);
  assert.deepEqual(suggest("lr", ["l", "a"]), ["l"]);
  assert.deepEqual(suggest("ab", ["cb", "ba", "x"]), ["ba", "cb"]);
});
