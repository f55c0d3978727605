import type { Db } from "@/lib/db/client";

// Placeholder replaced by the demo data generator (in progress).
export async function seedDemoData(_db: Db): Promise<{ created: boolean }> {
  return { created: false };
}
