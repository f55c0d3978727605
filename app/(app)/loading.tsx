export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="space-y-6 motion-safe:animate-pulse">
      <div className="space-y-2">
        <div className="h-6 w-40 rounded bg-zinc-200 dark:bg-zinc-800" />
        <div className="h-4 w-80 max-w-full rounded bg-zinc-200/70 dark:bg-zinc-800/70" />
      </div>
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-28 rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
      ))}
    </div>
  );
}
