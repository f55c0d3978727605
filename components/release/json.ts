/** What a value looks like after a JSON round trip (dates become ISO strings): the API's shape. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends bigint
    ? string
    : T extends readonly (infer U)[]
      ? Jsonify<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonify<T[K]> }
        : T;

/**
 * Server data in exactly the shape the API answers, so a page can hand its first render to a
 * react-query cache that later refetches from the API.
 */
export function toJson<T>(value: T): Jsonify<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonify<T>;
}
