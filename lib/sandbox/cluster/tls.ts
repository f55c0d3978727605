import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A private CA and a serving certificate for 127.0.0.1/localhost, made with the openssl CLI
 * (Node can sign but not build X.509 certificates). Real API servers are HTTPS with their own CA,
 * and client-node refuses plain http unless TLS verification is switched off, so the sandbox is
 * HTTPS too and clients verify it with the CA from the kubeconfig.
 */
export interface SandboxTls {
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
}

async function openssl(args: string[], cwd: string) {
  try {
    await run("openssl", args, { cwd });
  } catch (error) {
    const e = error as { code?: string; stderr?: string };
    if (e.code === "ENOENT") throw new Error("the sandbox cluster needs the openssl CLI to make its TLS certificates (apt-get install openssl)");
    throw new Error(`openssl ${args[0]} failed: ${e.stderr ?? String(error)}`);
  }
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gantry-sandbox-tls-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

export async function generateTls(): Promise<SandboxTls> {
  return withTempDir(async (dir) => {
    await openssl(
      ["req", "-x509", ...ecKey, "-keyout", "ca.key", "-out", "ca.crt", "-days", "3650", "-subj", "/CN=gantry-sandbox-ca",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
      dir,
    );
    await openssl(["req", ...ecKey, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=gantry-sandbox-apiserver"], dir);
    await writeFile(
      path.join(dir, "server.ext"),
      "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:0:0:0:0:0:0:0:1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n",
    );
    await openssl(
      ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "3650", "-extfile", "server.ext"],
      dir,
    );
    const read = (name: string) => readFile(path.join(dir, name), "utf8");
    return { caCert: await read("ca.crt"), caKey: await read("ca.key"), serverCert: await read("server.crt"), serverKey: await read("server.key") };
  });
}

/** A client certificate signed by the sandbox CA; the API server maps its CN to a user. */
export async function issueClientCertificate(tls: SandboxTls, user: string): Promise<{ certificate: string; key: string }> {
  if (!/^[A-Za-z0-9:._@-]+$/.test(user)) throw new Error(`invalid user name "${user}"`);
  return withTempDir(async (dir) => {
    await writeFile(path.join(dir, "ca.crt"), tls.caCert);
    await writeFile(path.join(dir, "ca.key"), tls.caKey, { mode: 0o600 });
    await openssl(["req", ...ecKey, "-keyout", "client.key", "-out", "client.csr", "-subj", `/CN=${user}`], dir);
    await writeFile(path.join(dir, "client.ext"), "extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n");
    await openssl(
      ["x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.crt", "-days", "365", "-extfile", "client.ext"],
      dir,
    );
    return { certificate: await readFile(path.join(dir, "client.crt"), "utf8"), key: await readFile(path.join(dir, "client.key"), "utf8") };
  });
}
