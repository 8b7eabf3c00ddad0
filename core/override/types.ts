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
  kind: "element";
  node: Node;
  parsed: ParsedElement;
  /** Set when a sweep was nested inside a simple sweep (`choice(1,2),3`): not plain data. */
  sweep?: OverrideValue;
}

/** A discrete sweep: `a,b`, `choice(...)`, with sort/shuffle/tags applied. */
export interface ChoiceSweep {
  kind: "choice";
  /** The elements in iteration order (before any shuffle). */
  items: ElementValue[];
  /** True for the bare `a,b,c` form (SIMPLE_CHOICE_SWEEP). */
  simple: boolean;
  tags: string[];
  /** Iterate in random order (`shuffle(...)`). */
  shuffle: boolean;
}

/** `range(start, stop, step)`: ints or floats (int, float or bool nodes). */
export interface RangeSweep {
  kind: "range";
  start: Node;
  stop: Node;
  step: Node;
  tags: string[];
  shuffle: boolean;
}

/** `interval(start, end)`. Floats, unless cast with `int(...)` (then `ints` is true). */
export interface IntervalSweep {
  kind: "interval";
  start: number;
  end: number;
  /** True after `int(interval(...))`: the bounds are ints. */
  ints?: boolean;
  tags: string[];
}

/** `glob(include, exclude=...)` over a config group's options. */
export interface GlobSweep {
  kind: "glob";
  include: string[];
  exclude: string[];
  tags: string[];
}

/** Any override value. */
export type OverrideValue = ElementValue | ChoiceSweep | RangeSweep | IntervalSweep | GlobSweep;

/** One parsed override. */
export interface Override {
  type: OverrideType;
  /** `key_or_group`: `db`, `db.user`, `server/db`. */
  key: string;
  /** The `@pkg` part, or null. */
  package: string | null;
  valueType: OverrideValueType | null;
  /** Absent for `~key` without a value. */
  value?: OverrideValue;
  /** The override as the user wrote it. */
  text: string;
  /** Its position on the command line (0-based), for origins. */
  index?: number;
}
