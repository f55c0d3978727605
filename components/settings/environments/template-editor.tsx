"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { ConfirmButton } from "@/components/settings/confirm-button";
import { FormError } from "@/components/settings/form-error";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/form-controls";
import { TEMPLATE_PLACEHOLDERS, type AnalysisTemplate, type TemplateVariables } from "@/lib/metrics/template";
import {
  blankMetric,
  DIRECTIONS,
  METRIC_NO_DATA,
  previewQuery,
  sameTemplate,
  templateFormOf,
  templateFromForm,
  UNITS,
  type MetricForm,
  type NoDataPolicy,
  type TemplateForm,
} from "./environment-form-model";
import { CheckboxField, Field, FieldError, FormSection, SavedNote, Textarea } from "./form-parts";
import { useEnvironmentSave } from "./use-environment-save";

/**
 * The analysis template of one environment: per metric the PromQL query (with placeholders),
 * direction, tolerance, critical flag, minimum samples and no-data behaviour. Validated by the
 * server with the schema the judge uses; messages appear next to the field they concern.
 */
export function TemplateEditor({
  environmentId,
  template,
  isDefault,
  defaultTemplate,
  variables,
  environmentNoData,
}: {
  environmentId: string;
  /** What verification uses now: the stored template, or the default. */
  template: AnalysisTemplate;
  isDefault: boolean;
  defaultTemplate: AnalysisTemplate;
  variables: TemplateVariables;
  environmentNoData: NoDataPolicy;
}) {
  const uid = useId();
  const [form, setForm] = useState<TemplateForm>(() => templateFormOf(template));
  const save = useEnvironmentSave(environmentId, {
    prefix: "verificationTemplate",
    onSaved: (environment) => {
      if (environment.verificationTemplate === null) setForm(templateFormOf(defaultTemplate));
    },
  });
  const edit = (change: (f: TemplateForm) => TemplateForm) => {
    save.touched();
    setForm(change);
  };
  const setMetric = <K extends keyof MetricForm>(index: number, field: K, value: MetricForm[K]) =>
    edit((f) => ({ ...f, metrics: f.metrics.map((m, i) => (i === index ? { ...m, [field]: value } : m)) }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const built = templateFromForm(form);
    save.save(built.ok ? { ok: true, body: { verificationTemplate: built.template } } : built);
  }

  const copyOfDefault = !isDefault && sameTemplate(template, defaultTemplate);
  const placeholders = TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ");
  const err = save.errors;

  return (
    <FormSection
      id={`${uid}-title`}
      title="Analysis template"
      description={
        <>
          The metrics compared before and after each release. Queries may use {placeholders}; the preview shows what this environment sends.
        </>
      }
      actions={
        <>
          <Badge tone={isDefault ? "neutral" : "info"} title={copyOfDefault ? "A stored copy: it will not follow changes to the built-in default" : undefined}>
            {isDefault ? "Default template" : copyOfDefault ? "Copy of the default" : "Custom template"}
          </Badge>
          {!isDefault && (
            <ConfirmButton
              label="Reset to default"
              accessibleLabel="Reset to default template"
              question="Replace this template with the default?"
              confirmLabel="Reset"
              pending={save.pending}
              onConfirm={() => save.save({ ok: true, body: { verificationTemplate: null } })}
            />
          )}
        </>
      }
    >
      <form onSubmit={submit} aria-labelledby={`${uid}-title`} className="flex flex-col gap-4" noValidate>
        <div className="grid gap-3 sm:grid-cols-3">
          <Field id={`${uid}-step`} label="Resolution (seconds)" error={err.stepSeconds} hint="Spacing of the samples in each window.">
            {(control) => (
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                max={3600}
                value={form.stepSeconds}
                onChange={(e) => edit((f) => ({ ...f, stepSeconds: e.target.value }))}
              />
            )}
          </Field>
          <Field id={`${uid}-pass`} label="Pass at score ≥" error={err["thresholds.pass"] ?? err.thresholds} hint="Share of scored metrics that passed, 0–100.">
            {(control) => (
              <Input {...control} inputMode="decimal" value={form.passScore} onChange={(e) => edit((f) => ({ ...f, passScore: e.target.value }))} />
            )}
          </Field>
          <Field id={`${uid}-marginal`} label="Marginal at score ≥" error={err["thresholds.marginal"]} hint="Below it the release fails.">
            {(control) => (
              <Input {...control} inputMode="decimal" value={form.marginalScore} onChange={(e) => edit((f) => ({ ...f, marginalScore: e.target.value }))} />
            )}
          </Field>
        </div>

        <ol aria-label="Metrics" className="flex flex-col gap-3">
          {form.metrics.map((metric, index) => (
            <MetricEditor
              key={metric.key}
              uid={`${uid}-m${index}`}
              index={index}
              metric={metric}
              errors={err}
              variables={variables}
              environmentNoData={environmentNoData}
              canRemove={form.metrics.length > 1}
              onChange={(field, value) => setMetric(index, field, value)}
              onRemove={() => edit((f) => ({ ...f, metrics: f.metrics.filter((_, i) => i !== index) }))}
            />
          ))}
        </ol>
        <FieldError id={`${uid}-metrics-error`} message={err.metrics} />
        <div>
          <Button disabled={form.metrics.length >= 50} onClick={() => edit((f) => ({ ...f, metrics: [...f.metrics, blankMetric()] }))}>
            <Plus aria-hidden />
            Add metric
          </Button>
        </div>

        <FormError error={save.formError} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.pending}>
            {save.pending ? "Saving…" : "Save template"}
          </Button>
          <SavedNote show={save.saved} />
        </div>
      </form>
    </FormSection>
  );
}

function MetricEditor({
  uid,
  index,
  metric,
  errors,
  variables,
  environmentNoData,
  canRemove,
  onChange,
  onRemove,
}: {
  uid: string;
  index: number;
  metric: MetricForm;
  errors: Record<string, string>;
  variables: TemplateVariables;
  environmentNoData: NoDataPolicy;
  canRemove: boolean;
  onChange: <K extends keyof MetricForm>(field: K, value: MetricForm[K]) => void;
  onRemove: () => void;
}) {
  const at = (field: string) => errors[`metrics.${index}.${field}`];
  const preview = previewQuery(metric.query, variables);
  const title = metric.name.trim() || `Metric ${index + 1}`;
  return (
    <li aria-label={title} className="rounded-md border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-950/40">
      <div className="mb-3 flex items-center justify-between gap-2">
        <span className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Metric {index + 1}</span>
        <Button size="sm" variant="ghost" aria-label={`Remove metric ${title}`} disabled={!canRemove} title={canRemove ? undefined : "A template needs at least one metric"} onClick={onRemove}>
          <Trash2 aria-hidden />
          Remove
        </Button>
      </div>
      <div className="flex flex-col gap-3">
        <Field id={`${uid}-name`} label="Name" error={at("name")} className="sm:max-w-sm">
          {(control) => <Input {...control} autoComplete="off" value={metric.name} onChange={(e) => onChange("name", e.target.value)} />}
        </Field>
        <Field id={`${uid}-query`} label="PromQL query" error={at("query")}>
          {(control) => (
            <Textarea {...control} rows={3} spellCheck={false} className="font-mono text-xs leading-5" value={metric.query} onChange={(e) => onChange("query", e.target.value)} />
          )}
        </Field>
        <div>
          <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Preview for this environment</p>
          {preview.ok ? (
            <pre
              aria-label={`Rendered query for ${title}`}
              className="mt-1 max-h-40 overflow-auto rounded-md bg-white px-3 py-2 font-mono text-xs leading-5 break-all whitespace-pre-wrap text-zinc-700 ring-1 ring-zinc-200 ring-inset dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800"
            >
              {preview.query || "—"}
            </pre>
          ) : (
            <p className="mt-1 text-xs text-red-700 dark:text-red-400">{preview.message}</p>
          )}
        </div>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          <Field id={`${uid}-direction`} label="Direction" error={at("direction")}>
            {(control) => (
              <Select {...control} value={metric.direction} onChange={(e) => onChange("direction", e.target.value as MetricForm["direction"])}>
                {DIRECTIONS.map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${uid}-tolerance`} label="Tolerance (%)" error={at("tolerance")} hint="Accepted change vs the baseline median.">
            {(control) => <Input {...control} inputMode="decimal" value={metric.tolerancePercent} onChange={(e) => onChange("tolerancePercent", e.target.value)} />}
          </Field>
          <Field id={`${uid}-samples`} label="Min samples" error={at("minSamples")} hint="Per window; at least 4.">
            {(control) => (
              <Input {...control} type="number" inputMode="numeric" min={4} value={metric.minSamples} onChange={(e) => onChange("minSamples", e.target.value)} />
            )}
          </Field>
          <Field id={`${uid}-nodata`} label="No data" error={at("noData")}>
            {(control) => (
              <Select {...control} value={metric.noData} onChange={(e) => onChange("noData", e.target.value as MetricForm["noData"])}>
                {METRIC_NO_DATA.map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.value === "Inherit" ? `${d.label} (${environmentNoData})` : d.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id={`${uid}-unit`} label="Unit" error={at("unit")}>
            {(control) => (
              <Select {...control} value={metric.unit} onChange={(e) => onChange("unit", e.target.value as MetricForm["unit"])}>
                {UNITS.map((u) => (
                  <option key={u.value} value={u.value}>
                    {u.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <CheckboxField
          id={`${uid}-critical`}
          label="Critical"
          hint="When this metric fails, the whole release fails, whatever the others say."
          checked={metric.critical}
          onChange={(v) => onChange("critical", v)}
        />
      </div>
    </li>
  );
}
