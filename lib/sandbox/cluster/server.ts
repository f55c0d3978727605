import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { ClusterController, ImageBehaviour } from "./controller";
import { apiGroup, apiGroupList, apiVersions, appsResourceList, authorizationResourceList, coreResourceList, serverVersion } from "./discovery";
import { decodeSelfSubjectAccessReview } from "./protobuf";
import { applyPatch, PatchError, patchContentTypes, type Json } from "./patch";
import { labelSelectorToString, matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector, SelectorError } from "./selectors";
import { StatusError, statusErrors } from "./status";
import type { ObjectStore, StoredEvent } from "./store";
import { toTable, wantsTable } from "./tables";
import { apiVersionOf, resources, type KubeObject, type ResourceName } from "./types";
import { applyDefaults, validate } from "./validation";

/** What one credential may do, in RBAC terms ("*" = any). */
export interface AccessGrant {
  user: string;
  verbs?: string[];
  namespaces?: string[];
  /** Resource names as RBAC spells them: "deployments", "deployments/status", "pods", … */
  resources?: string[];
  /** May use the sandbox's own admin endpoints (/_sandbox/…). */
  admin?: boolean;
}

export interface TokenGrant extends AccessGrant {
  token: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  contentType?: string;
  user?: string;
  status: number;
  /** When the request arrived (epoch ms, sub-millisecond): benchmarks time what reaches the cluster. */
  receivedAt: number;
}

export interface HandlerContext {
  store: ObjectStore;
  controller: ClusterController;
  tokens: () => Map<string, TokenGrant>;
  /** Grant for a verified client certificate's common name. */
  certificateUsers: () => Map<string, AccessGrant>;
  requests: RequestRecord[];
  markImage(digest: string, behaviour: ImageBehaviour): void;
  /** Run the controllers now (after a write), as the real ones react within milliseconds. */
  kick(): void;
  openWatches: Set<ServerResponse>;
}

const MAX_BODY = 5 * 1024 * 1024;
const MAX_REQUEST_LOG = 20_000;

type Route =
  | { type: "collection"; resource: ResourceName; namespace?: string }
  | { type: "object"; resource: ResourceName; namespace?: string; name: string; subresource?: string };

function parseRoute(segments: string[]): Route | undefined {
  let group: "" | "apps";
  let rest: string[];
  if (segments[0] === "api" && segments[1] === "v1") {
    group = "";
    rest = segments.slice(2);
  } else if (segments[0] === "apis" && segments[1] === "apps" && segments[2] === "v1") {
    group = "apps";
    rest = segments.slice(3);
  } else return undefined;
  const known = (name: string | undefined): ResourceName | undefined => {
    const info = name ? resources[name as ResourceName] : undefined;
    return info && info.group === group ? info.name : undefined;
  };
  if (rest.length === 1 || (rest.length === 2 && rest[0] === "namespaces")) {
    const resource = known(rest[0]);
    if (!resource) return undefined;
    if (rest.length === 1) return { type: "collection", resource };
    return { type: "object", resource, name: rest[1]! };
  }
  if (rest[0] === "namespaces" && rest.length >= 3 && rest.length <= 5) {
    if (rest.length === 3 && rest[2] === "status" && group === "") return { type: "object", resource: "namespaces", name: rest[1]!, subresource: "status" };
    const resource = known(rest[2]);
    if (!resource || !resources[resource].namespaced) return undefined;
    if (rest.length === 3) return { type: "collection", resource, namespace: rest[1]! };
    return { type: "object", resource, namespace: rest[1]!, name: rest[3]!, ...(rest[4] ? { subresource: rest[4] } : {}) };
  }
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-cache, private" });
  res.end(text);
}

function sendStatus(res: ServerResponse, error: StatusError) {
  send(res, error.code, error.toStatus());
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StatusError(413, "RequestEntityTooLarge", "request entity too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const PROTOBUF = "application/vnd.kubernetes.protobuf";

async function readBody(req: IncomingMessage): Promise<unknown> {
  if ((req.headers["content-type"] ?? "").startsWith(PROTOBUF)) throw statusErrors.unsupportedMediaType(PROTOBUF);
  const text = (await readRaw(req)).toString("utf8");
  if (!text.trim()) throw statusErrors.badRequest("the request body is empty");
  try {
    return JSON.parse(text);
  } catch {
    throw statusErrors.badRequest("the request body is not valid JSON (the sandbox accepts JSON only)");
  }
}

function allows(grant: AccessGrant, verb: string, resource: string, namespace: string | undefined) {
  const any = (list: string[] | undefined, value: string) => !list || list.includes("*") || list.includes(value);
  if (!any(grant.verbs, verb) || !any(grant.resources, resource)) return false;
  if (namespace === undefined) return !grant.namespaces || grant.namespaces.includes("*");
  return any(grant.namespaces, namespace);
}

export function createRequestHandler(ctx: HandlerContext) {
  function authenticate(req: IncomingMessage): AccessGrant | undefined {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(.+)$/i.exec(header);
      return match ? ctx.tokens().get(match[1]!.trim()) : undefined;
    }
    const socket = req.socket as TLSSocket;
    if (socket.encrypted && socket.authorized) {
      const cn = socket.getPeerCertificate()?.subject?.CN;
      const name = Array.isArray(cn) ? cn[0] : cn;
      return name ? ctx.certificateUsers().get(name) : undefined;
    }
    return undefined;
  }

  function authorize(grant: AccessGrant, verb: string, route: Route) {
    const info = resources[route.resource];
    const resource = route.type === "object" && route.subresource ? `${route.resource}/${route.subresource}` : route.resource;
    // Requests on a namespace object are authorized in that namespace, as the API server does.
    const namespace = route.resource === "namespaces" && route.type === "object" ? route.name : route.namespace;
    if (!allows(grant, verb, resource, namespace)) {
      throw statusErrors.forbidden(grant.user, verb, { name: resource, group: info.group }, namespace, route.type === "object" ? route.name : undefined);
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const method = (req.method ?? "GET").toUpperCase();
    const record: RequestRecord = {
      method,
      path: url.pathname,
      query: url.search,
      status: 0,
      receivedAt: performance.timeOrigin + performance.now(),
      ...(req.headers["content-type"] ? { contentType: req.headers["content-type"] } : {}),
    };
    res.on("finish", () => (record.status = res.statusCode));
    ctx.requests.push(record);
    if (ctx.requests.length > MAX_REQUEST_LOG) ctx.requests.splice(0, ctx.requests.length - MAX_REQUEST_LOG);
    try {
      await route(req, res, url, method, record);
    } catch (error) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (error instanceof StatusError) sendStatus(res, error);
      else if (error instanceof PatchError) sendStatus(res, new StatusError(error.status, error.status === 400 ? "BadRequest" : "Invalid", error.message));
      else if (error instanceof SelectorError) sendStatus(res, statusErrors.badRequest(error.message));
      else sendStatus(res, new StatusError(500, "InternalError", `Internal error occurred: ${(error as Error).message}`));
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, method: string, record: RequestRecord) {
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if (["/healthz", "/livez", "/readyz"].includes(path)) {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return;
    }
    if (path === "/version") return send(res, 200, serverVersion);

    const grant = authenticate(req);
    if (!grant) throw statusErrors.unauthorized();
    record.user = grant.user;

    if (path.startsWith("/_sandbox/")) return sandboxAdmin(req, res, path, method, grant);

    if (method === "GET") {
      if (path === "/api") return send(res, 200, apiVersions(req.headers.host ?? "127.0.0.1"));
      if (path === "/api/v1") return send(res, 200, coreResourceList());
      if (path === "/apis") return send(res, 200, apiGroupList());
      if (path === "/apis/apps/v1") return send(res, 200, appsResourceList());
      if (path === "/apis/authorization.k8s.io/v1") return send(res, 200, authorizationResourceList());
      const group = /^\/apis\/([^/]+)$/.exec(path);
      if (group) {
        const doc = apiGroup(group[1]!);
        return doc ? send(res, 200, doc) : sendStatus(res, statusErrors.pathNotFound());
      }
    }
    if (path === "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews") {
      if (method !== "POST") throw statusErrors.methodNotAllowed();
      return selfSubjectAccessReview(req, res, grant);
    }

    const route = parseRoute(path.split("/").filter(Boolean));
    if (!route) throw statusErrors.pathNotFound();
    const query = url.searchParams;
    const watching = query.get("watch") === "1" || query.get("watch") === "true";

    if (route.type === "collection") {
      if (method === "GET") {
        authorize(grant, watching ? "watch" : "list", route);
        return watching ? watch(req, res, route, query) : list(req, res, route, query);
      }
      if (method === "POST") {
        authorize(grant, "create", route);
        return create(req, res, route);
      }
      throw statusErrors.methodNotAllowed();
    }

    if (route.subresource && route.subresource !== "status") throw statusErrors.pathNotFound();
    const verb = { GET: "get", PUT: "update", PATCH: "patch", DELETE: "delete" }[method];
    if (!verb) throw statusErrors.methodNotAllowed();
    authorize(grant, verb, route);
    const info = resources[route.resource];
    const ns = info.namespaced ? route.namespace : undefined;
    if (info.namespaced && ns && !ctx.store.get("namespaces", undefined, ns) && method !== "GET") throw statusErrors.namespaceNotFound(ns);
    if (method === "GET") {
      const object = ctx.store.mustGet(route.resource, ns, route.name);
      if (wantsTable(req.headers.accept)) {
        return send(res, 200, toTable(route.resource, [object], object.metadata.resourceVersion, query.get("includeObject")));
      }
      return send(res, 200, object);
    }
    if (method === "DELETE") return remove(res, route.resource, ns, route.name);
    if (route.subresource === "status") throw statusErrors.methodNotAllowed("the sandbox serves the status subresource read-only");

    const current = ctx.store.mustGet(route.resource, ns, route.name);
    let next: KubeObject;
    let expected: string | undefined;
    if (method === "PUT") {
      next = (await readBody(req)) as KubeObject;
      if (!next || typeof next !== "object" || !next.metadata) throw statusErrors.badRequest("the request body must be a Kubernetes object");
      expected = next.metadata.resourceVersion || undefined;
    } else {
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
      if (![patchContentTypes.json, patchContentTypes.merge, patchContentTypes.strategic].includes(contentType as never)) {
        throw statusErrors.unsupportedMediaType(contentType);
      }
      const patch = await readBody(req);
      next = applyPatch(contentType, current as unknown as Json, patch) as unknown as KubeObject;
      if (next.metadata?.resourceVersion && next.metadata.resourceVersion !== current.metadata.resourceVersion) {
        expected = next.metadata.resourceVersion;
      }
    }
    if (next.metadata?.name !== undefined && next.metadata.name !== route.name) {
      throw statusErrors.badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${route.name})`);
    }
    if (info.namespaced && next.metadata?.namespace !== undefined && next.metadata.namespace !== ns) {
      throw statusErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    next.metadata = { ...next.metadata, name: route.name, ...(ns ? { namespace: ns } : {}) };
    // The main resource ignores status changes; they belong to the status subresource (controllers).
    if (current.status !== undefined) next.status = current.status;
    else delete next.status;
    applyDefaults(route.resource, next);
    if (route.resource === "namespaces") next.status = current.status;
    validate(route.resource, next);
    if (route.resource === "deployments" && JSON.stringify((next.spec as Record<string, unknown>).selector) !== JSON.stringify(current.spec?.selector)) {
      throw statusErrors.invalid(info, route.name, [{ field: "spec.selector", message: "Invalid value: field is immutable" }]);
    }
    const updated = ctx.store.update(route.resource, next, expected);
    ctx.kick();
    return send(res, 200, updated);
  }

  function filterFor(route: Route, query: URLSearchParams) {
    const labels = parseLabelSelector(query.get("labelSelector"));
    const fields = parseFieldSelector(query.get("fieldSelector"));
    return (o: KubeObject) => matchesRequirements(o.metadata.labels, labels) && matchesFields(o, fields) && (!route.namespace || o.metadata.namespace === route.namespace);
  }

  function list(req: IncomingMessage, res: ServerResponse, route: Route, query: URLSearchParams) {
    const info = resources[route.resource];
    const matches = filterFor(route, query);
    const items = ctx.store.list(route.resource, route.namespace).filter(matches);
    const resourceVersion = String(ctx.store.resourceVersion);
    if (wantsTable(req.headers.accept)) return send(res, 200, toTable(route.resource, items, resourceVersion, query.get("includeObject")));
    return send(res, 200, { kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata: { resourceVersion }, items });
  }

  async function create(req: IncomingMessage, res: ServerResponse, route: Route) {
    const info = resources[route.resource];
    const object = (await readBody(req)) as KubeObject;
    if (!object || typeof object !== "object") throw statusErrors.badRequest("the request body must be a Kubernetes object");
    object.metadata = { ...(object.metadata ?? {}) } as KubeObject["metadata"];
    if (info.namespaced) {
      if (object.metadata.namespace && object.metadata.namespace !== route.namespace) {
        throw statusErrors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
      object.metadata.namespace = route.namespace!;
    }
    for (const key of ["uid", "resourceVersion", "creationTimestamp", "generation"]) delete object.metadata[key];
    if (!object.metadata.name && object.metadata.generateName) object.metadata.name = "";
    delete object.status;
    applyDefaults(route.resource, object);
    validate(route.resource, object.metadata.name ? object : { ...object, metadata: { ...object.metadata, name: `${object.metadata.generateName}x` } });
    const created = ctx.store.create(route.resource, object);
    ctx.kick();
    return send(res, 201, created);
  }

  function remove(res: ServerResponse, resource: ResourceName, namespace: string | undefined, name: string) {
    const info = resources[resource];
    const deleted = ctx.store.mustGet(resource, namespace, name);
    if (resource === "namespaces") {
      for (const r of ["deployments", "replicasets", "pods", "events"] as const) {
        for (const o of ctx.store.list(r, name)) ctx.store.delete(r, name, o.metadata.name);
      }
    } else {
      ctx.controller.cascadeDelete(deleted);
    }
    ctx.store.delete(resource, namespace, name);
    ctx.kick();
    return send(res, 200, {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Success",
      details: { name, group: info.group, kind: info.name, uid: deleted.metadata.uid },
    });
  }

  function watch(req: IncomingMessage, res: ServerResponse, route: Route, query: URLSearchParams) {
    const matches = filterFor(route, query);
    const write = (type: string, object: unknown) => res.write(JSON.stringify({ type, object }) + "\n");
    res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked", "Cache-Control": "no-cache, private" });
    res.flushHeaders();
    const watcher = {
      resource: route.resource,
      ...(route.namespace ? { namespace: route.namespace } : {}),
      send: (event: StoredEvent) => {
        if (matches(event.object)) write(event.type, event.object);
      },
    };
    const requested = query.get("resourceVersion");
    let backlog: StoredEvent[];
    try {
      if (!requested || requested === "0") {
        // "Start at most recent", preceded by the current state as ADDED events.
        backlog = ctx.store.list(route.resource, route.namespace).map((object) => ({
          type: "ADDED" as const,
          object,
          resource: route.resource,
          resourceVersion: Number(object.metadata.resourceVersion),
        }));
        ctx.store.watch(watcher, ctx.store.resourceVersion);
      } else {
        const from = Number(requested);
        if (!Number.isInteger(from) || from < 0) throw statusErrors.badRequest(`invalid resourceVersion "${requested}"`);
        backlog = ctx.store.watch(watcher, from);
      }
    } catch (error) {
      if (error instanceof StatusError) {
        write("ERROR", error.toStatus());
        res.end();
        return;
      }
      throw error;
    }
    for (const event of backlog) watcher.send(event);
    ctx.openWatches.add(res);
    const seconds = Number(query.get("timeoutSeconds") ?? 1800);
    const timer = setTimeout(() => res.end(), Math.max(1, Number.isFinite(seconds) ? seconds : 1800) * 1000);
    const close = () => {
      clearTimeout(timer);
      ctx.store.unwatch(watcher);
      ctx.openWatches.delete(res);
    };
    res.on("close", close);
    req.on("close", close);
  }

  async function selfSubjectAccessReview(req: IncomingMessage, res: ServerResponse, grant: AccessGrant) {
    const body = ((req.headers["content-type"] ?? "").startsWith(PROTOBUF)
      ? decodeProtobufReview(await readRaw(req))
      : await readBody(req)) as { spec?: { resourceAttributes?: Record<string, string>; nonResourceAttributes?: Record<string, string> } };
    const attributes = body.spec?.resourceAttributes;
    let allowed = true;
    let reason = "";
    if (attributes) {
      const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : (attributes.resource ?? "");
      const namespace = attributes.resource === "namespaces" && attributes.name ? attributes.name : attributes.namespace || undefined;
      allowed = allows(grant, attributes.verb ?? "", resource, namespace);
      reason = allowed ? `sandbox: allowed for user "${grant.user}"` : "";
    } else if (!body.spec?.nonResourceAttributes) {
      throw new StatusError(
        422,
        "Invalid",
        'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
      );
    }
    return send(res, 201, {
      kind: "SelfSubjectAccessReview",
      apiVersion: "authorization.k8s.io/v1",
      metadata: { creationTimestamp: null },
      spec: body.spec,
      status: { allowed, ...(reason ? { reason } : {}) },
    });
  }

  async function sandboxAdmin(req: IncomingMessage, res: ServerResponse, path: string, method: string, grant: AccessGrant) {
    if (!grant.admin) throw statusErrors.forbidden(grant.user, method.toLowerCase(), { name: "_sandbox", group: "" });
    const image = /^\/_sandbox\/images\/(sha256:[a-f0-9]{64})$/.exec(path);
    if (image && (method === "PUT" || method === "POST")) {
      const behaviour = (await readBody(req)) as ImageBehaviour;
      ctx.markImage(image[1]!, behaviour);
      return send(res, 200, { digest: image[1], behaviour });
    }
    throw statusErrors.pathNotFound();
  }
}

function decodeProtobufReview(body: Buffer) {
  try {
    return decodeSelfSubjectAccessReview(body);
  } catch (error) {
    throw statusErrors.badRequest(`unable to decode protobuf SelfSubjectAccessReview: ${(error as Error).message}`);
  }
}

export { labelSelectorToString };
