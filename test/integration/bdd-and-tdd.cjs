// Mocha interface offering both the BDD (describe/it/before/beforeEach…) and the TDD
// (suite/test/suiteSetup/setup…) globals, so integration tests may use either style.
// test/integration/index.ts applies the same pair; .vscode-test.mjs passes this file as `ui`.
const Mocha = require('mocha');

module.exports = function bddAndTdd(suite) {
  Mocha.interfaces.bdd(suite);
  Mocha.interfaces.tdd(suite);
};
