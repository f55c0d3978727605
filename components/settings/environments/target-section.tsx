"use client";

import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/settings/form-error";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form-controls";
import { targetFormOf, targetPatch, type EnvironmentSettingsFields, type TargetForm } from "./environment-form-model";
import { Field, FormSection, SavedNote } from "./form-parts";
import { useEnvironmentSave } from "./use-environment-save";

/** Where the environment deploys: cluster, namespace, workload and the container whose image Gantry sets. */
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
      description="Gantry patches this container's image in this workload to deploy a release, and watches the rollout there."
    >
      <form onSubmit={submit} aria-labelledby={`${uid}-title`} className="flex flex-col gap-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field
            id={`${uid}-cluster`}
            label="Cluster"
            error={save.errors.clusterId}
            hint={clusters.length === 0 ? (canManageClusters ? "No clusters yet: add one in Settings → Clusters." : "No clusters yet: ask an administrator to add one.") : undefined}
          >
            {(control) => (
              <Select {...control} value={form.clusterId} onChange={(e) => set("clusterId", e.target.value)}>
                <option value="">Not bound (deploys are refused)</option>
                {clusters.map((cluster) => (
                  <option key={cluster.id} value={cluster.id}>
                    {cluster.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
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
