/**
 * `hydra.runtime.config_sources` records a command-line config directory
 * (Hydra's `--config-dir`, strata's `--search-path`) absolute, as Hydra's
 * `os.path.abspath(args.config_dir)` does, and a `hydra.searchpath` entry as
 * written, as Hydra's FileConfigSource keeps it.
 */
import assert from "node:assert/strict";
import { strata } from "./_cli.ts";
import { writeTree } from "./_tree.ts";

Deno.test("config_sources: -cd and --search-path are recorded absolute, hydra.searchpath as written", async () => {
  const dir = writeTree({
    "conf/config.yaml": "a: 1\nhydra:\n  searchpath: [file://more]\n",
    "extra/db/x.yaml": "b: 2\n",
    "more/db/y.yaml": "c: 3\n",
  });
  const real = Deno.realPathSync(dir);
  try {
    for (
      const flags of [["-cp", "conf", "-cd", "./extra/"], ["-d", "conf", "--search-path", "extra"]]
    ) {
      const r = await strata(
        ["compose", ...flags, "-c", "hydra", "-p", "hydra.runtime.config_sources", "-f", "json"],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      const sources = JSON.parse(r.stdout) as { path: string; provider: string }[];
      const byProvider = Object.fromEntries(sources.map((s) => [s.provider, s.path]));
      assert.equal(byProvider["command-line"], `${real}/extra`, flags.join(" "));
      assert.equal(byProvider["main"], `${real}/conf`);
      assert.equal(byProvider["hydra.searchpath in main"], "more");
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
