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
 * An element value. `node` is the typed value (quotes removed, interpolations
 * kept as text); `text` is what Hydra writes back (`value_str`).
 */
export interface ElementValue {
  kind: "element";
  node: Node;
}

/** A discrete sweep: `a,b`, `choice(...)`, `range(...)`, `glob(...)`, with sort/shuffle/tags applied. */
export interface ChoiceSweep {
  kind: "choice";
  /** The elements in iteration order. */
  items: ElementValue[];
  /** True for the bare `a,b,c` form (SIMPLE_CHOICE_SWEEP). */
  simple: boolean;
  tags: string[];
  shuffle: boolean;
}

/** `range(start, stop, step)`: ints or floats. */
export interface RangeSweep {
  kind: "range";
  start: Node;
  stop: Node;
  step: Node;
  tags: string[];
  shuffle: boolean;
}

/** `interval(start, end)`. Always floats. */
export interface IntervalSweep {
  kind: "interval";
  start: number;
  end: number;
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
