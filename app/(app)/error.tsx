"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      icon={<TriangleAlert />}
      title="This page could not be loaded"
      action={
        <Button variant="secondary" onClick={reset}>
          Try again
        </Button>
      }
    >
      Something went wrong on the server. If it keeps happening, the server log has the details
      {error.digest ? (
        <>
          {" "}
          under reference <code className="font-mono text-xs">{error.digest}</code>
        </>
      ) : null}
      .
    </EmptyState>
  );
}
