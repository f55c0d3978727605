"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ClusterForm } from "./cluster-form";

/** "Add cluster": the form opens in place; after saving, the new cluster appears in the list to test. */
export function AddCluster() {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        {!open && (
          <Button variant="primary" onClick={() => (setOpen(true), setAdded(null))}>
            <Plus aria-hidden />
            Add cluster
          </Button>
        )}
        <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
          {added ? `Added ${added}. Test its connection below.` : ""}
        </span>
      </div>
      {open && (
        <Card>
          <CardBody>
            <h3 className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Add a cluster</h3>
            <ClusterForm
              onDone={(saved) => {
                setOpen(false);
                setAdded(saved.name);
              }}
              onCancel={() => setOpen(false)}
            />
          </CardBody>
        </Card>
      )}
    </div>
  );
}
