// Every unit test runs with the analysis core's parsers loaded, as every entry point of the product loads
// them once (loadCore()); tests of synchronous parts (the importer, parseRunbookLoaded) rely on it.
import { loadCore } from '../../src/lib/core/load.ts';

await loadCore();
