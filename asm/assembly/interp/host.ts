// deno-fmt-ignore-file
// The one import of the interpolation engine: the host's batch of resolver
// calls (asm/interp_host.ts). Kept out of deno fmt, which drops decorators of
// declared functions.

/** Evaluates a batch of resolver calls on the host; returns the result records. */
@external("../interp_host.ts", "callResolvers")
export declare function callResolvers(calls: usize, nCalls: i32, names: usize, pieces: usize): usize;
