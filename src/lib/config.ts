// Loads and validates runbook.config.yaml (optional; every key has a default).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, type Config } from '../schema/config.ts';
import { CONFIG_FILE } from './content-files.ts';
import { LineIndex, type Problem } from './problem.ts';
import { readContentFile } from './source-file.ts';
import { parseYamlData } from './yaml-data.ts';

export { CONFIG_FILE };

export interface LoadedConfig {
  config: Config;
  problems: Problem[];
}

export function loadConfig(root: string, file = CONFIG_FILE): LoadedConfig {
  const path = join(root, file);
  if (!existsSync(path)) return { config: configSchema.parse({}), problems: [] };
  const { text, problems } = readContentFile(root, file);
  if (text === undefined) return { config: configSchema.parse({}), problems };
  const lines = new LineIndex(text);
  const parsed = parseYamlData({ file, lines, offset: 0, text, schema: configSchema, rule: 'config', whole: lines.span(0, 0) });
  return { config: parsed.data ?? configSchema.parse({}), problems: parsed.problems };
}
