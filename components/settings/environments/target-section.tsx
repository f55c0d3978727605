"use client";

import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/settings/form-error";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form-controls";
import { targetFormOf, targetPatch, type EnvironmentSettingsFields, type TargetForm } from "./environment-form-model";
import { Field, FieldError, FormSection, SavedNote } from "./form-parts";
import { useEnvironmentSave } from "./use-environment-save";

/**
 * The clusters a release goes to: one checkbox each, in a group named by its legend. None checked
 * keeps the environment unbound (promotions there fail until a cluster is chosen).
 */
function ClusterPicker({
  id,
  clusters,
  selected,
  error,
  canManageClusters,
  onChange,
}: {
  id: string;
  clusters: { id: string; name: string }[];
  selected: string[];
  error: string | undefined;
  canManageClusters: boolean;
  onChange: (ids: string[]) => void;
}) {
  const toggle = (clusterId: string, on: boolean) => onChange(on ? [...selected, clusterId] : selected.filter((c) => c !== clusterId));
  const hint =
    clusters.length === 0
      ? canManageClusters
        ? "No clusters yet: add one in Settings → Clusters."
        : "No clusters yet: ask an administrator to add one."
      : selected.length === 0
        ? "Not bound: deploys are refused until a cluster is chosen."
        : selected.length === 1
          ? "Choose more than one to deploy every release to all of them."
          : `Each release rolls out on all ${selected.length} clusters and succeeds only when every one completes.`;
  return (
    <fieldset aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`} aria-invalid={error ? true : undefined} className="flex flex-col gap-1.5">
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Clusters</legend>
      {clusters.length > 0 && (
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {clusters.map((cluster) => (
            <label key={cluster.id} className="flex items-center gap-2 font-mono text-sm text-zinc-800 dark:text-zinc-200">
              <input
                type="checkbox"
                name="clusterIds"
                value={cluster.id}
                className="size-4 shrink-0 rounded border-zinc-300 accent-indigo-600 dark:border-zinc-600"
                checked={selected.includes(cluster.id)}
                onChange={(e) => toggle(cluster.id, e.target.checked)}
              />
              {cluster.name}
            </label>
          ))}
        </div>
      )}
      <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
        {hint}
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}

/** Where the environment deploys: clusters, namespace, workload and the container whose image Gantry sets. */
export function TargetSection({
  environmentId,
  environment,
  clusters,
  canManageClusters,
}: {
  environmentId: string;
  environment: EnvironmentSettingsFields;
  clusters: { id: string; name: string }[];
  canManageClusters: boolean;
}) {
  const uid = useId();
  const [form, setForm] = useState<TargetForm>(() => targetFormOf(environment));
  const save = useEnvironmentSave(environmentId);
  const set = <K extends keyof TargetForm>(field: K, value: TargetForm[K]) => {
    save.touched();
    setForm((f) => ({ ...f, [field]: value }));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.save(targetPatch(form, environment));
  };

  return (
    <FormSection
      id={`${uid}-title`}
      title="Deployment target"
      description="Gantry patches this container's image in this workload, on every chosen cluster, to deploy a release, and watches the rollouts there."
    >
      <form onSubmit={submit} aria-labelledby={`${uid}-title`} className="flex flex-col gap-4" noValidate>
        <ClusterPicker
          id={`${uid}-clusters`}
          clusters={clusters}
          selected={form.clusterIds}
          error={save.errors.clusterIds}
          canManageClusters={canManageClusters}
          onChange={(ids) => set("clusterIds", ids)}
        />
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field id={`${uid}-namespace`} label="Namespace" error={save.errors.namespace}>
            {(control) => <Input {...control} autoComplete="off" spellCheck={false} value={form.namespace} onChange={(e) => set("namespace", e.target.value)} />}
          </Field>
          <Field id={`${uid}-kind`} label="Workload kind" error={save.errors.workloadKind}>
            {(control) => (
              <Select {...control} value={form.workloadKind} onChange={(e) => set("workloadKind", e.target.value as TargetForm["workloadKind"])}>
                <option value="Deployment">Deployment</option>
                <option value="ArgoRollout" disabled>
                  Argo Rollout (coming later)
                </option>
              </Select>
            )}
          </Field>
          <Field id={`${uid}-workload`} label="Deployment name" error={save.errors.workloadName}>
            {(control) => <Input {...control} autoComplete="off" spellCheck={false} value={form.workloadName} onChange={(e) => set("workloadName", e.target.value)} />}
          </Field>
          <Field id={`${uid}-container`} label="Container name" error={save.errors.containerName} hint="The container whose image a release replaces.">
            {(control) => <Input {...control} autoComplete="off" spellCheck={false} value={form.containerName} onChange={(e) => set("containerName", e.target.value)} />}
          </Field>
        </div>
        <FormError error={save.formError} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.pending}>
            {save.pending ? "Saving…" : "Save target"}
          </Button>
          <SavedNote show={save.saved} />
        </div>
      </form>
    </FormSection>
  );
}
