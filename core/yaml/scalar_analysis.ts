/**
 * PyYAML's scalar analysis (allow_unicode=True): which styles a string's text
 * allows, the facts the emitter chooses a style from.
 *
 * @module
 */

/**
 * PyYAML's line breaks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { BREAKS } from "./scalar_analysis.ts";
 * assert.ok(BREAKS.has("\u2028"));
 * ```
 */
export const BREAKS = new Set(["\n", "\x85", "\u2028", "\u2029"]);
const SPACE_OR_BREAK = new Set(["\0", " ", "\t", "\r", "\n", "\x85", "\u2028", "\u2029"]);

/** What a scalar's text allows (PyYAML's ScalarAnalysis). */
export interface Analysis {
  chars: string[];
  empty: boolean;
  multiline: boolean;
  allowFlowPlain: boolean;
  allowBlockPlain: boolean;
  allowSingleQuoted: boolean;
}

function isPrintableUnicode(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c < 0x10ffff)) && c !== 0xfeff;
}

/**
 * Analyses a scalar the way PyYAML's emitter does (allow_unicode=True).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { analyzeScalar } from "./scalar_analysis.ts";
 * assert.equal(analyzeScalar("a: b").allowBlockPlain, false);
 * ```
 */
export function analyzeScalar(text: string): Analysis {
  const chars = Array.from(text);
  if (chars.length === 0) {
    return {
      chars,
      empty: true,
      multiline: false,
      allowFlowPlain: false,
      allowBlockPlain: true,
      allowSingleQuoted: true,
    };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false;
  if (text.startsWith("---") || text.startsWith("...")) blockIndicators = flowIndicators = true;
  let precededByWs = true;
  let followedByWs = chars.length === 1 || SPACE_OR_BREAK.has(chars[1]);
  let prevSpace = false, prevBreak = false;
  const n = chars.length;
  for (let i = 0; i < n; i++) {
    const ch = chars[i];
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(ch)) flowIndicators = blockIndicators = true;
      if (ch === "?" || ch === ":") {
        flowIndicators = true;
        if (followedByWs) blockIndicators = true;
      }
      if (ch === "-" && followedByWs) flowIndicators = blockIndicators = true;
    } else {
      if (",?[]{}".includes(ch)) flowIndicators = true;
      if (ch === ":") {
        flowIndicators = true;
        if (followedByWs) blockIndicators = true;
      }
      if (ch === "#" && precededByWs) flowIndicators = blockIndicators = true;
    }
    if (BREAKS.has(ch)) lineBreaks = true;
    const c = ch.codePointAt(0)!;
    if (!(ch === "\n" || (c >= 0x20 && c <= 0x7e))) {
      if (!isPrintableUnicode(ch)) special = true;
    }
    if (ch === " ") {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (BREAKS.has(ch)) {
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = prevBreak = false;
    }
    precededByWs = SPACE_OR_BREAK.has(ch);
    followedByWs = i + 2 >= n || SPACE_OR_BREAK.has(chars[i + 2]);
  }
  let flowPlain = true, blockPlain = true, single = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    flowPlain = blockPlain = false;
  }
  if (breakSpace) flowPlain = blockPlain = single = false;
  if (spaceBreak || special) flowPlain = blockPlain = single = false;
  if (lineBreaks) flowPlain = blockPlain = false;
  if (flowIndicators) flowPlain = false;
  if (blockIndicators) blockPlain = false;
  return {
    chars,
    empty: false,
    multiline: lineBreaks,
    allowFlowPlain: flowPlain,
    allowBlockPlain: blockPlain,
    allowSingleQuoted: single,
  };
}
