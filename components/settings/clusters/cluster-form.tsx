"use client";

import { AlertTriangle } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { apiRequest } from "@/components/settings/api-client";
import { FormError } from "@/components/settings/form-error";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form-controls";
import { CheckboxField, Field, Textarea } from "../environments/form-parts";
import { fieldErrors, formLevelError } from "../environments/field-errors";
import {
  AUTH_KIND_LABELS,
  AUTH_KINDS,
  buildCreateRequest,
  buildUpdateRequest,
  clusterFieldOf,
  EMPTY_CLUSTER_FORM,
  formFromCluster,
  type AuthKind,
  type ClusterField,
  type ClusterFormState,
  type StoredCluster,
} from "./cluster-request";

type Saved = { cluster: { id: string; name: string } };

/**
 * Add or edit a cluster. Credentials are write-only: when editing, the credential fields start
 * empty and stay unchanged unless something is entered.
 */
export function ClusterForm({
  cluster,
  onDone,
  onCancel,
}: {
  cluster?: StoredCluster & { id: string };
  onDone: (saved: Saved["cluster"]) => void;
  onCancel?: () => void;
}) {
  const editing = Boolean(cluster);
  const uid = useId();
  const id = (field: string) => `${uid}-${field}`;
  const [form, setForm] = useState<ClusterFormState>(cluster ? formFromCluster(cluster) : EMPTY_CLUSTER_FORM);
  const [local, setLocal] = useState<{ field: ClusterField | null; message: string } | null>(null);
  const mutation = useApiMutation(
    (body: Record<string, unknown>) =>
      cluster ? apiRequest<Saved>("PATCH", `/api/v1/clusters/${cluster.id}`, body) : apiRequest<Saved>("POST", "/api/v1/clusters", body),
    { onSuccess: ({ cluster: saved }) => onDone(saved) },
  );

  const set = <K extends ClusterField>(field: K, value: ClusterFormState[K]) => setForm((f) => ({ ...f, [field]: value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const request = cluster ? buildUpdateRequest(form, cluster) : buildCreateRequest(form);
    if (!request.ok) {
      setLocal({ field: request.field, message: request.message });
      return;
    }
    setLocal(null);
    mutation.mutate(request.body);
  }

  const server = fieldErrors(mutation.error, { known: (path) => clusterFieldOf(path) !== null });
  const errorOf = (field: ClusterField) =>
    local?.field === field ? local.message : Object.entries(server.byPath).find(([path]) => clusterFieldOf(path) === field)?.[1];
  const bottomError = local ? (local.field === null ? { message: local.message } : null) : formLevelError(mutation.error, server);
  const credentialHint = editing ? "Leave empty to keep the stored credentials." : undefined;
  const sameKind = cluster?.authKind === form.authKind;

  return (
    <form onSubmit={submit} aria-label={editing ? `Edit cluster ${cluster!.name}` : "Add a cluster"} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("name")} label="Name" error={errorOf("name")} hint="Letters, digits, dots, dashes, underscores.">
          {(control) => <Input {...control} required autoComplete="off" placeholder="prod-eu-west" value={form.name} onChange={(e) => set("name", e.target.value)} />}
        </Field>
        <Field id={id("apiServerUrl")} label="API server URL" error={errorOf("apiServerUrl")}>
          {(control) => (
            <Input
              {...control}
              type="url"
              required
              autoComplete="off"
              placeholder="https://k8s.example.com:6443"
              value={form.apiServerUrl}
              onChange={(e) => set("apiServerUrl", e.target.value)}
            />
          )}
        </Field>
      </div>

      <Field
        id={id("caBundle")}
        label="CA bundle (PEM)"
        error={errorOf("caBundle")}
        hint={
          cluster?.hasCaBundle
            ? "A CA bundle is stored. Paste a new one to replace it, or leave empty to keep it."
            : "The certificate authority that signed the API server's certificate. Leave empty if it is publicly trusted."
        }
      >
        {(control) => (
          <Textarea
            {...control}
            rows={3}
            spellCheck={false}
            className="font-mono text-xs"
            placeholder="-----BEGIN CERTIFICATE-----"
            value={form.caBundle}
            onChange={(e) => set("caBundle", e.target.value)}
          />
        )}
      </Field>
      {cluster?.hasCaBundle && (
        <CheckboxField id={id("removeCa")} label="Remove the stored CA bundle" checked={form.removeCaBundle} onChange={(v) => set("removeCaBundle", v)} />
      )}

      <div className="flex flex-col gap-2">
        <CheckboxField
          id={id("insecure")}
          label="Skip TLS verification"
          hint="Only for throwaway or local clusters. Also required for a plain http:// URL."
          checked={form.insecureSkipTlsVerify}
          onChange={(v) => set("insecureSkipTlsVerify", v)}
        />
        {form.insecureSkipTlsVerify && (
          <p className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/25 ring-inset dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-400/25">
            <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              Gantry will not check who it is talking to. Anyone who can intercept the connection can impersonate the cluster and capture the credentials. Do not
              use this for production clusters.
            </span>
          </p>
        )}
      </div>

      <fieldset className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
        <legend className="px-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Credentials</legend>
        <Field
          id={id("authKind")}
          label="Authentication"
          error={errorOf("authKind")}
          className="sm:max-w-xs"
          hint={editing && !sameKind ? "Changing the kind replaces the stored credentials." : undefined}
        >
          {(control) => (
            <Select {...control} value={form.authKind} onChange={(e) => set("authKind", e.target.value as AuthKind)}>
              {AUTH_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {AUTH_KIND_LABELS[kind]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {form.authKind === "BearerToken" && (
          <Field id={id("token")} label="Bearer token" error={errorOf("token")} hint={sameKind ? credentialHint : "A service account token, for example."}>
            {(control) => (
              <Input {...control} type="password" autoComplete="new-password" spellCheck={false} value={form.token} onChange={(e) => set("token", e.target.value)} />
            )}
          </Field>
        )}
        {form.authKind === "ClientCertificate" && (
          <div className="grid gap-3 lg:grid-cols-2">
            <Field id={id("clientCertificate")} label="Client certificate (PEM)" error={errorOf("clientCertificate")} hint={sameKind ? credentialHint : undefined}>
              {(control) => (
                <Textarea
                  {...control}
                  rows={4}
                  spellCheck={false}
                  className="font-mono text-xs"
                  placeholder="-----BEGIN CERTIFICATE-----"
                  value={form.clientCertificate}
                  onChange={(e) => set("clientCertificate", e.target.value)}
                />
              )}
            </Field>
            <Field id={id("clientKey")} label="Client key (PEM)" error={errorOf("clientKey")}>
              {(control) => (
                <Textarea
                  {...control}
                  rows={4}
                  spellCheck={false}
                  autoComplete="off"
                  className="font-mono text-xs"
                  placeholder="-----BEGIN PRIVATE KEY-----"
                  value={form.clientKey}
                  onChange={(e) => set("clientKey", e.target.value)}
                />
              )}
            </Field>
          </div>
        )}
        {form.authKind === "Kubeconfig" && (
          <>
            <Field
              id={id("kubeconfig")}
              label="Kubeconfig"
              error={errorOf("kubeconfig")}
              hint={
                <>
                  {sameKind && credentialHint ? `${credentialHint} ` : ""}Credentials must be embedded (token, client-certificate-data); exec plugins and file paths are
                  refused. Gantry connects to the server named in the kubeconfig.
                </>
              }
            >
              {(control) => (
                <Textarea
                  {...control}
                  rows={8}
                  spellCheck={false}
                  className="font-mono text-xs"
                  placeholder={"apiVersion: v1\nkind: Config\nclusters: …"}
                  value={form.kubeconfig}
                  onChange={(e) => set("kubeconfig", e.target.value)}
                />
              )}
            </Field>
            <Field id={id("context")} label="Context (optional)" error={errorOf("context")} hint="Default: the kubeconfig's current-context." className="sm:max-w-xs">
              {(control) => <Input {...control} autoComplete="off" value={form.context} onChange={(e) => set("context", e.target.value)} />}
            </Field>
          </>
        )}
        {form.authKind === "InCluster" && (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Gantry uses the service account of the pod it runs in. Nothing is stored; this only works when Gantry itself runs in this cluster.
          </p>
        )}
      </fieldset>

      <FormError error={bottomError} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : editing ? "Save changes" : "Add cluster"}
        </Button>
        {onCancel && (
          <Button variant="ghost" disabled={mutation.isPending} onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
