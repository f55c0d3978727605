"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { FormError } from "@/components/settings/form-error";
import { Button } from "@/components/ui/button";
import { CheckboxField, FieldError, FormSection, SavedNote, Textarea } from "./form-parts";
import { MAX_SIGNING_KEYS, newSigningKey, supplyChainFormOf, supplyChainPatch, type SupplyChainFields, type SupplyChainForm } from "./supply-chain-form";
import { useEnvironmentSave } from "./use-environment-save";

const PLACEHOLDER = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…\n-----END PUBLIC KEY-----";

/** Whether promotions here need a cosign-style signature, and the public keys trusted to make one. */
export function SupplyChainSection({ environmentId, environment, label }: { environmentId: string; environment: SupplyChainFields; label: string }) {
  const uid = useId();
  const [form, setForm] = useState<SupplyChainForm>(() => supplyChainFormOf(environment));
  // Errors come back by position at the time of saving; keep them on the entry they were about even if entries are removed since.
  const [savedOrder, setSavedOrder] = useState<string[]>([]);
  const save = useEnvironmentSave(environmentId);
  const edit = (change: (form: SupplyChainForm) => SupplyChainForm) => {
    save.touched();
    setForm(change);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSavedOrder(form.keys.map((k) => k.key));
    save.save(supplyChainPatch(form, environment));
  };
  const keyError = (key: string) => {
    const index = savedOrder.indexOf(key);
    return index < 0 ? undefined : save.errors[`signingPublicKeys.${index}`];
  };

  return (
    <FormSection
      id={`${uid}-title`}
      title="Supply chain"
      description="Artifacts registered with a cosign signature (ECDSA P-256 over the image digest) can be required to be signed by a key you trust here. Rollbacks are not checked."
    >
      <form onSubmit={submit} aria-labelledby={`${uid}-title`} className="flex flex-col gap-4" noValidate>
        <div className="flex flex-col gap-1">
          <CheckboxField
            id={`${uid}-require`}
            label="Require a trusted signature"
            hint={`A promotion to ${label} is blocked unless its artifact is signed by one of the keys below; checked again just before it deploys.`}
            checked={form.requireSignature}
            onChange={(v) => edit((f) => ({ ...f, requireSignature: v }))}
          />
          <FieldError id={`${uid}-require-error`} message={save.errors.requireSignature} />
        </div>
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">Trusted public keys (PEM, ECDSA P-256: the <code className="font-mono">cosign.pub</code> that <code className="font-mono">cosign generate-key-pair</code> writes)</legend>
          {form.keys.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No trusted keys.</p>}
          <ol aria-label="Trusted public keys" className="flex flex-col gap-3">
            {form.keys.map((entry, index) => {
              const id = `${uid}-key-${entry.key}`;
              const error = keyError(entry.key);
              return (
                <li key={entry.key} className="flex flex-col gap-1.5">
                  <div className="flex items-center justify-between gap-2">
                    <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
                      Key {index + 1}
                    </label>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Remove key ${index + 1}`}
                      onClick={() => edit((f) => ({ ...f, keys: f.keys.filter((k) => k.key !== entry.key) }))}
                    >
                      <Trash2 aria-hidden className="size-4" />
                      Remove
                    </Button>
                  </div>
                  <Textarea
                    id={id}
                    rows={4}
                    spellCheck={false}
                    autoComplete="off"
                    className="font-mono text-xs"
                    placeholder={PLACEHOLDER}
                    value={entry.pem}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) => {
                      const pem = e.target.value;
                      edit((f) => ({ ...f, keys: f.keys.map((k) => (k.key === entry.key ? { ...k, pem } : k)) }));
                    }}
                  />
                  <FieldError id={`${id}-error`} message={error} />
                </li>
              );
            })}
          </ol>
          <FieldError id={`${uid}-keys-error`} message={save.errors.signingPublicKeys} />
          <div>
            <Button size="sm" disabled={form.keys.length >= MAX_SIGNING_KEYS} onClick={() => edit((f) => ({ ...f, keys: [...f.keys, newSigningKey()] }))}>
              <Plus aria-hidden className="size-4" />
              Add key
            </Button>
          </div>
        </fieldset>
        <FormError error={save.formError} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.pending}>
            {save.pending ? "Saving…" : "Save supply chain"}
          </Button>
          <SavedNote show={save.saved} />
        </div>
      </form>
    </FormSection>
  );
}
