import assert from "node:assert/strict";
import { loadYaml } from "../../../core/yaml/load.ts";
import { renderError } from "../../../core/errors.ts";
import { toContainer } from "../../../engine.ts";
import { thrown } from "../../_errors.ts";

/** The config `text` loads to, as plain data. */
const load = (text: string) => toContainer(loadYaml(text, { file: "c.yaml" }));

/** `code line:col message` of the error loading `text` throws. */
const error = (text: string) => {
  const e = thrown(() => loadYaml(text, { file: "c.yaml" }));
  return `${e.code} ${e.origin?.line}:${e.origin?.col} ${e.message}`;
};

// every expectation is PyYAML's (yaml.load with OmegaConf's get_yaml_loader(),
// then OmegaConf.create), its line:col the mark it reports
Deno.test("an anchor name ends where PyYAML's does: `&a:b 1` is the anchor a on ':b 1'", () => {
  assert.deepEqual(load("x: &a:b 1\n"), { x: ":b 1" });
  assert.deepEqual(load("x: &a:b 1\ny: *a\n"), { x: ":b 1", y: ":b 1" });
  assert.deepEqual(load("x: &a?b 1\n"), { x: "?b 1" });
  assert.deepEqual(load("x: &a:b\n  c\n"), { x: ":b c" });
  assert.deepEqual(load("x: &a:b [1]\n"), { x: ":b [1]" });
  assert.deepEqual(load("x: &a:#c\n"), { x: ":#c" });
  assert.deepEqual(load("x: !!str &a:b 1\ny: *a\n"), { x: ":b 1", y: ":b 1" });
  assert.deepEqual(load("- &a:b\n"), [":b"]);
});

Deno.test("an anchor name running into a character that starts no token is PyYAML's error", () => {
  const noToken = (ch: string) =>
    `while scanning for the next token: found character '${ch}' that cannot start any token`;
  assert.equal(error("x: &a% 1\n"), `yaml-syntax 1:6 ${noToken("%")}`);
  assert.equal(error("x: &a@\n"), `yaml-syntax 1:6 ${noToken("@")}`);
  assert.equal(error("x: [&a%]\n"), `yaml-syntax 1:7 ${noToken("%")}`);
  assert.equal(error("x: &a 1\ny: *a%\n"), `yaml-syntax 2:6 ${noToken("%")}`);
  assert.equal(error("x: &a: 1\n"), "yaml-syntax 1:6 mapping values are not allowed here");
  assert.equal(error("x: &a? 1\n"), "yaml-syntax 1:6 mapping keys are not allowed here");
  assert.equal(
    error("x: [&a?b]\n"),
    "yaml-syntax 1:7 while parsing a flow sequence: expected ',' or ']', but got '?'",
  );
  // PyYAML reads an empty key with the anchor (`{None: 1}`), which OmegaConf refuses
  const none = "key-validation 1:1 Incompatible key type 'NoneType'";
  assert.equal(error("&a: 1\n"), none);
  assert.match(error("- &a: 1\n"), /^key-validation 1:3 Incompatible key type 'NoneType'/);
  assert.match(error("x: [&a:b 1]\n"), /^key-validation .*Incompatible key type 'NoneType'/);
  assert.match(error("x: {&a: 1}\n"), /^key-validation .*Incompatible key type 'NoneType'/);
  // the error shows the line as written
  const e = thrown(() => loadYaml("x: &a% 1\n", { file: "c.yaml" }));
  assert.equal(renderError(e).split("\n")[1].trim(), "x: &a% 1");
});

Deno.test("a tag in a flow collection takes the ',' '[' ']' after it, as PyYAML's scanner does", () => {
  assert.equal(
    error("x: [!!str, 1]\n"),
    "yaml-construct 1:5 could not determine a constructor for the tag 'tag:yaml.org,2002:str,'",
  );
  assert.equal(
    error("x: [!foo, 1]\n"),
    "yaml-construct 1:5 could not determine a constructor for the tag '!foo,'",
  );
  assert.equal(
    error("x: [!, 1]\n"),
    "yaml-construct 1:5 could not determine a constructor for the tag '!,'",
  );
  assert.equal(
    error("x: [!!map, {a: 1}]\n"),
    "yaml-construct 1:5 could not determine a constructor for the tag 'tag:yaml.org,2002:map,'",
  );
  assert.equal(
    error("x: [!!str] ]\n"),
    "yaml-construct 1:5 could not determine a constructor for the tag 'tag:yaml.org,2002:str]'",
  );
  // the bracket the tag took leaves the sequence open
  assert.match(error("x: [!!str]\n"), /^yaml-syntax 1:4 unclosed flow sequence/);
  assert.equal(
    error("x: {a: !!str}\n"),
    "yaml-syntax 1:13 while scanning a tag: expected ' ', but found '}'",
  );
  // a tag followed by a space is read as before
  assert.deepEqual(load("x: [!!str 1, !!int '2']\n"), { x: ["1", 2] });
});

Deno.test("an alias name ends before ':' or '?' as PyYAML's does: the alias, then what they start", () => {
  const blockEnd = "yaml-syntax 2:6 expected <block end>, but found '<scalar>'";
  assert.equal(error("x: &a 1\ny: *a:b\n"), blockEnd);
  assert.equal(error("x: &a 1\ny: *a?b\n"), blockEnd);
  assert.equal(error("x: &a 1\ny: *a:b # c\n"), blockEnd);
  assert.equal(error("x: &a 1\n*a:b: 1\n"), blockEnd.replace("2:6", "2:3"));
  assert.equal(error("- &a 1\n- *a:b\n"), blockEnd.replace("2:6", "2:5"));
  assert.equal(error("x: &a 1\ny: *a: 1\n"), "yaml-syntax 2:6 mapping values are not allowed here");
  assert.equal(error("x: &a 1\ny: *a:\n"), "yaml-syntax 2:6 mapping values are not allowed here");
  assert.equal(error("x: &a 1\ny: *a? 1\n"), "yaml-syntax 2:6 mapping keys are not allowed here");
  assert.equal(
    error("x: &a 1\ny: [*a?b]\n"),
    "yaml-syntax 2:7 while parsing a flow sequence: expected ',' or ']', but got '?'",
  );
  // the alias a is composed (and refused if no anchor a comes before it) first
  assert.equal(error("y: *a:b\n"), "yaml-syntax 1:4 found undefined alias 'a'");
  assert.equal(error("y: *a:b\nx: &a 1\n"), "yaml-syntax 1:4 found undefined alias 'a'");
  assert.equal(error("y: *a: 1\n"), "yaml-syntax 1:4 found undefined alias 'a'");
  assert.equal(error("*a: 1\n"), "yaml-syntax 1:1 found undefined alias 'a'");
  assert.equal(error("y: [*a:b]\n"), "yaml-syntax 1:5 found undefined alias 'a'");
  // ...except where the scanner refuses the '?' before the parser reads the alias
  assert.equal(error("*a? 1\n"), "yaml-syntax 1:3 mapping keys are not allowed here");
});

Deno.test("a ',' after an anchor or alias in block context ends the block, as in PyYAML", () => {
  const comma = "expected <block end>, but found ','";
  assert.equal(error("x: &a,b\n"), `yaml-syntax 1:6 ${comma}`);
  assert.equal(error("x: &a, b\n"), `yaml-syntax 1:6 ${comma}`);
  assert.equal(error("x: !!str &a,b\n"), `yaml-syntax 1:12 ${comma}`);
  assert.equal(error("- &a,b\n"), `yaml-syntax 1:5 ${comma}`);
  assert.equal(error("x: &a 1\ny: *a,b\n"), `yaml-syntax 2:6 ${comma}`);
  assert.equal(error("y: *a,b\n"), "yaml-syntax 1:4 found undefined alias 'a'");
  // at the document's root the parser wants the next document
  const root = "expected '<document start>', but found ','";
  assert.equal(error("&a,b: 1\n"), `yaml-syntax 1:3 ${root}`);
  assert.equal(error("# c\n--- !!str &a, 1\n"), `yaml-syntax 2:13 ${root}`);
  // in a flow collection the ',' separates entries
  assert.deepEqual(load("x: [&a, 1]\ny: [*a, 2]\n"), { x: [null, 1], y: [null, 2] });
});

Deno.test("an anchor then ': ' after '?' starts a mapping as the key: PyYAML's unhashable key", () => {
  const unhashable = "yaml-construct 1:3 found unhashable key";
  assert.equal(error("? &a: 1\n"), unhashable);
  assert.equal(error("? &a:\n"), unhashable);
  assert.equal(error("? &a: 1\n: 2\n"), unhashable);
  assert.equal(error("? - &a: 1\n"), unhashable);
  assert.equal(error("? ? &a: 1\n"), unhashable);
  assert.equal(error("- ? &a: 1\n"), "yaml-construct 1:5 found unhashable key");
  assert.equal(error("x:\n  ? &a: 1\n"), "yaml-construct 2:5 found unhashable key");
  assert.equal(error("? &a? 1\n"), "yaml-syntax 1:5 mapping keys are not allowed here");
});

Deno.test("an alias ended by ':' where a key may start, or in a flow collection, is a key", () => {
  const map = (...pairs: [unknown, unknown][]) => new Map(pairs);
  const y = (text: string) => (load(text) as Record<string, unknown>).y;
  assert.deepEqual(load("x: &a 1\n*a: 2\n"), map(["x", 1], [1, 2]));
  assert.deepEqual(load("x: &a 1\n*a: 2\n*a: 3\n*a: 4\n"), map(["x", 1], [1, 4]));
  assert.deepEqual(y("x: &a 1\ny:\n  - *a: 2\n"), [map([1, 2])]);
  assert.deepEqual(y("x: &a 1\ny: {*a: 2}\n"), map([1, 2]));
  assert.deepEqual(y("x: &a 1\ny: [*a:b]\n"), [map([1, "b"])]);
  assert.deepEqual(load("x: &a:b 1\n*a: 2\n"), { x: ":b 1", ":b 1": 2 });
  assert.equal(error("x: &ab [1]\ny: {*ab: 2}\n"), "yaml-construct 1:4 found unhashable key");
  assert.equal(error("x: &a 1\n? *a: 2\n"), "yaml-construct 2:3 found unhashable key");
});
