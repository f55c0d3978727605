"use client";

import { useState } from "react";
import { apiRequest } from "@/components/settings/api-client";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import type { EnvironmentSettingsView } from "@/lib/domain/environments/update-environment";
import { fieldErrors, formLevelError } from "./field-errors";
import { FORM_LEVEL, type Patch } from "./environment-form-model";

/**
 * Saving one section of an environment's settings: local problems first (no request), then the
 * API's validation messages by field. `prefix` strips a leading path (the template's
 * `verificationTemplate.`) so messages line up with the section's own field paths.
 */
export function useEnvironmentSave(environmentId: string, options: { prefix?: string; onSaved?: (environment: EnvironmentSettingsView) => void } = {}) {
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const mutation = useApiMutation(
    (body: Record<string, unknown>) => apiRequest<{ environment: EnvironmentSettingsView }>("PATCH", `/api/v1/environments/${environmentId}`, body),
    {
      onSuccess: ({ environment }) => {
        setSaved(true);
        options.onSaved?.(environment);
      },
    },
  );
  const server = fieldErrors(mutation.error, options.prefix ? { prefix: options.prefix } : {});
  const errors: Record<string, string> = Object.keys(local).length > 0 ? local : server.byPath;
  const formError = local[FORM_LEVEL] !== undefined ? { message: local[FORM_LEVEL] } : Object.keys(local).length > 0 ? null : formLevelError(mutation.error, server);

  return {
    errors,
    formError,
    saved,
    pending: mutation.isPending,
    /** Call on every edit: a stale "Saved." or error must not stay on screen. */
    touched() {
      if (saved) setSaved(false);
    },
    save(patch: Patch) {
      if (mutation.isPending) return;
      setSaved(false);
      if (!patch.ok) {
        mutation.reset();
        setLocal(patch.errors);
        return;
      }
      setLocal({});
      mutation.mutate(patch.body);
    },
  };
}
