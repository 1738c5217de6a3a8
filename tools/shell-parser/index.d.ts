/** The API main.go registers: node kinds and roles by index, and `parse` returning JSON (see main.go). */
export interface ShellParserApi {
  kinds: string[];
  roles: string[];
  parse(texts: string[], variant: string): string;
}

export function startShellParser(): Promise<ShellParserApi>;
