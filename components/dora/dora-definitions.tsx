import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableRow } from "@/components/ui/table";
import type { ThresholdRow } from "@/lib/dora/thresholds";
import { LEVELS } from "@/lib/dora/thresholds";
import { LevelBadge } from "./level-badge";

/** How each number is measured, in the words of lib/dora/definitions.ts, and the levels table. */
export const DEFINITIONS: { term: string; text: string }[] = [
  {
    term: "Deployment frequency",
    text: "Successful production changes in the period, per day, week and 30-day month, and deploy-days per week (distinct UTC days with a successful change). A change is a deployment that is not a rollback; it is successful when it succeeded, or ran until it was rolled back later without failing verification.",
  },
  {
    term: "Lead time for changes",
    text: "For each commit of the deployed artifacts, the time from the commit to its first successful deployment in the selected environments (a commit shipped in two builds counts once, at the first). Median and 90th percentile over the commits first deployed in the period; commits dated at or after their deployment are excluded.",
  },
  {
    term: "Change failure rate",
    text: "Changes that failed — the rollout failed, they were rolled back, their verification failed, or an incident is linked to them — divided by all changes finished in the period. Each change counts once, so the rate never exceeds 100 %; without changes there is no rate.",
  },
  {
    term: "Time to restore service",
    text: "Median over the failures that started in the period: an incident runs from opened to resolved; a failed change without an incident runs from its start until the next successful deployment in that environment (the rollback or the fix). Incidents without a deployment count here but not in the failure rate; open ones are listed as not restored.",
  },
  {
    term: "Levels",
    text: "Each metric gets the level of the first row of the table it meets, from elite down. The overall level is the median of the metrics' levels (the lower middle one when they are even); metrics without data do not vote. Changes are compared with the period of the same length just before.",
  },
];

export function DoraDefinitions({ thresholds }: { thresholds: ThresholdRow[] }) {
  return (
    <section aria-labelledby="definitions-heading" className="mt-8">
      <h2 id="definitions-heading" className="mb-3 text-base font-semibold text-zinc-900 dark:text-zinc-50">
        How these numbers are measured
      </h2>
      <Table label="Performance levels by metric">
        <TableHead>
          <tr>
            <th scope="col" className="px-4 py-2.5 text-xs font-medium text-zinc-600 dark:text-zinc-400">
              Metric
            </th>
            {LEVELS.map((level) => (
              <th key={level} scope="col" className="px-4 py-2.5">
                <LevelBadge level={level} />
              </th>
            ))}
          </tr>
        </TableHead>
        <TableBody>
          {thresholds.map((row) => (
            <TableRow key={row.metric}>
              <th scope="row" className="px-4 py-2.5 text-sm font-medium whitespace-nowrap text-zinc-800 dark:text-zinc-200">
                {row.label}
              </th>
              {LEVELS.map((level) => (
                <TableCell key={level} className="text-sm">
                  {row.levels[level]}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Card className="mt-4 p-4">
        <dl className="grid gap-x-8 gap-y-4 text-sm md:grid-cols-2">
          {DEFINITIONS.map((d) => (
            <div key={d.term}>
              <dt className="font-medium text-zinc-900 dark:text-zinc-100">{d.term}</dt>
              <dd className="mt-0.5 text-zinc-600 dark:text-zinc-400">{d.text}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </section>
  );
}
