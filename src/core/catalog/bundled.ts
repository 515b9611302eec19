import data from './data/core-catalog.json';
import { Catalog } from './catalog';
import type { CatalogData } from './types';

let bundled: Catalog | undefined;

/** The catalog snapshot shipped with the extension, built on first use (not at activation). */
export function bundledCatalog(): Catalog {
  bundled ??= new Catalog(data as CatalogData);
  return bundled;
}
