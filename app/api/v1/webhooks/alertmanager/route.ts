import { alertmanagerPayload, ingestAlertmanager } from "@/lib/domain/incidents/ingest-alertmanager";
import { route } from "@/lib/http/route";

/**
 * Alertmanager `webhook_configs` receiver. Authenticated like every API call: configure
 * `http_config.authorization.credentials` with a Gantry API token that has the incident:manage scope.
 */
export const POST = route({ body: alertmanagerPayload }, async ({ ctx, body }) => ingestAlertmanager(ctx, body));
