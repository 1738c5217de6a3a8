// Typed CLI errors; only the entry point turns them into exit codes.

/** Bad arguments or options: exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * Asked for something that does not exist, with the closest matches: exit 1, or 2 where 1 means
 * something else (for `run`, 1 is "a command failed", and a runbook that does not exist ran nothing).
 */
export class NotFoundError extends Error {
  readonly exitCode: 1 | 2;
  readonly suggestions: string[];
  constructor(message: string, suggestions: string[] = [], exitCode: 1 | 2 = 1) {
    super(message);
    this.suggestions = suggestions;
    this.exitCode = exitCode;
  }
}

/** Input that cannot be used (invalid content, config or values): exit 2. */
export class ValidationError extends Error {
  readonly exitCode = 2;
}

export type CliError = UsageError | NotFoundError | ValidationError;

export function isCliError(error: unknown): error is CliError {
  return error instanceof UsageError || error instanceof NotFoundError || error instanceof ValidationError;
}
