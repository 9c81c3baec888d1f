// Checks xAPI statements with Learning Locker's validator, the one its LRS runs on every
// statement it receives. Usage: node tests/xapi/validate.js FILE.json (a JSON array of
// statements). Prints each problem with the statement's index and exits 1 when there is one.
'use strict';
const fs = require('fs');
const validate = require('@learninglocker/xapi-validation').default;

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.js STATEMENTS.json');
  process.exit(2);
}
const statements = JSON.parse(fs.readFileSync(file, 'utf8'));
if (!Array.isArray(statements) || statements.length === 0) {
  console.error(`${file}: expected a non-empty JSON array of statements`);
  process.exit(1);
}
let problems = 0;
statements.forEach((statement, i) => {
  for (const warning of validate(statement)) {
    problems += 1;
    const path = (warning.path || []).join('.');
    console.log(`statement ${i} (${statement.id}): ${path}: ${warning.constructor.name} ${JSON.stringify(warning.data)}`);
  }
});
console.log(`${statements.length} statements, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
