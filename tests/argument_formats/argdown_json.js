// Argdown text on standard input -> the Argdown JSON of @argdown/node (with the map, every
// statement in it) on standard output; parser errors on standard error, exit code 1.
const { argdown } = require("@argdown/node");
const fs = require("fs");

const input = fs.readFileSync(0, "utf8");
const response = argdown.run({
  input,
  process: ["parse-input", "build-model", "build-map", "export-json"],
  logLevel: "error",
  selection: { statementSelectionMode: "all", excludeDisconnected: false },
});
if (response.parserErrors && response.parserErrors.length) {
  console.error(JSON.stringify(response.parserErrors.map((error) => error.message)));
  process.exit(1);
}
process.stdout.write(response.json);
