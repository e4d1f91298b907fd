// ESLint's recommended rules over our own browser code: page modules, workers and the
// Node scripts and tests. Run by `make lint`, `make check` and the test suite.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", ".venv/", ".cache/", "reports/"] },
  js.configs.recommended,
  {
    files: ["overrides/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    // Workers: the engine's module worker and Material's search-worker gate (classic).
    files: ["overrides/assets/rekindle/kit/engine-worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ["overrides/assets/javascripts/workers/*.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.worker } },
  },
  {
    files: ["**/*.mjs", "tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
  },
];
