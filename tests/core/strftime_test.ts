/**
 * `${now:...}` formats as Python's `datetime.strftime` on Linux, every
 * directive glibc has (C locale, naive local time): checked against the real
 * Python over 2,000 dates and times.
 */

import assert from "node:assert/strict";
import { strftime } from "../../core/strftime.ts";

const PATTERN = "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %p %P %r %R " +
  "%S %T %u %U %V %w %W %x %X %y %Y %z%Z %f %-d %_m %-j %n%t %%";

Deno.test("strftime matches Python's datetime.strftime for every directive", async () => {
  const dates = Array.from(
    { length: 2000 },
    (_, i) => new Date(1998, 0, 1 + i * 7, (i * 7) % 24, (i * 13) % 60, (i * 17) % 60),
  );
  const script = `import datetime, json, sys
for y, m, d, H, M, S in json.load(sys.stdin):
    print(json.dumps(datetime.datetime(y, m, d, H, M, S).strftime(${JSON.stringify(PATTERN)})))
`;
  const child = new Deno.Command("/usr/bin/python3", {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(new TextEncoder().encode(JSON.stringify(dates.map((d) => [
    d.getFullYear(),
    d.getMonth() + 1,
    d.getDate(),
    d.getHours(),
    d.getMinutes(),
    d.getSeconds(),
  ]))));
  await w.close();
  const out = new TextDecoder().decode((await child.output()).stdout).trim().split("\n");
  assert.equal(out.length, dates.length);
  dates.forEach((d, i) => assert.equal(strftime(PATTERN, d), JSON.parse(out[i]), d.toString()));
  const now = new Date();
  assert.equal(strftime("%s", now), String(Math.floor(now.getTime() / 1000)));
});
