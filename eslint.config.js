// @ts-check
import { builtinModules } from "node:module";
import tseslint from "typescript-eslint";

// Browser-safe code (a package's main entry imports nothing from Node; the playground runs
// the packages in a Web Worker). Node-only parts live in the entry points and files listed in
// `ignores` below: CLIs, `./node` entry points, benchmarks, code generators, tests and their helpers.
const nodeOnly = "is a Node module: browser-safe code must not import it (put Node-only code behind a separate entry point, such as a CLI)";
const noNodeImports = {
  files: ["packages/*/src/**/*.ts", "examples/hello-guest/src/**/*.ts", "examples/playground/src/**/*.ts"],
  ignores: [
    "**/*.test.ts",
    "**/*.test-helper.ts",
    "**/test-support/**",
    "packages/*/src/bench/**",
    "packages/*/src/cli/**",
    "packages/*/src/node/**", // a package's `./node` entry point (e.g. `@sel4ts/microkit/node`)
    "packages/cpu-aarch64/src/decode/generate.ts",
    "packages/cpu-aarch64/src/disasm/golden/**",
    "examples/hello-guest/src/main.ts",
  ],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        paths: builtinModules.filter((name) => !name.startsWith("_")).map((name) => ({ name, message: `"${name}" ${nodeOnly}`, allowTypeImports: true })),
        patterns: [{ group: ["node:*"], message: `This ${nodeOnly}`, allowTypeImports: true }],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/*.cjs", "**/*.generated.ts"],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ["*.js", "*.mjs", "tools/*/*.mjs"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/consistent-type-exports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/restrict-template-expressions": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/prefer-promise-reject-errors": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  noNodeImports,
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
