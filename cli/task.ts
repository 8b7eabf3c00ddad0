/**
 * The entry point of `deno task strata`: Deno runs tasks in the directory of
 * deno.json, so relative paths (`-d conf`, `outputs/`) would be the
 * checkout's. `deno task` records where it was called from in `INIT_CWD`;
 * the CLI runs there.
 *
 * @module
 */

import { main } from "./main.ts";

if (import.meta.main) {
  const caller = Deno.env.get("INIT_CWD");
  if (caller) Deno.chdir(caller);
  Deno.exit(await main(Deno.args));
}
