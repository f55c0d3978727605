// A web process for multi-process tests: serves the API route handlers over HTTP (the same harness
// the integration tests use in-process) and prints its address as one JSON line.
import { startApiServer } from "./api-server";

const server = await startApiServer();
console.log(JSON.stringify({ baseUrl: server.baseUrl }));
const stop = () => void server.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
