/**
 * The three PATCH content types a Kubernetes API server accepts from kubectl and client libraries:
 * RFC 6902 JSON Patch, RFC 7386 JSON Merge Patch and Kubernetes' strategic merge patch (lists
 * of named things merge by key instead of being replaced).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export class PatchError extends Error {
  constructor(
    message: string,
    /** 422 for an operation that cannot apply (test failed, path missing), 400 for a malformed patch. */
    readonly status: 400 | 422 = 422,
  ) {
    super(message);
    this.name = "PatchError";
  }
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const clone = <T>(value: T): T => structuredClone(value);

// ---------------------------------------------------------------------------------------------
// RFC 6902

interface JsonPatchOperation {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  from?: string;
  value?: Json;
}

function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new PatchError(`invalid JSON pointer "${pointer}"`, 400);
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function resolveParent(document: Json, tokens: string[], pointer: string): { parent: Json; key: string } {
  let current: Json = document;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(token)] as Json;
    else if (isObject(current)) current = current[token] as Json;
    else current = undefined as unknown as Json;
    if (current === undefined) throw new PatchError(`path "${pointer}" does not exist`);
  }
  return { parent: current, key: tokens[tokens.length - 1] ?? "" };
}

function arrayIndex(array: Json[], key: string, pointer: string, forAdd: boolean) {
  if (forAdd && key === "-") return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new PatchError(`invalid array index in "${pointer}"`);
  const index = Number(key);
  if (index > array.length || (!forAdd && index === array.length)) throw new PatchError(`array index out of range in "${pointer}"`);
  return index;
}

function getAt(document: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return document;
  const { parent, key } = resolveParent(document, tokens, pointer);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, key, pointer, false)] as Json;
  if (isObject(parent) && key in parent) return parent[key] as Json;
  throw new PatchError(`path "${pointer}" does not exist`);
}

function addAt(document: Json, pointer: string, value: Json): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const { parent, key } = resolveParent(document, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, pointer, true), 0, value);
  else if (isObject(parent)) parent[key] = value;
  else throw new PatchError(`path "${pointer}" does not exist`);
  return document;
}

function removeAt(document: Json, pointer: string): Json {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new PatchError("cannot remove the whole document");
  const { parent, key } = resolveParent(document, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, pointer, false), 1);
  else if (isObject(parent) && key in parent) delete parent[key];
  else throw new PatchError(`path "${pointer}" does not exist`);
  return document;
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k] as Json)]));
  return value;
}

export function applyJsonPatch(document: Json, patch: unknown): Json {
  if (!Array.isArray(patch)) throw new PatchError("a JSON patch must be an array of operations", 400);
  let result = clone(document);
  for (const raw of patch as JsonPatchOperation[]) {
    if (!isObject(raw as unknown) || typeof raw.path !== "string") throw new PatchError("malformed JSON patch operation", 400);
    switch (raw.op) {
      case "add":
        result = addAt(result, raw.path, clone(raw.value as Json));
        break;
      case "remove":
        result = removeAt(result, raw.path);
        break;
      case "replace":
        getAt(result, raw.path);
        result = addAt(removeAt(result, raw.path), raw.path, clone(raw.value as Json));
        break;
      case "move": {
        const value = getAt(result, raw.from ?? "");
        result = addAt(removeAt(result, raw.from ?? ""), raw.path, value);
        break;
      }
      case "copy":
        result = addAt(result, raw.path, clone(getAt(result, raw.from ?? "")));
        break;
      case "test":
        if (!deepEqual(getAt(result, raw.path), raw.value as Json)) throw new PatchError(`test operation failed at "${raw.path}"`);
        break;
      default:
        throw new PatchError(`unknown JSON patch operation "${String((raw as { op: unknown }).op)}"`, 400);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// RFC 7386

export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? clone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key] ?? null, value);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Strategic merge patch

/**
 * patchMergeKey of the list fields on the objects the sandbox serves (from the Kubernetes API
 * types' `patchStrategy:"merge"` tags). Keyed by the field name: the same names carry the same
 * strategy wherever they appear in Deployments, ReplicaSets, Pods and Namespaces.
 */
const mergeKeys: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  env: "name",
  ports: "containerPort",
  volumeMounts: "mountPath",
  volumeDevices: "devicePath",
  volumes: "name",
  imagePullSecrets: "name",
  hostAliases: "ip",
  conditions: "type",
  ownerReferences: "uid",
  finalizers: "",
  topologySpreadConstraints: "topologyKey",
  resourceClaims: "name",
};

export function applyStrategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) throw new PatchError("a strategic merge patch must be a JSON object", 400);
  return mergeObject(isObject(target) ? clone(target) : {}, patch);
}

function mergeObject(target: JsonObject, patch: JsonObject): JsonObject {
  const directive = patch.$patch;
  if (directive === "replace") {
    const { $patch: _ignored, ...rest } = patch;
    return stripDirectives(rest) as JsonObject;
  }
  if (directive === "delete") return {};

  const retainKeys = Array.isArray(patch.$retainKeys) ? (patch.$retainKeys as string[]) : undefined;
  const result = target;
  const orders: Record<string, Json[]> = {};

  for (const [key, value] of Object.entries(patch)) {
    if (key === "$patch" || key === "$retainKeys") continue;
    if (key.startsWith("$setElementOrder/")) {
      orders[key.slice("$setElementOrder/".length)] = value as Json[];
      continue;
    }
    if (key.startsWith("$deleteFromPrimitiveList/")) {
      const field = key.slice("$deleteFromPrimitiveList/".length);
      const remove = new Set((value as Json[]).map((v) => JSON.stringify(v)));
      const current = result[field];
      if (Array.isArray(current)) result[field] = current.filter((item) => !remove.has(JSON.stringify(item)));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    if (isObject(value)) {
      result[key] = mergeObject(isObject(current) ? current : {}, value);
    } else if (Array.isArray(value) && key in mergeKeys) {
      result[key] = mergeList(Array.isArray(current) ? current : [], value, mergeKeys[key] ?? "", key);
    } else {
      result[key] = stripDirectives(clone(value));
    }
  }

  for (const [field, order] of Object.entries(orders)) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = reorder(list, order, mergeKeys[field] ?? "");
  }
  if (retainKeys) {
    for (const key of Object.keys(result)) if (!retainKeys.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(current: Json[], patch: Json[], mergeKey: string, field: string): Json[] {
  if (mergeKey === "") {
    // Primitive list with merge strategy (finalizers): union, order kept.
    const seen = new Set(current.map((v) => JSON.stringify(v)));
    return [...current, ...patch.filter((v) => !seen.has(JSON.stringify(v)))];
  }
  const replace = patch.find((item) => isObject(item) && item.$patch === "replace");
  if (replace) return patch.filter((item) => item !== replace).map((item) => stripDirectives(clone(item)));
  const result = current.map(clone);
  for (const item of patch) {
    if (!isObject(item)) throw new PatchError(`${field}: list items must be objects`, 400);
    const keyValue = item[mergeKey];
    if (keyValue === undefined) throw new PatchError(`${field}: every item needs the merge key "${mergeKey}"`);
    const index = result.findIndex((existing) => isObject(existing) && existing[mergeKey] === keyValue);
    if (item.$patch === "delete") {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = mergeObject(result[index] as JsonObject, item);
    else result.push(stripDirectives(clone(item)));
  }
  return result;
}

function reorder(list: Json[], order: Json[], mergeKey: string): Json[] {
  const keyOf = (item: Json) => JSON.stringify(mergeKey && isObject(item) ? item[mergeKey] : item);
  const rank = new Map(order.map((item, i) => [keyOf(item), i]));
  return [...list].sort((a, b) => (rank.get(keyOf(a)) ?? Number.MAX_SAFE_INTEGER) - (rank.get(keyOf(b)) ?? Number.MAX_SAFE_INTEGER));
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith("$")) continue;
    out[key] = stripDirectives(v);
  }
  return out;
}

export const patchContentTypes = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
} as const;

export function applyPatch(contentType: string, target: Json, body: unknown): Json {
  const type = contentType.split(";")[0]?.trim().toLowerCase();
  switch (type) {
    case patchContentTypes.json:
      return applyJsonPatch(target, body);
    case patchContentTypes.merge:
      return applyMergePatch(target, body as Json);
    case patchContentTypes.strategic:
      return applyStrategicMergePatch(target, body as Json);
    default:
      throw new PatchError(`unsupported patch content type "${contentType}"`, 400);
  }
}
