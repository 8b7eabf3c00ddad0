import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { parseOverride } from "../../../core/override/parse.ts";
import { elementToString, sweepStrings } from "../../../core/override/format.ts";
import type { Override, ParsedElement } from "../../../core/override/types.ts";

/**
 * Hydra escapes `\()[]{}:=, \t` in unquoted strings but not quotes, so an
 * unquoted string holding a quote (from `${'x'}`) cannot be written back:
 * the property leaves those out, as Hydra has the same limitation.
 */
function hasQuoteInPlainString(pe: ParsedElement): boolean {
  if (pe.t === "str") return /['"]/.test(pe.v);
  if (pe.t === "list") return pe.v.some(hasQuoteInPlainString);
  if (pe.t === "dict") {
    return pe.v.some(([k, v]) => hasQuoteInPlainString(k) || hasQuoteInPlainString(v));
  }
  return false;
}

function writable(o: Override): boolean {
  const v = o.value;
  if (v?.kind === "element") return !hasQuoteInPlainString(v.parsed);
  if (v?.kind === "choice") return v.items.every((i) => !hasQuoteInPlainString(i.parsed));
  return true;
}

const token = fc.constantFrom(
  "abc",
  "a-b_1",
  "1_000",
  "-5",
  "+7",
  "0",
  "1e-3",
  "-1.5e+2",
  ".5",
  "5.",
  "inf",
  "-NaN",
  "true",
  "FALSE",
  "null",
  "${a.b}",
  "${oc.env:X,1}",
  "/",
  "-",
  "+",
  ".",
  "$",
  "%",
  "*",
  "@",
  "?",
  "|",
  ":",
  "\\\\",
  "\\,",
  "\\ ",
  "\\(",
  "\\)",
  "\\[",
  "\\]",
  "\\{",
  "\\}",
  "\\=",
  "\\:",
  "\\\t",
  "007",
  "0x1F",
);
const quoted = fc.tuple(
  fc.constantFrom("'", '"'),
  fc.array(fc.constantFrom("a", " ", ",", "\\", "x", "'", '"', "=", "$", "{", "}"), {
    maxLength: 8,
  }),
).map(([q, chars]) => {
  // escape the quote char and make the trailing backslash run even, as the grammar requires
  let body = chars.map((c) => (c === q ? "\\" + c : c)).join("");
  const run = /\\*$/.exec(body)![0].length;
  if (run % 2) body += "\\";
  return q + body + q;
});
const primitive = fc.oneof(
  quoted,
  fc.array(token, { minLength: 1, maxLength: 4 }).chain((ts) =>
    fc.array(fc.constantFrom("", " ", "\t"), { minLength: ts.length, maxLength: ts.length })
      .map((ws) => ts.map((t, i) => (i ? ws[i] : "") + t).join(""))
  ),
);
const { element } = fc.letrec((tie) => ({
  element: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    primitive,
    fc.array(tie("element"), { maxLength: 3 }).map((xs) => `[${xs.join(",")}]`),
    fc.array(
      fc.tuple(fc.constantFrom("a", "b c", "1", "null", "true", "2.5", "x\\:y"), tie("element")),
      {
        maxLength: 3,
      },
    ).map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
  ),
}));
const value = fc.oneof(
  element,
  fc.array(element, { minLength: 2, maxLength: 3 }).map((xs) => xs.join(",")),
);
const key = fc.tuple(
  fc.constantFrom("", "+", "++", "~"),
  fc.constantFrom("a", "a.b", "db", "server/db", "x_1", "$k-1"),
  fc.constantFrom("", "@pkg", "@a.b", "@"),
);

function written(o: Override): string {
  const prefix = { change: "", add: "+", force_add: "++", delete: "~" }[o.type];
  const head = prefix + o.key + (o.package === null ? "" : "@" + o.package);
  if (!o.value) return head;
  if (o.value.kind === "element") return `${head}=${elementToString(o.value)}`;
  return `${head}=${sweepStrings(o).join(",")}`;
}

function comparable(o: Override) {
  const v = o.value;
  return {
    type: o.type,
    key: o.key,
    package: o.package,
    valueType: o.valueType,
    nodes: v?.kind === "element"
      ? [v.node]
      : v?.kind === "choice"
      ? v.items.map((i) => i.node)
      : [],
    text: v?.kind === "element" ? elementToString(v) : v ? sweepStrings(o) : [],
  };
}

Deno.test("property: an accepted override, written back as Hydra writes it, parses to the same override", () => {
  fc.assert(
    fc.property(key, fc.option(value, { nil: undefined }), ([prefix, k, pkg], v) => {
      const text = prefix + k + pkg + (v === undefined ? "" : "=" + v);
      let first: Override;
      try {
        first = parseOverride(text);
      } catch {
        return; // not accepted by the grammar: nothing to check
      }
      if (!writable(first)) return;
      const again = parseOverride(written(first));
      assert.deepEqual(comparable(again), comparable(first), `${text} -> ${written(first)}`);
    }),
    { numRuns: 2000 },
  );
});
