import type { DemoUser } from "@/lib/seed/demo-users";

/**
 * Development only: the seeded demo accounts, so a new contributor can sign in as each role.
 * The login page renders it only when NODE_ENV is "development".
 */
export function DemoUsersPanel({ users, onPick }: { users: readonly DemoUser[]; onPick: (user: DemoUser) => void }) {
  return (
    <section aria-labelledby="demo-users-title" className="rounded-lg border border-dashed border-amber-400/70 bg-amber-50/60 p-4 dark:border-amber-500/40 dark:bg-amber-500/5">
      <h2 id="demo-users-title" className="text-sm font-semibold text-amber-900 dark:text-amber-200">
        Demo accounts <span className="font-normal text-amber-800/80 dark:text-amber-300/80">(development only)</span>
      </h2>
      <p className="mt-1 text-xs text-amber-900/80 dark:text-amber-200/80">
        Password for all of them: <code className="rounded bg-amber-100 px-1 font-mono dark:bg-amber-500/15">{users[0]?.password}</code>. Pick one to fill the form.
      </p>
      <ul className="mt-3 divide-y divide-amber-200/80 dark:divide-amber-500/20">
        {users.map((user) => (
          <li key={user.email} className="py-1.5">
            <button
              type="button"
              onClick={() => onPick(user)}
              className="w-full rounded-md px-2 py-1.5 text-left hover:bg-amber-100/80 dark:hover:bg-amber-500/10"
            >
              <span className="flex flex-wrap items-baseline justify-between gap-x-2">
                <span className="font-mono text-xs text-zinc-900 dark:text-zinc-100">{user.email}</span>
                <span className="text-xs font-medium text-amber-900 dark:text-amber-200">
                  {user.role} · {user.scope}
                </span>
              </span>
              <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">{user.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
