"use client";

import { PlugZap } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { apiRequest } from "@/components/settings/api-client";
import { FormError } from "@/components/settings/form-error";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/form-controls";
import type { ConnectionReport } from "@/lib/clusters/test-connection";
import { Field } from "../environments/form-parts";
import { fieldErrors } from "../environments/field-errors";
import { ConnectionReportView } from "./connection-report-view";

/** "Test connection": reach the API server, prove the credentials and, with a namespace, check the Deployment permissions there. */
export function ConnectionTest({ clusterId, clusterName, defaultNamespace }: { clusterId: string; clusterName: string; defaultNamespace?: string }) {
  const uid = useId();
  const [namespace, setNamespace] = useState(defaultNamespace ?? "");
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const mutation = useApiMutation(
    (ns: string) => apiRequest<{ report: ConnectionReport }>("POST", `/api/v1/clusters/${clusterId}/test`, ns ? { namespace: ns } : {}),
    { onSuccess: ({ report: r }) => setReport(r) },
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setReport(null);
    mutation.mutate(namespace.trim());
  }

  const errors = fieldErrors(mutation.error);
  return (
    <div className="flex flex-col gap-3">
      <form onSubmit={submit} aria-label={`Test connection to ${clusterName}`} className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Field
          id={`${uid}-namespace`}
          label="Namespace to check"
          hint="Where an environment deploys. Empty: only check that the server answers and accepts the credentials."
          error={errors.byPath.namespace}
          className="sm:w-72"
        >
          {(control) => <Input {...control} autoComplete="off" spellCheck={false} placeholder="e.g. payments-prod" value={namespace} onChange={(e) => setNamespace(e.target.value)} />}
        </Field>
        <Button type="submit" disabled={mutation.isPending} className="sm:mt-[1.375rem]">
          <PlugZap aria-hidden />
          {mutation.isPending ? "Testing…" : "Test connection"}
        </Button>
      </form>
      {mutation.isPending && (
        <p role="status" className="text-sm text-zinc-500 dark:text-zinc-400">
          Contacting {clusterName}… this takes up to 8 seconds when the server does not answer.
        </p>
      )}
      <FormError error={mutation.error && !errors.byPath.namespace ? mutation.error : null} />
      {report && <ConnectionReportView report={report} label={`Connection test result for ${clusterName}`} />}
    </div>
  );
}
