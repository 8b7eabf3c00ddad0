/**
 * Stable job ids: a short hash of a job's override strings and of the
 * sweep's config identity (the config name and every YAML file the search
 * path's directories hold). Expanding the same sweep of the same tree again,
 * on any machine, gives the same ids; editing a config file changes them.
 *
 * The hash is 64 bits from two 32-bit multiply-xorshift lanes: not
 * cryptographic, but fast enough for 10^6 jobs a second, and a collision
 * among 10^6 ids has a probability of about 3e-8.
 *
 * @module
 */

import { join } from "../path.ts";
import { LIMITS } from "../limits.ts";

/**
 * The two 32-bit lanes the last {@link absorb} or {@link finish} left: module state, so hashing a
 * job's override strings makes no object (10^6 jobs).
 */
let lane1 = 0;
let lane2 = 0;

/** The lanes after `text` and a NUL separator (so `["ab"]` and `["a", "b"]` differ). */
function absorb(h1: number, h2: number, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  lane1 = Math.imul(h1, 2654435761);
  lane2 = Math.imul(h2, 1597334677);
}

/** The lanes finalised (each mixed with the other), as uint32. */
function finish(h1: number, h2: number): void {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  lane1 = h1 >>> 0;
  lane2 = h2 >>> 0;
}

const SEED1 = 0xdeadbeef;
const SEED2 = 0x41c6ce57;

/** An incremental 64-bit string hash (two independent 32-bit lanes). */
class Hash64 {
  #h1: number;
  #h2: number;

  constructor(seed1 = 0, seed2 = 0) {
    this.#h1 = SEED1 ^ seed1;
    this.#h2 = SEED2 ^ seed2;
  }

  /** Adds `text`, then a NUL separator. */
  update(text: string): this {
    absorb(this.#h1, this.#h2, text);
    this.#h1 = lane1;
    this.#h2 = lane2;
    return this;
  }

  /** The two finalised lanes. */
  lanes(): [number, number] {
    finish(this.#h1, this.#h2);
    return [lane1, lane2];
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const HEX_ASCII = new TextEncoder().encode("0123456789abcdef");
/** 8 hex digits of a uint32 (a table: `toString(16)` costs more than the whole hash). */
const hex8 = (n: number) =>
  HEX[n >>> 24] + HEX[(n >>> 16) & 255] + HEX[(n >>> 8) & 255] + HEX[n & 255];

/** What identifies the configs a sweep composes from. */
export interface ConfigIdentityInput {
  /** The primary config directory. */
  configDir: string;
  /** The primary config's name. */
  configName: string | null;
  /** More config directories (`pkg://` entries count by name). */
  searchPath?: string[];
}

function yamlFiles(dir: string, prefix: string, out: string[]): void {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(dir)];
  } catch {
    return; // not a directory here (pkg://, missing): it counts by name only
  }
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const rel = prefix + e.name;
    if (e.isDirectory) yamlFiles(join(dir, e.name), rel + "/", out);
    else if (/\.ya?ml$/.test(e.name)) out.push(rel);
  }
}

/**
 * What a file adds to the identity: its text; for what no composition can
 * read (a dangling symlink, a device or FIFO such as /dev/zero, a file over
 * the size limit), a mark instead of reading it forever or failing the sweep
 * for a file no job uses.
 */
function identityText(path: string): string {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch {
    return "\u0000unreadable";
  }
  if (!info.isFile) return "\u0000not a regular file";
  if (info.size > LIMITS.fileBytes) return `\u0000${info.size} bytes, ${info.mtime?.getTime()}`;
  return Deno.readTextFileSync(path);
}

/**
 * The sweep's config identity: a hash of the config name and of every YAML
 * file (relative path and bytes) under the config directory and the search
 * path, in sorted order. Where the tree lives does not matter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { configIdentity } from "./job_id.ts";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "lr: 0.1\n");
 * const before = configIdentity({ configDir: dir, configName: "config" });
 * assert.equal(configIdentity({ configDir: dir, configName: "config" }), before);
 * Deno.writeTextFileSync(`${dir}/config.yaml`, "lr: 0.2\n");
 * assert.notEqual(configIdentity({ configDir: dir, configName: "config" }), before);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function configIdentity(input: ConfigIdentityInput): string {
  const h = new Hash64().update(input.configName ?? "\u0000none");
  const dirs = [input.configDir, ...(input.searchPath ?? [])];
  dirs.forEach((entry, i) => {
    const dir = entry.startsWith("file://") ? entry.slice(7) : entry;
    const files: string[] = [];
    yamlFiles(dir, "", files);
    h.update(files.length ? `dir#${i}` : `entry#${i}:${entry}`);
    for (const rel of files.sort()) h.update(rel).update(identityText(join(dir, rel)));
  });
  const [a, b] = h.lanes();
  return hex8(a) + hex8(b);
}

/** Override strings hashed so far are few (a sweep's values): cache them, within bounds. */
const MAX_CACHED = 1 << 16;
/**
 * Shorter override strings are hashed afresh each time: a Map lookup hashes the string too (a
 * job's strings are new each time: `seed=41` of a range), and a range's 10^6 distinct values
 * would only fill the cache.
 */
const CACHED_FROM = 48;

/**
 * Computes the stable ids of a sweep's jobs: one per override list.
 *
 * A job chains its overrides' hashes in order; a long override string
 * (a list value) is hashed once and cached, so ids cost a few
 * multiplications per job.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JobIds } from "./job_id.ts";
 * const ids = new JobIds("0123456789abcdef");
 * assert.match(ids.of(["db=mysql"]), /^[0-9a-f]{16}$/);
 * assert.equal(ids.of(["db=mysql"]), new JobIds("0123456789abcdef").of(["db=mysql"]));
 * assert.notEqual(ids.of(["db=mysql"]), new JobIds("fedcba9876543210").of(["db=mysql"]));
 * assert.notEqual(ids.of(["a=1", "b=2"]), ids.of(["b=2", "a=1"]));
 * assert.notEqual(ids.of(["a=1", "b=2"]), ids.of(["a=1,b=2"]));
 * ```
 */
export class JobIds {
  readonly #seed1: number;
  readonly #seed2: number;
  readonly #lanes = new Map<string, [number, number]>();
  #uncached = false;
  /** The lanes of the last string hashed ({@link JobIds.#hash}), as Hash64 finalises them. */
  #a = 0;
  #b = 0;

  /**
   * Ids for the jobs of one sweep.
   *
   * @param identity the sweep's {@link configIdentity}
   */
  constructor(readonly identity: string) {
    this.#seed1 = parseInt(identity.slice(0, 8), 16) | 0;
    this.#seed2 = parseInt(identity.slice(8, 16), 16) | 0;
  }

  /** `new Hash64().update(text).lanes()` into #a and #b, with no object made. */
  #hash(text: string): void {
    absorb(SEED1, SEED2, text);
    finish(lane1, lane2);
    this.#a = lane1;
    this.#b = lane2;
  }

  /** An override string's lanes into #a and #b: hashed, or the cached hash of a long one. */
  #lanesOf(override: string): void {
    if (override.length < CACHED_FROM || this.#uncached) return this.#hash(override);
    const lanes = this.#lanes.get(override);
    if (lanes !== undefined) {
      this.#a = lanes[0];
      this.#b = lanes[1];
      return;
    }
    if (this.#lanes.size === MAX_CACHED) {
      // More distinct strings than the cache holds: every lookup would miss, so stop looking.
      this.#lanes.clear();
      this.#uncached = true;
    }
    this.#hash(override);
    if (!this.#uncached) this.#lanes.set(override, [this.#a, this.#b]);
  }

  /** The id's two 32-bit halves: the overrides' cached hashes, chained in order. */
  #mix(overrides: readonly string[]): void {
    let h1 = SEED1 ^ this.#seed1;
    let h2 = SEED2 ^ this.#seed2;
    for (let i = 0; i < overrides.length; i++) {
      this.#lanesOf(overrides[i]);
      h1 = Math.imul(h1 ^ this.#a, 2654435761);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 ^ this.#b, 1597334677);
      h2 ^= h2 >>> 15;
    }
    finish(h1, h2);
    this.#hi = lane1;
    this.#lo = lane2;
  }
  #hi = 0;
  #lo = 0;

  /** The id of the job with these (canonical, as expanded) override strings. */
  of(overrides: readonly string[]): string {
    this.#mix(overrides);
    return hex8(this.#hi) + hex8(this.#lo);
  }

  /**
   * Writes the id's 16 hex digits as ASCII into `buf` at `offset` (what
   * {@link JobIds.of} returns, without making a string).
   */
  writeId(overrides: readonly string[], buf: Uint8Array, offset: number): void {
    this.#mix(overrides);
    for (let k = 0; k < 8; k++) {
      buf[offset + k] = HEX_ASCII[(this.#hi >>> (28 - 4 * k)) & 15];
      buf[offset + 8 + k] = HEX_ASCII[(this.#lo >>> (28 - 4 * k)) & 15];
    }
  }
}
