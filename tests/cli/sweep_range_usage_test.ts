/**
 * A range that cannot expand (a zero step, a bound that is not finite) typed on the command line
 * is bad usage, exit 2 with a caret under the value, as an override that does not parse is
 * (`range(a,3)`); written in a config's `hydra.sweeper.params` it is an invalid config, exit 1,
 * at its file:line:col (checkers x45 #1, w48 #1). The message is Hydra's (Python's range()).
 */
import assert from "node:assert/strict";
import { assertNoStackTrace, confTree, strata } from "./_cli.ts";

Deno.test("sweep, run -m: a range that cannot expand is bad usage on the command line, an invalid config in a file", async () => {
  const dir = await confTree({
    "conf/config.yaml": "a: 1\n",
    "conf/params.yaml": "a: 1\nhydra:\n  sweeper:\n    params:\n      a: range(0,3,0)\n",
  });
  try {
    const cases: [string, string][] = [
      ["a=range(0,3,0)", "range() arg 3 must not be zero"],
      ["a=range(0,1,0.0)", "Invalid range values (start:0, stop:1, step:0)"],
      ["a=range(0,inf)", "range() needs finite numbers, got Infinity"],
    ];
    for (const [override, message] of cases) {
      const commands = [
        ["sweep", "-d", "conf", "b=1,2", override],
        ["run", "-m", "-d", "conf", "b=1,2", override, "--", "true"],
      ];
      for (const argv of commands) {
        const r = await strata(argv, { cwd: dir });
        assert.equal(r.code, 2, `${argv} ${override}: ${r.stderr}`);
        assert.equal(r.stdout, "");
        const caret = " ".repeat(6) + "^".repeat(override.length - 2);
        assert.equal(
          r.stderr,
          `override #2 '${override}': ${message}\n    ${override}\n${caret}\n`,
        );
      }
    }
    const file = await strata(["sweep", "-d", "conf", "-n", "params"], { cwd: dir });
    assert.equal(file.code, 1, file.stderr);
    assert.match(file.stderr, /^conf\/params\.yaml:5:10: range\(\) arg 3 must not be zero\n/);
    assertNoStackTrace(file.stderr);
    // nothing was launched or written
    assert.equal([...Deno.readDirSync(dir)].some((e) => e.name === "multirun"), false);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
