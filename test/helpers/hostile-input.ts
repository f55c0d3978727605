import fc from "fast-check";
import { z } from "zod";

/**
 * fast-check arbitraries for malformed and hostile API input: strings an attacker or a broken
 * client sends, values of the wrong type, and "almost right" objects derived from a route's real
 * zod schema (through its JSON Schema) with one thing broken.
 */

/** Strings by the trouble they make; the sweep draws a category first, so each gets its share. */
export const HOSTILE_STRINGS = {
  sqlInjection: ["' OR '1'='1", "'; DROP TABLE \"User\"; --", '" OR ""="', "1) OR (1=1", "%' OR '%'='", "\\'; --"],
  htmlInjection: ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"],
  paths: ["../../../etc/passwd", "..\\..\\windows", "/", "%00", "%2e%2e%2f"],
  nul: ["\u0000", "a\u0000b", "\u0000\u0000\u0000"],
  control: ["\u0007\u001b[31m", "line\r\nInjected-Header: 1", "\u007f", "\b\f"],
  unicode: ["ünïcødé", "😀🚀", "\u202Egnp.exe", "e\u0301\u0301\u0301", "\u200B", "𝕏𝕐", "\uFEFF", "ﷺ"],
  // Sent as JSON escapes; where a URL cannot carry them they become U+FFFD.
  loneSurrogates: ["\uD800", "x\uDC00y", "\uDBFF"],
  digests: [
    "sha256:xyz",
    "sha256:",
    `sha256:${"G".repeat(64)}`,
    `sha256:${"A".repeat(64)}`,
    "md5:d41d8cd98f00b204e9800998ecf8427e",
    "registry.example.com/app@sha256:xyz",
    "registry.example.com/app:latest",
  ],
  templates: ["${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "%s%s%s%n"],
  numbersAndDates: ["NaN", "Infinity", "-0", "1e309", "0x10", "9999999999999999999999", "2024-02-30T25:61:61Z", "0000-00-00"],
  idLike: ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}", "__proto__", "constructor"],
  blank: ["", " ", "\t\n"],
} as const;

export type HostileTheme = keyof typeof HOSTILE_STRINGS;
export const HOSTILE_THEMES = Object.keys(HOSTILE_STRINGS) as HostileTheme[];

export const hostileString = fc.oneof(
  ...Object.values(HOSTILE_STRINGS).map((strings) => fc.constantFrom<string>(...strings)),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.integer({ min: 300, max: 10_000 }).map((n) => "x".repeat(n)),
);

/**
 * Mostly strings of one kind: a request whose every field carries the same kind of trouble finds
 * the field that mishandles it far more often than one with a single hostile field.
 */
export const themedStrings = (theme: HostileTheme) =>
  fc.oneof({ weight: 9, arbitrary: fc.constantFrom<string>(...HOSTILE_STRINGS[theme]) }, { weight: 1, arbitrary: hostileString });

/** Nested arrays `depth` deep, as JSON text (built as text: a value this deep would overflow JSON.stringify). */
export const deeplyNestedJson = (depth: number) => "[".repeat(depth) + "]".repeat(depth);

/** Values of any JSON type but rarely the expected one. */
export const wrongValue = (strings: fc.Arbitrary<string> = hostileString): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 4, arbitrary: strings },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], [null], {}, { $gt: "" }, { __proto__: null, toString: 1 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom<unknown>("a", 1, null, {}), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant(new Array(5000).fill(1)) },
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/** The input side of a zod schema as JSON Schema; parts JSON Schema cannot express become `{}`. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any", cycles: "ref", reused: "inline" }) as JsonSchema;
}

// Candidates for `pattern` strings; the first few that match the pattern are used.
const PATTERN_SAMPLES = ["demo", "a1", "payments-api", "minor", "abc1234", "a".repeat(40), "0123456789abcdef0123456789abcdef01234567", "v1.2.3", "123", "default", "prod-1", "x"];

/**
 * Values that usually satisfy the schema (right types, enums, formats and bounds), to be broken
 * in one place afterwards. Exactness does not matter: the sweep keeps only inputs zod rejects.
 */
export function plausibleValue(schema: JsonSchema, root: JsonSchema = schema, depth = 0, freeStrings?: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const recurse = (s: JsonSchema) => plausibleValue(s, root, depth + 1, freeStrings);
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/\$defs\//, "");
    const target = root.$defs?.[name];
    return target && depth < 4 ? recurse(target) : fc.constant({});
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(recurse));
  if (schema.allOf?.length) return recurse(schema.allOf[0]!);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return plausibleString(schema, freeStrings);
    case "integer":
      return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1) });
    case "number":
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(schema.items && depth < 4 ? recurse(schema.items) : fc.constant("x"), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case "object": {
      const properties = schema.properties ?? {};
      const record = fc.record(
        Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, depth < 4 ? recurse(s) : fc.constant({})])),
        // Carrying hostile text, every field is filled: each one gets its chance at the trouble.
        freeStrings ? {} : { requiredKeys: schema.required ?? [] },
      );
      if (typeof schema.additionalProperties !== "object") return record;
      const extra = fc.dictionary(fc.constantFrom("team", "app", "env", "tier"), recurse(schema.additionalProperties), { maxKeys: 2 });
      return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
    }
    default:
      // zod types JSON Schema cannot express (coerced dates, custom checks) are dates in this API.
      return fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
  }
}

/** `freeStrings`: what to put in fields that take any text (no format, pattern or enum), e.g. hostile strings. */
function plausibleString(schema: JsonSchema, freeStrings?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return fc.uuid({ version: [1, 2, 3, 4, 5, 6, 7, 8] });
    case "email":
      return fc.constantFrom("person@example.com", "release.manager@fixture.test");
    case "uri":
      return fc.constantFrom("https://example.com/hook", "http://127.0.0.1:9/x");
    case "date-time":
      return fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
    case "date":
      return fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const matching = PATTERN_SAMPLES.filter((s) => pattern.test(s) && s.length >= min && s.length <= max);
    if (matching.length) return fc.constantFrom(...matching);
  }
  const ordinary = fc.string({ minLength: min, maxLength: Math.max(min, Math.min(max, 20)) });
  if (!freeStrings || schema.pattern) return ordinary;
  const fitting = freeStrings.map((s) => s.slice(0, max)).filter((s) => s.length >= min);
  return fc.oneof({ weight: 5, arbitrary: fitting }, { weight: 1, arbitrary: ordinary });
}

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 5 || value === null || typeof value !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key], depth + 1)]);
}

function withChange(value: unknown, path: Path, change: "delete" | { set: unknown }): unknown {
  if (path.length === 0) return change === "delete" ? undefined : change.set;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && change === "delete") copy.splice(head as number, 1);
    else copy[head as number] = withChange(copy[head as number], rest, change);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && change === "delete") delete copy[head as string];
  else copy[head as string] = withChange(copy[head as string], rest, change);
  return copy;
}

/** One field (at any depth) removed or replaced by a wrong value, or a stray field added. */
export function brokenInOnePlace(value: unknown, strings: fc.Arbitrary<string> = hostileString): fc.Arbitrary<unknown> {
  const wrong = wrongValue(strings);
  const paths = pathsOf(value);
  const extraKey = fc.constantFrom("unexpected", "$where", "isAdmin", "role", "__class__");
  const options: fc.Arbitrary<unknown>[] = [fc.tuple(extraKey, wrong).map(([key, v]) => (value && typeof value === "object" && !Array.isArray(value) ? { ...value, [key]: v } : v))];
  if (paths.length) {
    const path = fc.constantFrom(...paths);
    options.push(path.map((p) => withChange(value, p, "delete")));
    options.push(fc.tuple(path, wrong).map(([p, v]) => withChange(value, p, { set: v })));
    options.push(fc.tuple(path, wrong).map(([p, v]) => withChange(value, p, { set: v })));
  }
  return fc.oneof(...options);
}

/** Rewrites of JSON text that JSON.stringify never produces: duplicate keys and prototype keys. */
export function textTwist(json: string, value: unknown, strings: fc.Arbitrary<string> = hostileString): fc.Arbitrary<string> {
  const isObject = value !== null && typeof value === "object" && !Array.isArray(value) && json.startsWith("{");
  if (!isObject) return fc.constant(json);
  const keys = Object.keys(value as object);
  const inner = json.slice(1, -1);
  const sep = inner ? "," : "";
  const duplicate = keys.length
    ? fc.tuple(fc.constantFrom(...keys), wrongValue(strings), fc.boolean()).map(([key, wrong, first]) => {
        const extra = `${JSON.stringify(key)}:${JSON.stringify(wrong) ?? "null"}`;
        return first ? `{${extra}${sep}${inner}}` : `{${inner}${sep}${extra}}`;
      })
    : fc.constant(json);
  const prototypeKey = fc
    .constantFrom('"__proto__":{"isAdmin":true,"role":"admin"}', '"constructor":{"prototype":{"isAdmin":true}}', '"__proto__":null', '"prototype":[]')
    .map((extra) => `{${extra}${sep}${inner}}`);
  return fc.oneof({ weight: 3, arbitrary: fc.constant(json) }, { weight: 1, arbitrary: duplicate }, { weight: 1, arbitrary: prototypeKey });
}

/** Text that is not JSON, or is JSON of a type no route accepts at its root. */
export const notJsonText = fc.constantFrom(
  "{",
  '{"a":',
  "not json",
  "{'single':'quotes'}",
  '{"trailing":1,}',
  "NaN",
  "undefined",
  "\uFEFF{}",
  "<?xml version=\"1.0\"?><a/>",
  "a=1&b=2",
  "\u0000",
  '{"a":"\\x41"}',
  '{"a":"unterminated',
  "[1,2",
  "}{",
  '{"a":1}{"b":2}',
);

export const wrongRootJson = fc.constantFrom("null", "1", "-0", "1e999", '"a string"', "[]", "[{}]", "true", "false", '"\\u0000"');
