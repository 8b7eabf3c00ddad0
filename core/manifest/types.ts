/**
 * What every manifest generator takes and returns.
 *
 * @module
 */

import type { EmptySweep } from "../sweep/entries.ts";
import type { SweepJob } from "../sweep/types.ts";

/** The jobs of a sweep, addressable by range (a `SweepExpansion` is one). */
export interface JobSource {
  /** The number of jobs. */
  readonly count: number;
  /** Jobs `start` to `end - 1`, in order. */
  jobs(start?: number, end?: number): Iterable<SweepJob>;
  /** The overrides that give no values, when there are no jobs (named by the error). */
  readonly empty?: readonly EmptySweep[];
}

/** One file of a manifest, relative to the output directory. */
export interface ManifestFile {
  /** The file name (no directories). */
  name: string;
  /** Its whole text. */
  text: string;
  /** Whether it is a script to make executable. */
  executable?: boolean;
}

/** A generated manifest: its files, and what `--dry-run` reports about them. */
export interface Manifest {
  /** The files, in the order they are listed. */
  files: ManifestFile[];
  /** The text for stdout when the manifest fits one file; absent when it needs a directory. */
  single?: string;
  /** Lines describing jobs, arrays or shards and the limits that forced a split. */
  summary: string[];
  /** What the user should know of how it was made (the config's launcher), for stderr. */
  warnings?: string[];
}

/**
 * A manifest of one file produced a piece at a time (Kubernetes': its memory
 * stays flat however many jobs the sweep has).
 */
export interface StreamedManifest {
  /** The file name. */
  name: string;
  /** Its text, each piece produced when asked for (a job that fails to compose throws then). */
  chunks: Iterable<string>;
  /** What `--dry-run` reports; complete once `chunks` has been read. */
  summary: string[];
  /** What the user should know of how it was made (the config's launcher), for stderr. */
  warnings?: string[];
}

/** Resource flags shared by the schedulers (SLURM spellings). */
export interface Resources {
  /** `--time`: SLURM's time limit (`MM`, `HH:MM:SS`, `D-HH`, ...). */
  time?: string;
  /** `--gpus`: a count, or SLURM's `type:count`. */
  gpus?: string;
  /** `--cpus-per-task`. */
  cpusPerTask?: number;
  /** `--mem`: SLURM's memory (`16G`, `512M`; a bare number is megabytes). */
  mem?: string;
  /** `--parallel`: how many jobs run at once. */
  parallel?: number;
}
