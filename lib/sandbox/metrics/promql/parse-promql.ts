/**
 * Parser for the PromQL subset the sandbox metrics server answers (see ../README.md):
 * number literals, vector selectors with =, !=, =~, !~ matchers, range selectors as arguments
 * of rate() and increase(), histogram_quantile(), the aggregations sum/avg/min/max/count with
 * by/without, unary minus, and + - * / between scalars and vectors (one-to-one matching on all
 * labels). Anything else is rejected with a PromQLError of kind "unsupported", so a template
 * that would silently mean something else here fails loudly instead.
 */

export class PromQLError extends Error {
  constructor(
    readonly kind: "parse" | "unsupported" | "execution",
    message: string,
  ) {
    super(message);
    this.name = "PromQLError";
  }
}

export type MatchOp = "=" | "!=" | "=~" | "!~";
export type Matcher = { name: string; op: MatchOp; value: string; regex?: RegExp };
export type AggregateOp = "sum" | "avg" | "min" | "max" | "count";
export type BinaryOp = "+" | "-" | "*" | "/";
export type FunctionName = "rate" | "increase" | "histogram_quantile";

export type Expr =
  | { type: "number"; value: number }
  | { type: "selector"; matchers: Matcher[] }
  | { type: "range"; matchers: Matcher[]; rangeSeconds: number }
  | { type: "call"; fn: FunctionName; args: Expr[] }
  | { type: "aggregate"; op: AggregateOp; grouping: { without: boolean; labels: string[] } | null; expr: Expr }
  | { type: "binary"; op: BinaryOp; lhs: Expr; rhs: Expr }
  | { type: "negate"; expr: Expr };

type Token =
  | { t: "ident"; v: string; pos: number }
  | { t: "number"; v: number; pos: number }
  | { t: "string"; v: string; pos: number }
  | { t: "duration"; v: number; pos: number }
  | { t: "op"; v: string; pos: number }
  | { t: "eof"; pos: number };

const AGGREGATES = new Set(["sum", "avg", "min", "max", "count"]);
const UNSUPPORTED_AGGREGATES = new Set(["stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio"]);
const FUNCTIONS: Record<FunctionName, number> = { rate: 1, increase: 1, histogram_quantile: 2 };
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

export function parseDuration(text: string): number {
  const re = /(\d+)(ms|s|m|h|d|w|y)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    if (m.index !== consumed) break;
    total += Number(m[1]) * UNIT_SECONDS[m[2]!]!;
    consumed += m[0].length;
  }
  if (consumed !== text.length || consumed === 0) throw new PromQLError("parse", `invalid duration "${text}"`);
  return total;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (k = 0) => input[i + k] ?? "";
  while (i < input.length) {
    const c = at();
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < input.length && at() !== "\n") i++;
      continue;
    }
    const pos = i;
    if (tokens.at(-1)?.t === "op" && (tokens.at(-1) as { v: string }).v === "[") {
      const m = /^[0-9]+(ms|s|m|h|d|w|y)([0-9]+(ms|s|m|h|d|w|y))*/.exec(input.slice(i));
      if (m) {
        tokens.push({ t: "duration", v: parseDuration(m[0]), pos });
        i += m[0].length;
        continue;
      }
      if (/^[0-9]+:/.test(input.slice(i)) || at() === ":") throw new PromQLError("unsupported", "subqueries are not supported by the sandbox PromQL subset");
      throw new PromQLError("parse", `expected a duration at char ${pos + 1}`);
    }
    if (/[0-9.]/.test(c) && (/[0-9]/.test(c) || /[0-9]/.test(at(1)))) {
      const duration = /^[0-9]+(ms|s|m|h|d|w|y)([0-9]+(ms|s|m|h|d|w|y))*(?![a-zA-Z0-9_])/.exec(input.slice(i));
      if (duration) {
        // Only valid after offset, which the parser rejects with a clear message.
        tokens.push({ t: "duration", v: parseDuration(duration[0]), pos });
        i += duration[0].length;
        continue;
      }
      const m = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(input.slice(i))!;
      tokens.push({ t: "number", v: Number(m[0]), pos });
      i += m[0].length;
      if (/[a-zA-Z_]/.test(at())) throw new PromQLError("parse", `unexpected character "${at()}" after a number at char ${i + 1}`);
      continue;
    }
    if (/[a-zA-Z_:]/.test(c)) {
      const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(input.slice(i))!;
      tokens.push({ t: "ident", v: m[0], pos });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      let value = "";
      i++;
      for (;;) {
        if (i >= input.length) throw new PromQLError("parse", `unterminated string starting at char ${pos + 1}`);
        const ch = at();
        if (ch === c) {
          i++;
          break;
        }
        if (ch === "\\" && c !== "`") {
          const next = at(1);
          const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'", a: "\x07", b: "\b", f: "\f", v: "\v" };
          if (next in escapes) {
            value += escapes[next];
            i += 2;
            continue;
          }
          throw new PromQLError("parse", `unknown escape sequence "\\${next}" at char ${i + 1}`);
        }
        value += ch;
        i++;
      }
      tokens.push({ t: "string", v: value, pos });
      continue;
    }
    const two = input.slice(i, i + 2);
    if (["=~", "!~", "!=", "==", "<=", ">="].includes(two)) {
      tokens.push({ t: "op", v: two, pos });
      i += 2;
      continue;
    }
    if ("(){}[],=+-*/%^<>@".includes(c)) {
      tokens.push({ t: "op", v: c, pos });
      i++;
      continue;
    }
    throw new PromQLError("parse", `unexpected character "${c}" at char ${pos + 1}`);
  }
  tokens.push({ t: "eof", pos: input.length });
  return tokens;
}

export function parsePromQL(input: string): Expr {
  if (input.trim() === "") throw new PromQLError("parse", "empty query");
  const tokens = tokenize(input);
  let p = 0;
  const peek = (k = 0) => tokens[Math.min(p + k, tokens.length - 1)]!;
  const isOp = (v: string, k = 0) => {
    const tok = peek(k);
    return tok.t === "op" && tok.v === v;
  };
  const isIdent = (v: string, k = 0) => {
    const tok = peek(k);
    return tok.t === "ident" && tok.v === v;
  };
  const describe = (tok: Token) => (tok.t === "eof" ? "end of input" : `"${"v" in tok ? tok.v : ""}"`);
  const fail = (message: string, tok = peek()): never => {
    throw new PromQLError("parse", `parse error at char ${tok.pos + 1}: ${message}, got ${describe(tok)}`);
  };
  const expectOp = (v: string) => {
    if (!isOp(v)) fail(`expected "${v}"`);
    p++;
  };

  function expression(): Expr {
    let lhs = term();
    while (isOp("+") || isOp("-")) {
      const op = (peek() as { v: string }).v as BinaryOp;
      p++;
      rejectModifiers();
      lhs = { type: "binary", op, lhs, rhs: term() };
    }
    rejectComparison();
    return lhs;
  }

  function term(): Expr {
    let lhs = unary();
    while (isOp("*") || isOp("/")) {
      const op = (peek() as { v: string }).v as BinaryOp;
      p++;
      rejectModifiers();
      lhs = { type: "binary", op, lhs, rhs: unary() };
    }
    if (isOp("%") || isOp("^")) throw new PromQLError("unsupported", `the operator "${(peek() as { v: string }).v}" is not supported by the sandbox PromQL subset`);
    return lhs;
  }

  function rejectComparison() {
    const tok = peek();
    if ((tok.t === "op" && ["==", "!=", "<", ">", "<=", ">="].includes(tok.v)) || (tok.t === "ident" && ["and", "or", "unless"].includes(tok.v))) {
      throw new PromQLError("unsupported", `the operator "${tok.v}" is not supported by the sandbox PromQL subset (only + - * /)`);
    }
  }

  function rejectModifiers() {
    const tok = peek();
    if (tok.t === "ident" && ["on", "ignoring", "group_left", "group_right", "bool"].includes(tok.v) && isOp("(", 1)) {
      throw new PromQLError("unsupported", `vector matching with "${tok.v}" is not supported by the sandbox PromQL subset`);
    }
    if (isIdent("bool")) throw new PromQLError("unsupported", `"bool" is not supported by the sandbox PromQL subset`);
  }

  function unary(): Expr {
    if (isOp("-")) {
      p++;
      const inner = unary();
      return inner.type === "number" ? { type: "number", value: -inner.value } : { type: "negate", expr: inner };
    }
    if (isOp("+")) {
      p++;
      return unary();
    }
    return postfix(primary());
  }

  function postfix(expr: Expr): Expr {
    if (isIdent("offset") || isOp("@")) throw new PromQLError("unsupported", "offset and @ modifiers are not supported by the sandbox PromQL subset");
    if (isOp("[")) {
      if (expr.type !== "selector") fail("ranges are only allowed on vector selectors");
      const sel = expr as Extract<Expr, { type: "selector" }>;
      p++;
      const tok = peek();
      if (tok.t !== "duration") fail("expected a duration");
      p++;
      if (peek().t === "ident" && (peek() as { v: string }).v.startsWith(":")) {
        throw new PromQLError("unsupported", "subqueries are not supported by the sandbox PromQL subset");
      }
      expectOp("]");
      const range: Expr = { type: "range", matchers: sel.matchers, rangeSeconds: (tok as { v: number }).v };
      if (isIdent("offset") || isOp("@")) throw new PromQLError("unsupported", "offset and @ modifiers are not supported by the sandbox PromQL subset");
      return range;
    }
    return expr;
  }

  function grouping(): { without: boolean; labels: string[] } {
    const without = (peek() as { v: string }).v === "without";
    p++;
    expectOp("(");
    const labels: string[] = [];
    while (!isOp(")")) {
      const tok = peek();
      if (tok.t !== "ident") fail("expected a label name");
      labels.push((tok as { v: string }).v);
      p++;
      if (isOp(",")) p++;
      else if (!isOp(")")) fail('expected "," or ")"');
    }
    p++;
    return { without, labels };
  }

  function primary(): Expr {
    const tok = peek();
    if (tok.t === "number") {
      p++;
      return { type: "number", value: tok.v };
    }
    if (tok.t === "string") throw new PromQLError("unsupported", "string literals are not supported by the sandbox PromQL subset");
    if (isOp("(")) {
      p++;
      const inner = expression();
      expectOp(")");
      return inner;
    }
    if (isOp("{")) return { type: "selector", matchers: matchers([]) };
    if (tok.t !== "ident") return fail("expected an expression");
    const name = tok.v;
    if (name === "Inf" || name === "NaN") {
      p++;
      return { type: "number", value: name === "Inf" ? Infinity : NaN };
    }
    if (AGGREGATES.has(name) && (isOp("(", 1) || isIdent("by", 1) || isIdent("without", 1))) {
      p++;
      let group = isIdent("by") || isIdent("without") ? grouping() : null;
      expectOp("(");
      const inner = expression();
      if (isOp(",")) throw new PromQLError("unsupported", `${name}() takes one argument`);
      expectOp(")");
      if (isIdent("by") || isIdent("without")) {
        if (group) fail("grouping given twice");
        group = grouping();
      }
      return { type: "aggregate", op: name as AggregateOp, grouping: group, expr: inner };
    }
    if (isOp("(", 1)) {
      if (UNSUPPORTED_AGGREGATES.has(name)) throw new PromQLError("unsupported", `the aggregation ${name}() is not supported by the sandbox PromQL subset`);
      if (!(name in FUNCTIONS)) {
        throw new PromQLError("unsupported", `the function ${name}() is not supported by the sandbox PromQL subset (rate, increase, histogram_quantile)`);
      }
      p += 2;
      const args: Expr[] = [];
      while (!isOp(")")) {
        args.push(expression());
        if (isOp(",")) p++;
        else if (!isOp(")")) fail('expected "," or ")"');
      }
      p++;
      const fn = name as FunctionName;
      if (args.length !== FUNCTIONS[fn]) throw new PromQLError("parse", `${fn}() expects ${FUNCTIONS[fn]} argument${FUNCTIONS[fn] === 1 ? "" : "s"}, got ${args.length}`);
      if ((fn === "rate" || fn === "increase") && args[0]!.type !== "range") {
        throw new PromQLError("parse", `${fn}() expects a range vector such as metric[1m]`);
      }
      if (fn === "histogram_quantile" && args[1]!.type === "range") throw new PromQLError("parse", "histogram_quantile() expects an instant vector");
      return { type: "call", fn, args };
    }
    p++;
    const initial: Matcher[] = [{ name: "__name__", op: "=", value: name }];
    return { type: "selector", matchers: isOp("{") ? matchers(initial) : initial };
  }

  function matchers(initial: Matcher[]): Matcher[] {
    const list = [...initial];
    expectOp("{");
    while (!isOp("}")) {
      const nameTok = peek();
      if (nameTok.t !== "ident") fail("expected a label name");
      p++;
      const opTok = peek();
      if (opTok.t !== "op" || !["=", "!=", "=~", "!~"].includes(opTok.v)) fail("expected a label matching operator");
      p++;
      const valueTok = peek();
      if (valueTok.t !== "string") fail("expected a quoted label value");
      p++;
      const matcher: Matcher = { name: (nameTok as { v: string }).v, op: (opTok as { v: string }).v as MatchOp, value: (valueTok as { v: string }).v };
      if (matcher.op === "=~" || matcher.op === "!~") {
        try {
          // PromQL regexes are fully anchored.
          matcher.regex = new RegExp(`^(?:${matcher.value})$`, "s");
        } catch (error) {
          throw new PromQLError("parse", `invalid regular expression "${matcher.value}": ${(error as Error).message}`);
        }
      }
      list.push(matcher);
      if (isOp(",")) p++;
      else if (!isOp("}")) fail('expected "," or "}"');
    }
    p++;
    if (!list.some((m) => !matchesEmpty(m))) throw new PromQLError("parse", "vector selector must contain at least one non-empty matcher");
    return list;
  }

  const result = expression();
  if (peek().t !== "eof") {
    rejectComparison();
    fail("unexpected token");
  }
  return result;
}

export function matchesLabel(m: Matcher, value: string): boolean {
  switch (m.op) {
    case "=":
      return value === m.value;
    case "!=":
      return value !== m.value;
    case "=~":
      return m.regex!.test(value);
    case "!~":
      return !m.regex!.test(value);
  }
}

function matchesEmpty(m: Matcher): boolean {
  return matchesLabel(m, "");
}
