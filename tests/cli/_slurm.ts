/**
 * Driving the real SLURM cluster from tests: is it up, submit a sweep's
 * arrays, wait for them (no accounting here: squeue and scontrol, never
 * sacct), read their tasks' final states.
 *
 * @module
 */

const dec = new TextDecoder();

async function sh(
  cmd: string,
  args: string[],
  cwd?: string,
): Promise<{ code: number; out: string; err: string }> {
  try {
    const o = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
    return { code: o.code, out: dec.decode(o.stdout), err: dec.decode(o.stderr) };
  } catch (e) {
    return { code: 127, out: "", err: String(e) };
  }
}

/** Whether a SLURM node answers and can take jobs. */
export async function slurmUp(): Promise<boolean> {
  const r = await sh("sinfo", ["-h", "-o", "%T"]);
  return r.code === 0 && /idle|mixed|allocated|completing/.test(r.out);
}

/** Runs a sweep's `submit.sh`; returns the array job ids it printed. */
export async function submit(submitScript: string): Promise<string[]> {
  const r = await sh("bash", [submitScript]);
  if (r.code !== 0) throw new Error(`submit failed: ${r.err}`);
  return r.out.trim().split("\n");
}

/** Waits until none of `ids` is queued or running (at most `timeoutMs`). */
export async function waitFor(ids: string[], timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const r = await sh("squeue", ["-h", "-j", ids.join(",")]);
    if (r.code !== 0 || r.out.trim() === "") return;
    await new Promise((ok) => setTimeout(ok, 500));
  }
  throw new Error(`jobs ${ids} still queued after ${timeoutMs} ms`);
}

/** `JobState ExitCode` of every task of the arrays `ids`. */
export async function taskStates(ids: string[]): Promise<string[]> {
  const states: string[] = [];
  for (const id of ids) {
    const r = await sh("scontrol", ["show", "job", "-o", id]);
    for (const line of r.out.trim().split("\n")) {
      const state = /JobState=(\S+)/.exec(line)?.[1];
      const exit = /ExitCode=(\S+)/.exec(line)?.[1];
      if (state) states.push(`${state} ${exit}`);
    }
  }
  return states;
}
