// The core's parsers load once per process (mvdan/sh and PostgreSQL's parser are WebAssembly); after that,
// every analysis is synchronous.
import { loadShellParser, shellParserLoaded } from './shell/parser.ts';
import { loadSqlParser, sqlParserLoaded } from './sql/script.ts';

export async function loadCore(): Promise<void> {
  await Promise.all([loadShellParser(), loadSqlParser()]);
}

export function coreLoaded(): boolean {
  return shellParserLoaded() && sqlParserLoaded();
}
