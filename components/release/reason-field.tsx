"use client";

import { useId, type Ref } from "react";
import { Label } from "@/components/ui/form-controls";
import { Textarea } from "./textarea";

/** Shortest reason the dialogs accept (the API asks for at least 3 characters too). */
export const MIN_REASON_LENGTH = 3;

/**
 * The required "Reason" of the rollback and hold dialogs: labelled textarea, hint that turns into
 * the error once a too-short reason was submitted, and clears itself as soon as the reason is long
 * enough. The dialog owns the value and the "invalid" flag (set on submit).
 */
export function ReasonField({
  id,
  textareaRef,
  name,
  value,
  onChange,
  invalid,
  onValid,
  disabled,
  placeholder,
  invalidMessage,
  hint,
}: {
  id: string;
  textareaRef: Ref<HTMLTextAreaElement>;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  onValid: () => void;
  disabled: boolean;
  placeholder: string;
  invalidMessage: string;
  hint: string;
}) {
  const hintId = useId();
  return (
    <div>
      <Label htmlFor={id}>Reason</Label>
      <Textarea
        ref={textareaRef}
        id={id}
        {...(name ? { name } : {})}
        required
        rows={3}
        maxLength={2000}
        value={value}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={hintId}
        placeholder={placeholder}
        onChange={(event) => {
          onChange(event.target.value);
          if (invalid && event.target.value.trim().length >= MIN_REASON_LENGTH) onValid();
        }}
        className="mt-1"
      />
      <p id={hintId} className={invalid ? "mt-1 text-xs text-red-700 dark:text-red-400" : "mt-1 text-xs text-zinc-500 dark:text-zinc-400"}>
        {invalid ? invalidMessage : hint}
      </p>
    </div>
  );
}
