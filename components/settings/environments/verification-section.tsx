"use client";

import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/settings/form-error";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form-controls";
import { VERIFICATION_MINUTES, verificationFormOf, verificationPatch, type EnvironmentSettingsFields, type NoDataPolicy, type VerificationForm } from "./environment-form-model";
import { CheckboxField, Field, FormSection, SavedNote } from "./form-parts";
import { useEnvironmentSave } from "./use-environment-save";

const NO_DATA: { value: NoDataPolicy; label: string; hint: string }[] = [
  { value: "Inconclusive", label: "Inconclusive (a person decides)", hint: "A metric without data makes the result Inconclusive, which never rolls back by itself." },
  { value: "Pass", label: "Pass (leave it out)", hint: "A metric without data is left out of the score." },
  { value: "Fail", label: "Fail (count it as failing)", hint: "A metric without data counts as failing; a critical one fails the release." },
];

const radioClass = "mt-0.5 size-4 shrink-0 accent-indigo-600";

/** Where verification reads metrics, how long it compares, and what missing data means. */
export function VerificationSection({
  environmentId,
  environment,
  serverDefaultUrl,
}: {
  environmentId: string;
  environment: EnvironmentSettingsFields;
  /** GANTRY_PROMETHEUS_URL, or null when the server has none. */
  serverDefaultUrl: string | null;
}) {
  const uid = useId();
  const [form, setForm] = useState<VerificationForm>(() => verificationFormOf(environment));
  const save = useEnvironmentSave(environmentId, { onSaved: () => setForm((f) => ({ ...f, token: "", removeToken: false })) });
  const set = <K extends keyof VerificationForm>(field: K, value: VerificationForm[K]) => {
    save.touched();
    setForm((f) => ({ ...f, [field]: value }));
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.save(verificationPatch(form, environment));
  };
  const off = form.useServerDefault && !serverDefaultUrl;

  return (
    <FormSection
      id={`${uid}-title`}
      title="Verification"
      description="After a rollout, Gantry compares the service's metrics in a window before the release with the same length after it."
    >
      <form onSubmit={submit} aria-labelledby={`${uid}-title`} className="flex flex-col gap-4" noValidate>
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Metrics source</legend>
          <label className="flex items-start gap-2.5 text-sm">
            <input type="radio" name={`${uid}-source`} className={radioClass} checked={form.useServerDefault} onChange={() => set("useServerDefault", true)} />
            <span className="min-w-0">
              <span className="font-medium text-zinc-800 dark:text-zinc-200">Use the server default</span>
              <span className="block text-xs break-all text-zinc-500 dark:text-zinc-400">
                {serverDefaultUrl ? (
                  <>
                    GANTRY_PROMETHEUS_URL: <span className="font-mono">{serverDefaultUrl}</span>
                  </>
                ) : (
                  "GANTRY_PROMETHEUS_URL is not set on this server."
                )}
              </span>
            </span>
          </label>
          <label className="flex items-start gap-2.5 text-sm">
            <input type="radio" name={`${uid}-source`} className={radioClass} checked={!form.useServerDefault} onChange={() => set("useServerDefault", false)} />
            <span className="font-medium text-zinc-800 dark:text-zinc-200">This environment&apos;s own Prometheus</span>
          </label>
        </fieldset>
        {off && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/25 ring-inset dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-400/25">
            Verification is off for this environment: releases succeed when the rollout completes, without a metric comparison.
          </p>
        )}
        {!form.useServerDefault && (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id={`${uid}-url`} label="Prometheus URL" error={save.errors.prometheusUrl} hint="The base of the HTTP API, e.g. https://prometheus.example.com">
              {(control) => (
                <Input
                  {...control}
                  type="url"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="https://prometheus.example.com"
                  value={form.prometheusUrl}
                  onChange={(e) => set("prometheusUrl", e.target.value)}
                />
              )}
            </Field>
            <div className="flex flex-col gap-2">
              <Field
                id={`${uid}-token`}
                label="Bearer token (optional)"
                error={save.errors.prometheusToken}
                hint={environment.hasPrometheusToken ? "A token is stored. Enter a new one to replace it; it is never shown." : "Sent as Authorization: Bearer. Stored encrypted; never shown again."}
              >
                {(control) => (
                  <Input
                    {...control}
                    type="password"
                    autoComplete="new-password"
                    spellCheck={false}
                    placeholder={environment.hasPrometheusToken ? "•••••••• (stored)" : ""}
                    value={form.token}
                    onChange={(e) => set("token", e.target.value)}
                  />
                )}
              </Field>
              {environment.hasPrometheusToken && (
                <CheckboxField
                  id={`${uid}-remove-token`}
                  label="Remove the stored token"
                  checked={form.removeToken}
                  disabled={form.token.trim() !== ""}
                  onChange={(v) => set("removeToken", v)}
                />
              )}
            </div>
          </div>
        )}
        {form.useServerDefault && environment.hasPrometheusToken && (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">Saving removes this environment&apos;s stored token: the server default uses GANTRY_PROMETHEUS_TOKEN.</p>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id={`${uid}-minutes`}
            label="Window (minutes)"
            error={save.errors.verificationMinutes}
            hint="The length of the baseline window before the release and of the window after it."
          >
            {(control) => (
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={VERIFICATION_MINUTES.min}
                max={VERIFICATION_MINUTES.max}
                value={form.verificationMinutes}
                onChange={(e) => set("verificationMinutes", e.target.value)}
              />
            )}
          </Field>
          <Field
            id={`${uid}-nodata`}
            label="When metrics have no data"
            error={save.errors.noDataPolicy}
            hint={NO_DATA.find((o) => o.value === form.noDataPolicy)?.hint}
          >
            {(control) => (
              <Select {...control} value={form.noDataPolicy} onChange={(e) => set("noDataPolicy", e.target.value as NoDataPolicy)}>
                {NO_DATA.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <FormError error={save.formError} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.pending}>
            {save.pending ? "Saving…" : "Save verification"}
          </Button>
          <SavedNote show={save.saved} />
        </div>
      </form>
    </FormSection>
  );
}
