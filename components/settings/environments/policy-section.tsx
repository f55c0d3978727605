"use client";

import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/settings/form-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/form-controls";
import { POLICY_LIMITS, policyFormOf, policyPatch, type EnvironmentSettingsFields, type PolicyForm } from "./environment-form-model";
import { CheckboxField, Field, FormSection, SavedNote } from "./form-parts";
import { useEnvironmentSave } from "./use-environment-save";

/** What a release must satisfy before it may run here, and what happens when it fails verification. */
export function PolicySection({
  environmentId,
  environment,
  upstreamName,
}: {
  environmentId: string;
  environment: EnvironmentSettingsFields;
  /** The previous stage of the pipeline; null for the first one. */
  upstreamName: string | null;
}) {
  const uid = useId();
  const [form, setForm] = useState<PolicyForm>(() => policyFormOf(environment));
  const save = useEnvironmentSave(environmentId);
  const set = <K extends keyof PolicyForm>(field: K, value: PolicyForm[K]) => {
    save.touched();
    setForm((f) => ({ ...f, [field]: value }));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.save(policyPatch(form, environment));
  };

  return (
    <FormSection id={`${uid}-title`} title="Release policy" description="Checked when a promotion is requested and again before it deploys.">
      <form onSubmit={submit} aria-labelledby={`${uid}-title`} className="flex flex-col gap-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Field
            id={`${uid}-approvals`}
            label="Required approvals"
            error={save.errors.requiredApprovals}
            hint="Approvals from people other than the requester and the commit author. 0: no approval step."
          >
            {(control) => (
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={POLICY_LIMITS.requiredApprovals.min}
                max={POLICY_LIMITS.requiredApprovals.max}
                value={form.requiredApprovals}
                onChange={(e) => set("requiredApprovals", e.target.value)}
              />
            )}
          </Field>
          <Field
            id={`${uid}-soak`}
            label="Minimum soak (minutes)"
            error={save.errors.minSoakMinutes}
            hint={upstreamName ? `How long the artifact must have run in ${upstreamName} first.` : "Applies to the previous stage; this is the first one."}
          >
            {(control) => (
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={POLICY_LIMITS.minSoakMinutes.min}
                max={POLICY_LIMITS.minSoakMinutes.max}
                value={form.minSoakMinutes}
                onChange={(e) => set("minSoakMinutes", e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="flex flex-col gap-3">
          <CheckboxField
            id={`${uid}-upstream`}
            label="Require success upstream"
            hint={upstreamName ? `The artifact must have been deployed successfully in ${upstreamName} first.` : "This is the first stage: there is nothing upstream to require."}
            checked={form.requireUpstreamSuccess}
            onChange={(v) => set("requireUpstreamSuccess", v)}
          />
          <CheckboxField
            id={`${uid}-rollback`}
            label="Roll back automatically when verification fails"
            hint="Redeploys what the release replaced. An inconclusive verification never rolls back."
            checked={form.autoRollback}
            onChange={(v) => set("autoRollback", v)}
          />
          <CheckboxField
            id={`${uid}-production`}
            label="Production environment"
            hint="Marks it PROD on the board and counts its deployments in the DORA metrics."
            checked={form.isProduction}
            onChange={(v) => set("isProduction", v)}
          />
        </div>
        <FormError error={save.formError} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.pending}>
            {save.pending ? "Saving…" : "Save policy"}
          </Button>
          <SavedNote show={save.saved} />
        </div>
      </form>
    </FormSection>
  );
}
