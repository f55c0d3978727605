import { Badge } from "@/components/ui/badge";
import type { Level } from "@/lib/dora/thresholds";
import { levelLabel, levelTone } from "./dora-format";

export function LevelBadge({ level, className }: { level: Level | null; className?: string }) {
  return (
    <Badge tone={levelTone(level)} dot className={className} title={level ? `${levelLabel(level)} performance (see the thresholds below)` : "Not enough data for a level"}>
      {levelLabel(level)}
    </Badge>
  );
}
