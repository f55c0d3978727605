import { describe, expect, it } from "vitest";
import { buildKubeConfig, ClusterError, describeCredentials, inspectKubeconfig, openCredentials, sealCredentials } from "@/lib/clusters";

const CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
const KEY = "-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----";

const kubeconfig = (user: string, cluster = "    certificate-authority-data: Zm9v\n") => `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod
  cluster:
    server: https://prod.example.com:6443
${cluster}users:
- name: admin
  user:
${user}contexts:
- name: prod
  context:
    cluster: prod
    user: admin
    namespace: shop
`;

function errorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as ClusterError;
  }
  throw new Error("expected an error");
}

describe("cluster credentials", () => {
  it("seals each kind without the secret in the ciphertext and opens it again", () => {
    const token = sealCredentials({ authKind: "BearerToken", token: "s3cret-token-value" });
    expect(token.encryptedCredentials).not.toContain("s3cret");
    expect(openCredentials({ name: "c", ...token })).toEqual({ authKind: "BearerToken", token: "s3cret-token-value" });

    const cert = sealCredentials({ authKind: "ClientCertificate", clientCertificate: CERT, clientKey: KEY });
    expect(openCredentials({ name: "c", ...cert })).toMatchObject({ clientCertificate: CERT, clientKey: KEY });

    expect(sealCredentials({ authKind: "InCluster" })).toEqual({ authKind: "InCluster", encryptedCredentials: null });
  });

  it("refuses a ciphertext stored under another auth kind", () => {
    const token = sealCredentials({ authKind: "BearerToken", token: "t" });
    const error = errorOf(() => openCredentials({ name: "c", authKind: "ClientCertificate", encryptedCredentials: token.encryptedCredentials }));
    expect(error.kind).toBe("invalid_config");
  });

  it("validates input with field-level messages", () => {
    expect(() => sealCredentials({ authKind: "BearerToken", token: "  " })).toThrow(/token is required/);
    expect(() => sealCredentials({ authKind: "ClientCertificate", clientCertificate: "nope", clientKey: KEY })).toThrow(/PEM-encoded certificate/);
  });

  it("describes credentials without revealing them", () => {
    expect(describeCredentials({ authKind: "BearerToken", token: "abcdefgh1234" })).toBe("bearer token …1234");
  });

  it("builds a KubeConfig with the CA and token", () => {
    const kc = buildKubeConfig({
      name: "prod",
      apiServerUrl: "https://prod.example.com:6443/",
      caBundle: CERT,
      insecureSkipTlsVerify: false,
      ...sealCredentials({ authKind: "BearerToken", token: "tok" }),
    });
    expect(kc.getCurrentCluster()).toMatchObject({ server: "https://prod.example.com:6443", skipTLSVerify: false, caData: Buffer.from(CERT).toString("base64") });
    expect(kc.getCurrentUser()).toMatchObject({ token: "tok" });
  });

  it("refuses plain http unless insecure connections are explicitly allowed", () => {
    const base = { name: "dev", caBundle: null, ...sealCredentials({ authKind: "BearerToken", token: "tok" }) };
    expect(errorOf(() => buildKubeConfig({ ...base, apiServerUrl: "http://dev:8080", insecureSkipTlsVerify: false })).kind).toBe("invalid_config");
    expect(buildKubeConfig({ ...base, apiServerUrl: "http://dev:8080", insecureSkipTlsVerify: true }).getCurrentCluster()?.skipTLSVerify).toBe(true);
  });
});

describe("pasted kubeconfigs", () => {
  it("summarises the selected context", () => {
    expect(inspectKubeconfig(kubeconfig("    token: abc\n"))).toEqual({
      context: "prod",
      server: "https://prod.example.com:6443",
      namespace: "shop",
      caBundle: true,
      insecureSkipTlsVerify: false,
      userAuth: "token",
    });
  });

  it("refuses entries that would run programs or read files on the Gantry server", () => {
    for (const user of [
      "    exec:\n      command: /bin/sh\n      apiVersion: client.authentication.k8s.io/v1\n",
      "    auth-provider:\n      name: gcp\n",
      "    token-file: /etc/shadow\n",
      "    client-certificate: /etc/ssl/key.pem\n    client-key: /etc/ssl/key.pem\n",
    ]) {
      const error = errorOf(() => inspectKubeconfig(kubeconfig(user)));
      expect(error.kind).toBe("invalid_config");
      expect(error.message).toMatch(/does not accept/);
    }
    expect(errorOf(() => inspectKubeconfig(kubeconfig("    token: abc\n", "    certificate-authority: /etc/passwd\n"))).message).toMatch(
      /certificate-authority/,
    );
    expect(() => sealCredentials({ authKind: "Kubeconfig", kubeconfig: kubeconfig("    token-file: /etc/shadow\n") })).toThrow(ClusterError);
  });

  it("names what is missing", () => {
    expect(errorOf(() => inspectKubeconfig(kubeconfig("    token: abc\n"), "staging")).message).toMatch(/no context named "staging"/);
    expect(errorOf(() => inspectKubeconfig(": : not yaml [")).kind).toBe("invalid_config");
  });
});
