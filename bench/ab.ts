/**
 * Two commands' process wall, interleaved: A, B, A, B, ... so that this
 * machine's speed, which drifts by up to 50% within minutes, weighs on both
 * alike (hyperfine runs all of one command, then all of the other). Prints
 * the median of each and their ratio; with `--rss`, also each one's median
 * peak RSS (through /usr/bin/time).
 *
 *   deno run -A bench/ab.ts [--runs 30] [--rss] -- CMD_A ARGS... -- CMD_B ARGS...
 *
 * e.g. the bundle of an older commit (`deno task bundle /tmp/old`, in a
 * checkout of it) against the current one:
 *
 *   deno run -A bench/ab.ts -- deno run -A /tmp/old/main.js validate -d conf \
 *     -- deno run -A dist/bundle/main.js validate -d conf
 *
 * @module
 */

const args = Deno.args;
const first = args.indexOf("--");
const second = args.indexOf("--", first + 1);
if (first < 0 || second < 0 || second === first + 1 || second === args.length - 1) {
  console.error(
    "usage: deno run -A bench/ab.ts [--runs N] [--rss] -- CMD_A ARGS... -- CMD_B ARGS...",
  );
  Deno.exit(2);
}
const own = args.slice(0, first);
const runs = own.includes("--runs") ? Number(own[own.indexOf("--runs") + 1]) : 30;
if (!Number.isInteger(runs) || runs < 1) {
  console.error("bench/ab.ts: --runs takes a whole number of runs, 1 or more");
  Deno.exit(2);
}
const rss = own.includes("--rss");
const commands = [args.slice(first + 1, second), args.slice(second + 1)];

/** One run's wall time (ms) and, with `--rss`, its peak RSS (MB). */
async function run(cmd: string[]): Promise<[number, number]> {
  const argv = rss ? ["/usr/bin/time", "-f", "%M", ...cmd] : cmd;
  const t = performance.now();
  const r = await new Deno.Command(argv[0], {
    args: argv.slice(1),
    stdout: "null",
    stderr: "piped",
  }).output();
  const ms = performance.now() - t;
  const err = new TextDecoder().decode(r.stderr).trim();
  if (!r.success) {
    console.error(`${cmd.join(" ")} failed:\n${err}`);
    Deno.exit(1);
  }
  return [ms, rss ? Number(err.split("\n").at(-1)) / 1024 : 0];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const c of commands) await run(c); // warm the caches
const times: number[][] = [[], []];
const peaks: number[][] = [[], []];
for (let r = 0; r < runs; r++) {
  for (let i = 0; i < 2; i++) {
    const [ms, mb] = await run(commands[i]);
    times[i].push(ms);
    peaks[i].push(mb);
  }
}
const [a, b] = times.map(median);
const mem = (i: number) => (rss ? `, ${median(peaks[i]).toFixed(0)} MB` : "");
console.log(`A: ${a.toFixed(1)} ms${mem(0)}  ${commands[0].join(" ")}`);
console.log(`B: ${b.toFixed(1)} ms${mem(1)}  ${commands[1].join(" ")}`);
console.log(`B / A: ${(b / a).toFixed(3)} (medians of ${runs} interleaved runs each)`);
