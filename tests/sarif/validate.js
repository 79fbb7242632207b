// Validates SARIF files against the official SARIF 2.1.0 JSON schema.
// Usage: node validate.js FILE...   Exit 0 when every file is valid, 1 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemaPath = path.join(__dirname, 'node_modules', '@microsoft', 'jest-sarif', 'lib',
                             'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
// The SARIF schema is draft-04, which ajv 6 reads with the draft-04 meta-schema and 'id'.
const ajv = new Ajv({schemaId: 'id', allErrors: true, jsonPointers: true, logger: false});
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(schema);

let failed = false;
for (const file of process.argv.slice(2)) {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(log)) {
    const results = log.runs.reduce((n, run) => n + (run.results || []).length, 0);
    console.log(`${file}: valid SARIF 2.1.0 (${log.runs[0].tool.driver.rules.length} rules, ` +
                `${results} results)`);
  } else {
    failed = true;
    console.log(`${file}: INVALID`);
    for (const error of validate.errors) console.log(`  ${error.dataPath} ${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
