import { summarizeChange } from "./change-summary";

const MAX_LINES = 4;

/** Before → after per field. Values are rendered as text (React escapes them): stored text is untrusted. */
export function ChangeSummaryList({ before, after }: { before: unknown; after: unknown }) {
  const lines = summarizeChange(before, after);
  if (lines.length === 0) return <span className="text-zinc-400 dark:text-zinc-500">—</span>;
  const shown = lines.slice(0, MAX_LINES);
  return (
    <ul className="flex flex-col gap-0.5 text-xs">
      {shown.map((line, i) => (
        <li key={`${line.key}-${i}`} className="[overflow-wrap:anywhere]">
          {line.key && <span className="font-medium text-zinc-700 dark:text-zinc-300">{line.key}: </span>}
          {line.before !== undefined && (
            <span className={line.after === undefined ? "text-red-700 line-through dark:text-red-400" : "text-zinc-500 dark:text-zinc-400"}>{line.before}</span>
          )}
          {line.before !== undefined && line.after !== undefined && <span aria-label="changed to"> → </span>}
          {line.after !== undefined && <span className="text-zinc-900 dark:text-zinc-100">{line.after}</span>}
        </li>
      ))}
      {lines.length > MAX_LINES && <li className="text-zinc-500 dark:text-zinc-400">+{lines.length - MAX_LINES} more</li>}
    </ul>
  );
}
