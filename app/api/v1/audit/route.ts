import { z } from "zod";
import { auditEventsToCsv } from "@/lib/domain/audit/audit-csv";
import { auditFilterInput, listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { route } from "@/lib/http/route";

const auditQuery = auditFilterInput.extend({ format: z.enum(["json", "csv"]).default("json") });

export const GET = route({ query: auditQuery }, async ({ ctx, query: { format, ...filter } }) => {
  const page = await listAuditEvents(ctx, filter);
  if (format === "json") return page;
  return new Response(auditEventsToCsv(page.events), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gantry-audit.csv"`,
      ...(page.nextCursor ? { "x-next-cursor": page.nextCursor } : {}),
    },
  });
});
