"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useRef } from "react";
import type { ApiError } from "./api-client";

/**
 * A react-query mutation against our API that, on success, re-renders the server components
 * (the Settings lists are server-rendered) and drops cached queries that may now be stale.
 * `mutate` ignores calls while one is in flight, so a double click cannot submit twice even
 * before the disabled button has re-rendered.
 */
export function useApiMutation<TVariables, TResult>(
  mutationFn: (variables: TVariables) => Promise<TResult>,
  options: { onSuccess?: (result: TResult, variables: TVariables) => void } = {},
) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const inFlight = useRef(false);
  const mutation = useMutation<TResult, ApiError, TVariables>({
    mutationFn,
    onSuccess: async (result, variables) => {
      options.onSuccess?.(result, variables);
      await queryClient.invalidateQueries();
      router.refresh();
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const { mutate: run } = mutation;
  const mutate = useCallback(
    (variables: TVariables) => {
      if (inFlight.current) return;
      inFlight.current = true;
      run(variables);
    },
    [run],
  );
  return { ...mutation, mutate };
}
