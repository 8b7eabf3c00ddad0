/**
 * action.yml's download step run in bash with a stand-in `curl` (no network):
 * the release URL it builds, as a composite action's step sees its context.
 */
import assert from "node:assert/strict";
import { parse } from "yaml";
import { ROOT } from "./cli/_cli.ts";

const action = parse(Deno.readTextFileSync(ROOT + "action.yml"));
const download: string = action.runs.steps[0].run;

/** Runs the download step; returns the URLs curl was asked for. */
function runDownload(env: Record<string, string>): { code: number; urls: string[]; out: string } {
  const dir = Deno.makeTempDirSync({ prefix: "strata-action-" });
  Deno.mkdirSync(`${dir}/bin`);
  // writes a fake binary, or the checksums of the binary it wrote, and logs the URL
  Deno.writeTextFileSync(
    `${dir}/bin/curl`,
    `#!/usr/bin/env bash\nout=""; while [ $# -gt 1 ]; do [ "$1" = -o ] && out="$2"; shift; done\n` +
      `echo "$1" >> "${dir}/urls"\n` +
      `if [ "$out" = SHA256SUMS ]; then for f in strata-*; do sha256sum "$f"; done > SHA256SUMS; ` +
      `else echo binary > "$out"; fi\n`,
  );
  Deno.chmodSync(`${dir}/bin/curl`, 0o755);
  Deno.mkdirSync(`${dir}/tmp`);
  const out = new Deno.Command("bash", {
    args: ["-c", download],
    env: {
      PATH: `${dir}/bin:${Deno.env.get("PATH")}`,
      VERSION: "v0.1.0",
      RUNNER_OS_NAME: "Linux",
      RUNNER_ARCH_NAME: "X64",
      RUNNER_TEMP: `${dir}/tmp`,
      GITHUB_PATH: `${dir}/github_path`,
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  let urls: string[] = [];
  try {
    urls = Deno.readTextFileSync(`${dir}/urls`).trim().split("\n");
  } catch { /* curl never ran */ }
  const dec = new TextDecoder();
  return { code: out.code, urls, out: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

Deno.test("action.yml: the release comes from the action's own repository, which a composite step is not told", () => {
  // what the runner gives a composite action's step: an empty github.action_repository
  const r = runDownload({
    ACTION_REPO: "",
    GITHUB_ACTION_PATH: "/home/runner/work/_actions/acme/strata/v0.1.0",
    GITHUB_REPOSITORY: "someone/ml-project",
  });
  assert.equal(r.code, 0, r.out);
  assert.deepEqual(r.urls, [
    "https://github.com/acme/strata/releases/download/v0.1.0/strata-x86_64-unknown-linux-gnu",
    "https://github.com/acme/strata/releases/download/v0.1.0/SHA256SUMS",
  ]);
  // a Windows runner's path; and the repository itself (`uses: ./`)
  const win = runDownload({
    ACTION_REPO: "",
    GITHUB_ACTION_PATH: "D:\\a\\_actions\\acme\\strata\\v1",
  });
  assert.match(win.urls[0], /^https:\/\/github\.com\/acme\/strata\//, win.out);
  const self = runDownload({
    ACTION_REPO: "",
    GITHUB_ACTION_PATH: "/home/runner/work/strata/strata",
    GITHUB_REPOSITORY: "acme/strata",
  });
  assert.match(self.urls[0], /^https:\/\/github\.com\/acme\/strata\//, self.out);
  // when the runner does say it, that is used
  const said = runDownload({ ACTION_REPO: "acme/strata", GITHUB_ACTION_PATH: "/x" });
  assert.match(said.urls[0], /^https:\/\/github\.com\/acme\/strata\//, said.out);
});

Deno.test("action.yml: with no version input, a release tag the action is pinned to pins the binary", () => {
  const path = (ref: string) => `/home/runner/work/_actions/acme/strata/${ref}`;
  const pinned = runDownload({ VERSION: "", ACTION_REPO: "", GITHUB_ACTION_PATH: path("v0.2.1") });
  assert.equal(pinned.code, 0, pinned.out);
  assert.equal(
    pinned.urls[0],
    "https://github.com/acme/strata/releases/download/v0.2.1/strata-x86_64-unknown-linux-gnu",
  );
  // told by the runner (a JavaScript-style context), the same
  const told = runDownload({ VERSION: "", ACTION_REPO: "acme/strata", ACTION_REF: "v0.3.0" });
  assert.match(told.urls[0], /\/releases\/download\/v0\.3\.0\//, told.out);
  // a major tag or a branch is no release: latest
  for (const ref of ["v1", "main"]) {
    const r = runDownload({ VERSION: "", ACTION_REPO: "", GITHUB_ACTION_PATH: path(ref) });
    assert.match(r.urls[0], /\/releases\/latest\/download\//, `${ref}: ${r.out}`);
  }
  // an explicit version wins over the ref
  const explicit = runDownload({ ACTION_REPO: "", GITHUB_ACTION_PATH: path("v0.2.1") });
  assert.match(explicit.urls[0], /\/releases\/download\/v0\.1\.0\//, explicit.out);
});
