/**
 * Python's `eval` for the arithmetic configs give it, as s4-style projects
 * register it (`OmegaConf.register_new_resolver("eval", eval)`):
 * `${eval:${.resolution}**2 // ${.pool}**2}`. `+ - * / // % **`, unary signs
 * and parentheses (quoted in the config: `${eval:'(a+b)*2'}`), with Python's
 * int/float rules: `/` is a float, `//` and `%` floor, an int stays an int,
 * and a float result is returned as `ctx.float(x)` (`1024.0` is not `1024`).
 * Anything else is refused: declare `eval` opaque in `.strata.yaml` instead
 * (`resolvers: {opaque: [eval]}`) to leave it to the app.
 *
 * Use: `resolvers: {module: examples/resolvers/python_eval.ts}` in
 * `.strata.yaml`, or `--resolvers examples/resolvers/python_eval.ts`.
 *
 * @module
 */

/** A Python number: its value, and whether it is a float. */
type Num = { v: number; float: boolean };

const num = (v: number, float: boolean): Num => ({ v, float });
const divisor = (b: Num) => {
  if (b.v === 0) throw new Error("ZeroDivisionError: division by zero");
  return b.v;
};
const OPS: Record<string, (a: Num, b: Num) => Num> = {
  "+": (a, b) => num(a.v + b.v, a.float || b.float),
  "-": (a, b) => num(a.v - b.v, a.float || b.float),
  "*": (a, b) => num(a.v * b.v, a.float || b.float),
  "/": (a, b) => num(a.v / divisor(b), true),
  "//": (a, b) => num(Math.floor(a.v / divisor(b)), a.float || b.float),
  "%": (a, b) => num(a.v - b.v * Math.floor(a.v / divisor(b)), a.float || b.float),
  "**": (a, b) => num(a.v ** b.v, a.float || b.float || b.v < 0),
};
const LEVEL: Record<string, number> = { "+": 1, "-": 1, "*": 2, "/": 2, "//": 2, "%": 2 };

/** Evaluates `src` as Python does an arithmetic expression of int and float literals. */
function evaluate(src: string): Num {
  const toks = src.match(/\d+\.?\d*(?:e[-+]?\d+)?|\.\d+|\*\*|\/\/|[-+*/%()]/gi) ?? [];
  const bad = () => new Error(`eval: not an arithmetic expression: ${src}`);
  if (toks.join("") !== src.replace(/\s+/g, "")) throw bad();
  let i = 0;
  const atom = (): Num => {
    const t = toks[i++];
    if (t === undefined || (t !== "(" && !/^[\d.]/.test(t))) throw bad();
    if (t !== "(") return num(Number(t), /[.e]/i.test(t));
    const inner = binary(1);
    if (toks[i++] !== ")") throw bad();
    return inner;
  };
  // `**` binds tighter than a unary sign on its left (-2**2 is -4), looser than one on its right
  const power = (): Num => {
    const a = atom();
    if (toks[i] !== "**") return a;
    i++;
    return OPS["**"](a, unary());
  };
  const unary = (): Num => {
    if (toks[i] === "-") {
      i++;
      return OPS["-"](num(0, false), unary());
    }
    if (toks[i] === "+") {
      i++;
      return unary();
    }
    return power();
  };
  const binary = (level: number): Num => {
    const next = () => (level === 2 ? unary() : binary(2));
    let a = next();
    while (LEVEL[toks[i]] === level) a = OPS[toks[i++]](a, next());
    return a;
  };
  const out = binary(1);
  if (i !== toks.length) throw bad();
  return out;
}

export default {
  eval: (args: unknown[], ctx: { float(x: number): unknown }): unknown => {
    // Python's eval takes a string: `${eval:${x}}` alone hands it a number
    if (typeof args[0] !== "string") throw new Error("eval() arg 1 must be a string");
    const n = evaluate(args[0]);
    return n.float ? ctx.float(n.v) : n.v;
  },
};
