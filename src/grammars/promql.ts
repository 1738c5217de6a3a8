// PromQL for Shiki / Expressive Code: the TextMate grammar in promql.tmLanguage.json as a
// Shiki language registration. Pass it to Starlight as `expressiveCode: { shiki: { langs: [promql] } }`.
// See README.md in this folder for what it covers and its licence.
import type { LanguageRegistration } from 'shiki';
import grammar from './promql.tmLanguage.json' with { type: 'json' };

/** The `promql` language (alias `prometheus`), scope `source.promql`. */
export const promql: LanguageRegistration = {
  ...grammar,
  name: 'promql',
  scopeName: 'source.promql',
  aliases: ['prometheus'],
};

export default promql;
