// Run as its own process (test/unit/activation.test.ts): activation is measured in a fresh Node,
// where no other test has loaded ajv or the bundles before it.
import { measureActivation } from '../../bench/activation';
import { repoRoot } from './repoRoot';

void measureActivation(repoRoot()).then((result) => process.stdout.write(JSON.stringify(result)));
