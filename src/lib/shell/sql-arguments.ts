// Where psql and mysql take SQL on their command line (`psql -c SQL`, `-Atc SQL`, `-cSQL`, `--command=SQL`,
// `mysql -e SQL`, `-Ne SQL`, `--execute=SQL`) and which database psql connects to. Read from the words as the
// program receives them (quotes removed), so that the risk table, the quoting of placeholders and the SQL
// checks agree on what is SQL.
import type { Word } from './words.ts';

/** One SQL text given on a command line. */
export interface SqlArgument {
  /** The word that holds the SQL. */
  word: Word;
  /** Characters of the word's value before the SQL: 0 for `-c SQL`, 2 for `-cSQL`, 10 for `--command=SQL`. */
  skip: number;
}

export interface SqlCommandLine {
  scripts: SqlArgument[];
  /** psql: the word that names the database (`"$DATABASE_URL"`, `-d shop`, `--dbname=shop`). */
  connection?: { word: Word; skip: number };
}

interface ProgramOptions {
  /** Short options without a value: they may come before the SQL option in one cluster (`-Atc`). */
  switches: string;
  /** The short option that takes SQL (`c`, `e`) and its long form. */
  short: string;
  long: string;
  /** The shortest unambiguous abbreviation of `long` (getopt_long takes `--comm` for `--command`). */
  abbreviation: string;
  /** Options whose value is the next word. */
  valued: ReadonlySet<string>;
  /** Whether positional words name the database (psql's `[DBNAME [USERNAME]]`). */
  database?: { short: string; long: string };
}

/** Options of the SQL clients that take a value (also the command reader's, shell/commands.ts). */
export const SQL_CLIENT_VALUE_OPTIONS = {
  psql: ['-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname', '-c', '--command', '-f', '--file', '-v', '--set', '--variable', '-o', '--output', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr', '-L', '--log-file'],
  mysql: ['-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-e', '--execute', '-S', '--socket', '--default-character-set'],
} as const;

const PROGRAMS: Record<string, ProgramOptions> = {
  psql: {
    switches: 'AabeEHlnqsStwWxX1',
    short: 'c',
    long: '--command',
    abbreviation: '--co',
    valued: new Set(SQL_CLIENT_VALUE_OPTIONS.psql),
    database: { short: '-d', long: '--dbname' },
  },
  mysql: {
    switches: 'ABCEHNXbcfnqrstvw',
    short: 'e',
    long: '--execute',
    abbreviation: '--exe',
    valued: new Set(SQL_CLIENT_VALUE_OPTIONS.mysql),
  },
};

const clusters = new Map<string, RegExp>();

/** The SQL a `psql` or `mysql` command line carries; undefined for other programs. `args` are the words after the program. */
export function sqlArguments(program: string, args: readonly Word[]): SqlCommandLine | undefined {
  const options = PROGRAMS[program === 'mariadb' ? 'mysql' : program];
  if (!options) return undefined;
  let cluster = clusters.get(program);
  if (!cluster) clusters.set(program, (cluster = new RegExp(`^-[${options.switches}]*${options.short}`)));
  const scripts: SqlArgument[] = [];
  let connection: SqlCommandLine['connection'];
  /** `--command`, or an abbreviation of it: the option's name, without `=value`. */
  const isLong = (name: string) => name.length >= options.abbreviation.length && options.long.startsWith(name);
  for (let index = 0; index < args.length; index++) {
    const word = args[index];
    const value = word.value;
    if (value === '--') break;
    const equals = value.indexOf('=');
    if (isLong(value)) {
      if (args[index + 1]) scripts.push({ word: args[++index], skip: 0 });
    } else if (equals !== -1 && isLong(value.slice(0, equals))) {
      scripts.push({ word, skip: equals + 1 });
    } else if (cluster.test(value)) {
      const flags = cluster.exec(value)![0];
      if (value.length > flags.length) scripts.push({ word, skip: flags.length });
      else if (args[index + 1]) scripts.push({ word: args[++index], skip: 0 });
    } else if (options.database && (value === options.database.short || value === options.database.long)) {
      if (args[index + 1]) connection ??= { word: args[++index], skip: 0 };
    } else if (options.database && value.startsWith(`${options.database.long}=`)) {
      connection ??= { word, skip: options.database.long.length + 1 };
    } else if (value.startsWith('-') && value.length > 1) {
      if (options.valued.has(value)) index++;
    } else if (options.database) {
      connection ??= { word, skip: 0 };
    }
  }
  return { scripts, ...(connection ? { connection } : {}) };
}
