import { FORM_LEVEL, type Patch } from "./environment-form-model";

/**
 * The "Supply chain" form as plain data: whether promotions need a signature, and the PEM public
 * keys trusted to sign. Errors use the API's paths (`signingPublicKeys.1`, `requireSignature`).
 */
export interface SupplyChainFields {
  requireSignature: boolean;
  signingPublicKeys: string[];
}

export interface SigningKeyForm {
  /** Stable React key, and what an error found at save time stays attached to; not sent. */
  key: string;
  pem: string;
}

export interface SupplyChainForm {
  requireSignature: boolean;
  keys: SigningKeyForm[];
}

let added = 0;
export const newSigningKey = (): SigningKeyForm => ({ key: `added-${++added}`, pem: "" });

export const supplyChainFormOf = (env: SupplyChainFields): SupplyChainForm => ({
  requireSignature: env.requireSignature,
  keys: env.signingPublicKeys.map((pem, index) => ({ key: `initial-${index}`, pem })),
});

export const MAX_SIGNING_KEYS = 20;

export function supplyChainPatch(form: SupplyChainForm, env: SupplyChainFields): Patch {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const keys = form.keys.map((k) => k.pem.trim());
  keys.forEach((pem, index) => {
    if (!pem) errors[`signingPublicKeys.${index}`] = "Paste a PEM public key, or remove this entry.";
    else if (!/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(pem)) {
      errors[`signingPublicKeys.${index}`] = "Paste the whole key, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----.";
    }
  });
  if (form.requireSignature && keys.length === 0) errors.requireSignature = "Add a trusted public key first: with none, no artifact could ever be promoted here.";
  if (keys.length !== env.signingPublicKeys.length || keys.some((pem, i) => pem !== env.signingPublicKeys[i])) body.signingPublicKeys = keys;
  if (form.requireSignature !== env.requireSignature) body.requireSignature = form.requireSignature;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(body).length === 0) return { ok: false, errors: { [FORM_LEVEL]: "Nothing changed." } };
  return { ok: true, body };
}
