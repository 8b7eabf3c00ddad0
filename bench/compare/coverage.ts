/**
 * What bench:compare's equality checks cover besides the timed trees, whose
 * generated values are ints, floats with a fraction, words, booleans and
 * nulls: one small document with the forms they lack (lists, integral floats
 * `1.0`, YAML 1.1 ints, relative `${..x}`, `oc.select`, `oc.env`,
 * `oc.decode`, a container printed into a string, an escaped `\${...}`, a
 * `???`), and a second one merged onto it. Checked against OmegaConf as
 * text, so that an int and a float never compare equal (checker v32:
 * `JSON.parse` made `1` and `1.0` the same).
 *
 * @module
 */

/**
 * The document every check loads (`.inf` is left out: strata's JSON writes it
 * as the string "inf", where `json.dumps` writes `Infinity`, not JSON).
 *
 * @example
 * ```ts
 * import { COVERAGE_YAML } from "./coverage.ts";
 * COVERAGE_YAML.includes("${..x}"); // true
 * ```
 */
export const COVERAGE_YAML = `ints: [1, -2, 0x1F, 1_000, 0o17]
floats: [1.0, 1e-5, 2.5e3, 3., -0.0]
strings: ['1.0', "yes", on, null, ~, '', 'a: b', "tab\\there"]
lists:
  - [1, 2.0, [3]]
  - {a: 1, b: [true, false]}
nested: {a: {b: {c: 1.5}}}
rel:
  x: 3
  y: \${.x}
  z:
    w: \${..x}
    v: \${..y}
str_interp: v_\${rel.x}_\${floats.0}_\${strings.3}
sel: \${oc.select:rel.missing,7}
sel2: \${oc.select:rel.x}
env: \${oc.env:STRATA_BENCH_UNSET,dflt}
dec: "\${oc.decode:'[1, 2.0, {a: 3}]'}"
chain: \${rel.z.v}
list_ref: \${lists}
cont_str: c_\${nested.a}
esc: \\\${not.this}
missing: ???
`;

/**
 * The document merged onto {@link COVERAGE_YAML}: a list replaced, a float
 * over an int, new keys, a `???` filled.
 *
 * @example
 * ```ts
 * import { COVERAGE_OTHER_YAML } from "./coverage.ts";
 * COVERAGE_OTHER_YAML.startsWith("rel:"); // true
 * ```
 */
export const COVERAGE_OTHER_YAML = `rel:
  x: 4
  q: 1.0
lists: [[9]]
floats: [2]
nested: {a: {d: x}}
missing: 5
`;

/**
 * Whether two JSON texts hold the same data with the same types, as Python
 * reads them (`1` an int, `1.0` a float): a text comparison after a round
 * trip through `/usr/bin/python3`'s json module.
 *
 * @example
 * ```ts ignore
 * await sameTypedJson('{"a": 1}', '{"a": 1.0}'); // false
 * ```
 */
export async function sameTypedJson(a: string, b: string): Promise<boolean> {
  const script = "import json,sys\na,b=json.load(sys.stdin)\n" +
    "print(json.dumps(json.loads(a))==json.dumps(json.loads(b)))";
  const child = new Deno.Command("/usr/bin/python3", {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify([a, b])));
  await writer.close();
  const out = await child.output();
  return new TextDecoder().decode(out.stdout).trim() === "True";
}
