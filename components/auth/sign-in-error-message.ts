/** next-auth's error codes (in `?error=` or `signIn()`'s result) in words a person can act on. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Incorrect email or password.",
  AccessDenied: "Single sign-on refused this account. It may be disabled in Gantry; ask an administrator.",
  OAuthSignin: "Could not start single sign-on. Try again, or sign in with email and password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method.",
  Callback: "Sign-in did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
  Configuration: "Sign-in is misconfigured on the server. Ask an administrator.",
  Verification: "The sign-in link is no longer valid.",
};

/**
 * next-auth's codes are translated. The credentials provider's own sentences (the throttle message
 * says how long to wait) are passed through only when they come from the sign-in response: text
 * from the URL (`/login?error=…`) is attacker-controlled and must not be shown as ours.
 */
export function signInErrorMessage(error: string | null | undefined, source: "response" | "url" = "response"): string | null {
  if (!error) return null;
  if (MESSAGES[error]) return MESSAGES[error];
  if (source === "response" && /\s/.test(error) && error.length <= 300) return error;
  return "Sign-in failed. Try again.";
}
