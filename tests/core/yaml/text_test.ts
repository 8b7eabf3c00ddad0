import assert from "node:assert/strict";
import fc from "../../_fast_check.ts";
import { decodeConfig, readConfigFile } from "../../../core/yaml/text.ts";
import { StrataError } from "../../../core/errors.ts";

const strict = new TextDecoder("utf-8", { fatal: true });

Deno.test("property: decodeConfig reads any bytes at any offset as the checking UTF-8 decoder does", () => {
  const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xff }));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 40 }), fc.nat({ max: 9 }), (bytes, offset) => {
      // a view at an odd offset of a bigger buffer, as Deno.readFileSync may not give
      const buffer = new Uint8Array(offset + bytes.length);
      buffer.set(bytes, offset);
      const view = buffer.subarray(offset);
      let expected: string | undefined;
      try {
        expected = strict.decode(view);
      } catch {
        expected = undefined;
      }
      if (expected === undefined) {
        assert.throws(() => decodeConfig(view, "c.yaml"), StrataError);
      } else assert.equal(decodeConfig(view, "c.yaml"), expected);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("a non-ASCII byte after eight ASCII words is still checked", () => {
  const bytes = new TextEncoder().encode("a: 1\n".repeat(20));
  bytes[77] = 0xff;
  assert.throws(() => decodeConfig(bytes, "c.yaml"), /can't decode byte 0xff in position 77/);
});

Deno.test("readConfigFile reads a file as decodeConfig decodes its bytes", () => {
  const file = Deno.makeTempFileSync();
  try {
    for (
      const bytes of [
        [0x61, 0x3a, 0x20, 0x31],
        [0xef, 0xbb, 0xbf, 0x61],
        [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61],
        [0x61, 0xef, 0xbf, 0xbd], // a real U+FFFD
        [0x61, 0x0a, 0xff, 0x62],
        [0xc3, 0xa9, 0xe2, 0x82],
        [],
      ]
    ) {
      const b = new Uint8Array(bytes);
      Deno.writeFileSync(file, b);
      let expected: string | StrataError;
      try {
        expected = decodeConfig(b, file);
      } catch (e) {
        expected = e as StrataError;
      }
      if (typeof expected === "string") assert.equal(readConfigFile(file), expected);
      else {
        const e = expected;
        assert.throws(
          () => readConfigFile(file),
          (got: StrataError) => got.message === e.message && got.origin?.col === e.origin?.col,
        );
      }
    }
  } finally {
    Deno.removeSync(file);
  }
});
