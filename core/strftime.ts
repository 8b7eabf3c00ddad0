/**
 * Python's `datetime.now().strftime(pattern)` as Hydra's `${now:...}` calls
 * it on Linux: glibc's directives in the C locale, Python's `%f`, a naive
 * local time (`%z` and `%Z` are empty), and glibc's `-` (no padding), `_`
 * (spaces) and `0` flags.
 *
 * @module
 */

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const DAY_MS = 86400000;

/** The microseconds below the millisecond of a clock reading (a `Date` holds milliseconds). */
const SUB_MS = new WeakMap<Date, number>();

/**
 * `d` with `us` microseconds below its millisecond (0-999), which `%f` formats: a `Date`
 * holds milliseconds, Python's `datetime` microseconds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strftime, withSubMilliseconds } from "./strftime.ts";
 * const d = withSubMilliseconds(new Date(2026, 0, 1, 0, 0, 0, 977), 123);
 * assert.equal(strftime("%f", d), "977123");
 * ```
 */
export function withSubMilliseconds(d: Date, us: number): Date {
  SUB_MS.set(d, Math.max(0, Math.min(999, Math.floor(us))));
  return d;
}

/**
 * The microseconds below `d`'s millisecond (0 for a plain `Date`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { subMilliseconds, withSubMilliseconds } from "./strftime.ts";
 * assert.equal(subMilliseconds(new Date()), 0);
 * assert.equal(subMilliseconds(withSubMilliseconds(new Date(), 5)), 5);
 * ```
 */
export function subMilliseconds(d: Date): number {
  return SUB_MS.get(d) ?? 0;
}

/**
 * The wall clock now, to the microsecond as Python's `datetime.now()` (`%f`): runs started in
 * the same millisecond get distinct `${now:%H-%M-%S-%f}` directories. A run reads it once
 * and formats every `${now:...}` (run dirs, `hydra.job`, manifests) from that one reading.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clockNow } from "./strftime.ts";
 * assert.ok(Math.abs(clockNow().getTime() - Date.now()) < 60_000);
 * ```
 */
export function clockNow(): Date {
  // the time origin is the wall clock at start, performance.now() a monotonic fraction since
  const t = performance.timeOrigin + performance.now();
  const ms = Math.floor(t);
  return withSubMilliseconds(new Date(ms), (t - ms) * 1000);
}

/** Day of the year, 1-based (local calendar date, whatever the DST shifts). */
function yearDay(d: Date): number {
  return (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) -
        Date.UTC(d.getFullYear(), 0, 1)) / DAY_MS + 1;
}

/** ISO 8601 year and week (weeks start on Monday; week 1 holds the first Thursday). */
function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const dow = (t.getUTCDay() + 6) % 7; // Monday 0
  t.setUTCDate(t.getUTCDate() - dow + 3); // the Thursday of this week
  const year = t.getUTCFullYear();
  // the Thursday's distance from the Monday of week 1 (the week of January 4)
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const week = Math.floor((t.getTime() - monday1) / DAY_MS / 7) + 1;
  return { year, week };
}

/**
 * `pattern` formatted as Python's `datetime.strftime` does on Linux (C
 * locale, naive local time). Unknown directives stay as written, as glibc
 * leaves them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { strftime } from "./strftime.ts";
 * const d = new Date(2026, 11, 2, 5, 4, 3);
 * assert.equal(strftime("%Y-%m-%d %H:%M:%S", d), "2026-12-02 05:04:03");
 * assert.equal(strftime("%G-W%V %U %W %u %j", d), "2026-W49 48 48 3 336");
 * assert.equal(strftime("%c|%x|%X|%z|%Z|%-d|%e", d), "Wed Dec  2 05:04:03 2026|12/02/26|05:04:03|||2| 2");
 * assert.equal(strftime("%s", d), String(Math.floor(d.getTime() / 1000)));
 * ```
 */
export function strftime(pattern: string, d: Date = clockNow()): string {
  const h12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const yday = yearDay(d);
  const iso = () => isoWeek(d);
  // [value, default pad width, default pad char] for the numeric directives
  const num: Record<string, () => [number, number, string]> = {
    C: () => [Math.floor(d.getFullYear() / 100), 2, "0"],
    d: () => [d.getDate(), 2, "0"],
    e: () => [d.getDate(), 2, " "],
    g: () => [iso().year % 100, 2, "0"],
    G: () => [iso().year, 1, "0"],
    H: () => [d.getHours(), 2, "0"],
    I: () => [h12, 2, "0"],
    j: () => [yday, 3, "0"],
    k: () => [d.getHours(), 2, " "],
    l: () => [h12, 2, " "],
    m: () => [d.getMonth() + 1, 2, "0"],
    M: () => [d.getMinutes(), 2, "0"],
    s: () => [Math.floor(d.getTime() / 1000), 1, "0"],
    S: () => [d.getSeconds(), 2, "0"],
    u: () => [d.getDay() === 0 ? 7 : d.getDay(), 1, "0"],
    U: () => [Math.floor((yday - 1 + 7 - d.getDay()) / 7), 2, "0"],
    V: () => [iso().week, 2, "0"],
    w: () => [d.getDay(), 1, "0"],
    W: () => [Math.floor((yday - 1 + 7 - ((d.getDay() + 6) % 7)) / 7), 2, "0"],
    y: () => [d.getFullYear() % 100, 2, "0"],
    Y: () => [d.getFullYear(), 1, "0"],
  };
  const text: Record<string, () => string> = {
    a: () => DAYS[d.getDay()].slice(0, 3),
    A: () => DAYS[d.getDay()],
    b: () => MONTHS[d.getMonth()].slice(0, 3),
    h: () => MONTHS[d.getMonth()].slice(0, 3),
    B: () => MONTHS[d.getMonth()],
    c: () => strftime("%a %b %e %H:%M:%S %Y", d),
    D: () => strftime("%m/%d/%y", d),
    F: () => strftime("%Y-%m-%d", d),
    f: () => String(d.getMilliseconds() * 1000 + subMilliseconds(d)).padStart(6, "0"),
    n: () => "\n",
    p: () => d.getHours() < 12 ? "AM" : "PM",
    P: () => d.getHours() < 12 ? "am" : "pm",
    r: () => strftime("%I:%M:%S %p", d),
    R: () => strftime("%H:%M", d),
    t: () => "\t",
    T: () => strftime("%H:%M:%S", d),
    x: () => strftime("%m/%d/%y", d),
    X: () => strftime("%H:%M:%S", d),
    z: () => "",
    Z: () => "",
    "%": () => "%",
  };
  return pattern.replace(/%([-_0]?)([A-Za-z%])/g, (whole, flag: string, c: string) => {
    const n = num[c];
    if (n) {
      const [value, width, pad] = n();
      const digits = String(value);
      if (flag === "-") return digits;
      return digits.padStart(width, flag === "_" ? " " : flag === "0" ? "0" : pad);
    }
    const t = text[c];
    return t ? t() : whole;
  });
}
