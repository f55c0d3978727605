// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfirmButton } from "@/components/settings/confirm-button";

afterEach(cleanup);

function renderButton(onConfirm = vi.fn(), pending = false) {
  render(<ConfirmButton label="Revoke" accessibleLabel="Revoke token ci" question="Revoke it?" confirmLabel="Revoke token" pending={pending} onConfirm={onConfirm} />);
  return onConfirm;
}

describe("ConfirmButton", () => {
  it("asks before acting, and acts on the second press", () => {
    const onConfirm = renderButton();
    fireEvent.click(screen.getByRole("button", { name: "Revoke token ci" }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByRole("group", { name: "Revoke it?" })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe("Cancel");
    fireEvent.click(screen.getByRole("button", { name: "Revoke token" }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it("cancels back to the first button, keeping keyboard focus on it", () => {
    const onConfirm = renderButton();
    fireEvent.click(screen.getByRole("button", { name: "Revoke token ci" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Revoke token ci" }));
  });

  it("cannot be confirmed again while the action runs", () => {
    renderButton(vi.fn(), true);
    fireEvent.click(screen.getByRole("button", { name: "Revoke token ci" }));
    expect((screen.getByRole("button", { name: "Working…" }) as HTMLButtonElement).disabled).toBe(true);
  });
});
