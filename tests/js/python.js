// The project's Python for Node tests that compare with it: $PYTHON, else the .venv that
// `scripts/dev.sh` makes.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function python() {
  if (process.env.PYTHON) return process.env.PYTHON;
  const venv = fileURLToPath(new URL("../../.venv/bin/python", import.meta.url));
  if (existsSync(venv)) return venv;
  throw new Error("No Python for the Node tests: run scripts/dev.sh setup, or set PYTHON.");
}
