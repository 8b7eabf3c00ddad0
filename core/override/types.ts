/**
 * A parsed command-line override, as Hydra's `Override` holds it.
 *
 * @module
 */

import type { Node } from "../node.ts";

/** What the override does to its key. */
export type OverrideType = "change" | "add" | "force_add" | "delete";

/** Hydra's `ValueType`; `null` for `~key` without a value. */
export type OverrideValueType =
  | "ELEMENT"
  | "CHOICE_SWEEP"
  | "SIMPLE_CHOICE_SWEEP"
  | "GLOB_CHOICE_SWEEP"
  | "RANGE_SWEEP"
  | "INTERVAL_SWEEP";

/**
 * An element as the grammar produced it (Hydra's `ParsedElementType`). Unlike
 * {@link Node} it remembers quoted strings (`'a b'` is written back with its
 * quotes inside lists and sweeps) and keeps dict keys typed.
 */
export type ParsedElement =
  | { t: "int"; v: number | bigint }
  | { t: "float"; v: number }
  | { t: "bool"; v: boolean }
  | { t: "null" }
  | { t: "str"; v: string }
  | { t: "quoted"; v: string; quote: "'" | '"' }
  | { t: "list"; v: ParsedElement[] }
  | { t: "dict"; v: [ParsedElement, ParsedElement][] };

/**
 * An element value. `node` is the typed value (quotes removed, interpolations
 * kept as text); `parsed` is what the grammar produced, from which the text
 * Hydra writes back is derived (core/override/format.ts).
 */
export interface ElementValue {
  /** Discriminant: a single value, not a sweep. */
  kind: "element";
  /** The typed value. */
  node: Node;
  /** The value as the grammar read it. */
  parsed: ParsedElement;
  /** Set when a sweep was nested inside a simple sweep (`choice(1,2),3`): not plain data. */
  sweep?: OverrideValue;
  /**
   * Set when a sweep sits inside this list or dict (`[choice(1,2)]`): Hydra
   * keeps its sweep object there, which no config can hold. `node` has a
   * placeholder string in its place.
   */
  nested?: NestedSweep;
}

/**
 * A sweep function written inside a list or dict value (`lr=[choice(1,2)]`).
 * Such a value is not a sweep (Hydra's `is_sweep_override` is false), and
 * OmegaConf cannot store the sweep object: applying it fails.
 */
export interface NestedSweep {
  /** Hydra's class of the object: `ChoiceSweep`, `RangeSweep` or `IntervalSweep`. */
  type: string;
  /** The function call as written: `choice(1,2)`. */
  text: string;
  /** Where it sits in the value, as a key suffix: `[0]`, `.a`, `[1][0]`. */
  path: string;
  /** Its first column in the override (0-based). */
  start: number;
  /** The column after it. */
  end: number;
}

/** A discrete sweep: `a,b`, `choice(...)`, with sort/shuffle/tags applied. */
export interface ChoiceSweep {
  /** Discriminant. */
  kind: "choice";
  /** The elements in iteration order (before any shuffle). */
  items: ElementValue[];
  /** True for the bare `a,b,c` form (SIMPLE_CHOICE_SWEEP). */
  simple: boolean;
  /** Tags from `tag(...)`. */
  tags: string[];
  /** Iterate in random order (`shuffle(...)`). */
  shuffle: boolean;
}

/** `range(start, stop, step)`: ints or floats (int, float or bool nodes). */
export interface RangeSweep {
  /** Discriminant. */
  kind: "range";
  /** The first value. */
  start: Node;
  /** The end (excluded). */
  stop: Node;
  /** The step (default 1). */
  step: Node;
  /** Tags from `tag(...)`. */
  tags: string[];
  /** Iterate in random order (`shuffle(...)`). */
  shuffle: boolean;
}

/** `interval(start, end)`. Floats, unless cast with `int(...)` (then `ints` is true). */
export interface IntervalSweep {
  /** Discriminant. */
  kind: "interval";
  /** The lower bound. */
  start: number;
  /** The upper bound. */
  end: number;
  /** True after `int(interval(...))`: the bounds are ints. */
  ints?: boolean;
  /** Tags from `tag(...)`. */
  tags: string[];
}

/** `glob(include, exclude=...)` over a config group's options. */
export interface GlobSweep {
  /** Discriminant. */
  kind: "glob";
  /** fnmatch patterns of the options to take. */
  include: string[];
  /** fnmatch patterns of the options to leave out. */
  exclude: string[];
  /** Tags from `tag(...)`. */
  tags: string[];
}

/**
 * The values of a sweep, read by position: a plain array, or a range whose
 * values are written when they are read (a million-value range costs no
 * memory).
 */
export interface SweepValues {
  /** How many values. */
  readonly length: number;
  /** Value `index` (0 ≤ index < length), as a job override writes it. */
  at(index: number): string | undefined;
}

/** Any override value. */
export type OverrideValue = ElementValue | ChoiceSweep | RangeSweep | IntervalSweep | GlobSweep;

/** One parsed override. */
export interface Override {
  /** What the override does: change (`k=v`), add (`+k=v`), force_add (`++k=v`), delete (`~k`). */
  type: OverrideType;
  /** `key_or_group`: `db`, `db.user`, `server/db`. */
  key: string;
  /** The `@pkg` part, or null. */
  package: string | null;
  /** Hydra's value type: a single element or which kind of sweep; null for `~key`. */
  valueType: OverrideValueType | null;
  /** Absent for `~key` without a value. */
  value?: OverrideValue;
  /** The override as the user wrote it. */
  text: string;
  /** Its position on the command line (0-based), for origins. */
  index?: number;
}
