import { qualifiedResource, type ResourceInfo } from "./types";

/** An error the API server answers with a `Status` object, exactly as Kubernetes shapes it. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message: string; field?: string }[] },
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

const detailsFor = (info: ResourceInfo, name?: string) => ({ ...(name ? { name } : {}), group: info.group, kind: info.name });

export const statusErrors = {
  unauthorized: () => new StatusError(401, "Unauthorized", "Unauthorized"),
  forbidden: (user: string, verb: string, info: ResourceInfo | { name: string; group: string }, namespace?: string, name?: string) => {
    const qualified = "kind" in info ? qualifiedResource(info) : info.group ? `${info.name}.${info.group}` : info.name;
    const subject = name ? `${qualified} "${name}" is forbidden` : `${qualified} is forbidden`;
    const scope = namespace ? ` in the namespace "${namespace}"` : " at the cluster scope";
    return new StatusError(
      403,
      "Forbidden",
      `${subject}: User "${user}" cannot ${verb} resource "${info.name}" in API group "${info.group}"${scope}`,
      { ...(name ? { name } : {}), group: info.group, kind: info.name },
    );
  },
  notFound: (info: ResourceInfo, name: string) =>
    new StatusError(404, "NotFound", `${qualifiedResource(info)} "${name}" not found`, detailsFor(info, name)),
  namespaceNotFound: (namespace: string) =>
    new StatusError(404, "NotFound", `namespaces "${namespace}" not found`, { name: namespace, group: "", kind: "namespaces" }),
  alreadyExists: (info: ResourceInfo, name: string) =>
    new StatusError(409, "AlreadyExists", `${qualifiedResource(info)} "${name}" already exists`, detailsFor(info, name)),
  conflict: (info: ResourceInfo, name: string) =>
    new StatusError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      detailsFor(info, name),
    ),
  invalid: (info: ResourceInfo, name: string, causes: { field: string; message: string }[]) =>
    new StatusError(
      422,
      "Invalid",
      `${info.kind}${info.group ? `.${info.group}` : ""} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(", ")}`,
      { ...detailsFor(info, name), causes: causes.map((c) => ({ reason: "FieldValueInvalid", message: c.message, field: c.field })) },
    ),
  badRequest: (message: string) => new StatusError(400, "BadRequest", message),
  methodNotAllowed: (message = "the server does not allow this method on the requested resource") =>
    new StatusError(405, "MethodNotAllowed", message),
  unsupportedMediaType: (contentType: string) =>
    new StatusError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got "${contentType}")`,
    ),
  gone: (resourceVersion: string, oldest: number) =>
    new StatusError(410, "Expired", `too old resource version: ${resourceVersion} (${oldest})`),
  pathNotFound: () => new StatusError(404, "NotFound", "the server could not find the requested resource"),
};
