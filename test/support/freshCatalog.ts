import { bundledCatalog } from '../../src/core/catalog/bundled';
import { Catalog } from '../../src/core/catalog/catalog';

/**
 * The bundled catalog's data in a catalog object of its own. Results computed from a catalog are
 * cached per catalog object (block-type orderings, kinds, custom blocks, schema verdicts), and a test
 * process runs many tests, and under mutation testing the same test many times: a test that takes a
 * fresh catalog sees what the code it tests computes now, not what an earlier run left in a cache.
 */
export const freshCatalog = (): Catalog => new Catalog(bundledCatalog().data);
