// The admin CLI: `npm run gantry -- <command> [flags]`. Works on DATABASE_URL or on the embedded
// database under GANTRY_DATA_DIR (shared with a running `npm run dev`).
import { commands } from "../lib/cli/registry";
import { CliError, parseArgs } from "../lib/cli/commands";
import { EnvError } from "../lib/env";

function help() {
  const width = Math.max(...commands.map((c) => c.name.length));
  console.log("Usage: npm run gantry -- <command> [flags]\n\nCommands:");
  for (const command of commands) console.log(`  ${command.name.padEnd(width)}  ${command.summary}`);
  console.log("\nRun `npm run gantry -- <command> --help` for a command's flags.");
}

async function main(argv: string[]) {
  const args = parseArgs(argv);
  const words = args.positional;
  const command = [...commands]
    .sort((a, b) => b.name.split(" ").length - a.name.split(" ").length)
    .find((c) => c.name.split(" ").every((part, i) => words[i] === part));
  if (!command || (words.length === 0 && args.flags.has("help"))) {
    help();
    return words.length === 0 || args.flags.has("help") ? 0 : 1;
  }
  if (args.flags.has("help")) {
    console.log(`${command.name}: ${command.summary}\n\nUsage: npm run gantry -- ${command.usage ?? command.name}`);
    return 0;
  }
  args.positional.splice(0, command.name.split(" ").length);
  await command.run(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof CliError || error instanceof EnvError) console.error(`error: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
