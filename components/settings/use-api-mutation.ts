"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { ApiError } from "./api-client";

/**
 * A react-query mutation against our API that, on success, re-renders the server components
 * (the Settings lists are server-rendered) and drops cached queries that may now be stale.
 */
export function useApiMutation<TVariables, TResult>(
  mutationFn: (variables: TVariables) => Promise<TResult>,
  options: { onSuccess?: (result: TResult, variables: TVariables) => void } = {},
) {
  const router = useRouter();
  const queryClient = useQueryClient();
  return useMutation<TResult, ApiError, TVariables>({
    mutationFn,
    onSuccess: async (result, variables) => {
      options.onSuccess?.(result, variables);
      await queryClient.invalidateQueries();
      router.refresh();
    },
  });
}
