/**
 * Where resolution warnings (`oc.deprecated`, missing sequence elements) go
 * when a call passes no `onWarning`: `console.warn` of the message, once per
 * message as Python's default warnings filter says it, unless a
 * program sets its own (the CLI prints them in its warning layout, at the
 * origin of the value they are about). A module of its own, without imports,
 * so the CLI sets it without loading the resolver.
 *
 * @module
 */

import type { Origin } from "../node.ts";

/** Receives a warning and the origin of the value it is about, when known. */
export type WarningSink = (message: string, origin?: Origin) => void;

/** The messages said (Python's default warnings filter says each once). */
const said = new Set<string>();

let sink: WarningSink = (m) => {
  if (said.has(m)) return;
  // bounded: a long-lived program warned of many keys keeps flat memory
  if (said.size < 10_000) said.add(m);
  console.warn(m);
};

/**
 * Sets the sink of warnings of calls without `onWarning`.
 *
 * @example
 * ```ts
 * import { setDefaultWarningSink } from "./warning_sink.ts";
 * setDefaultWarningSink((m) => console.warn(m));
 * ```
 */
export function setDefaultWarningSink(next: WarningSink): void {
  sink = next;
}

/**
 * The sink of warnings of calls without `onWarning`.
 *
 * @example
 * ```ts
 * import { defaultWarningSink } from "./warning_sink.ts";
 * defaultWarningSink()("careful");
 * ```
 */
export function defaultWarningSink(): WarningSink {
  return sink;
}

/**
 * Forgets the messages the default sink said: each is said again once (a
 * program that checks one config after another, a test).
 *
 * @example
 * ```ts
 * import { forgetSaidWarnings } from "./warning_sink.ts";
 * forgetSaidWarnings();
 * ```
 */
export function forgetSaidWarnings(): void {
  said.clear();
}
