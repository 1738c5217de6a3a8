// Typed CLI errors; only the entry point turns them into exit codes.

/** Bad arguments or options: exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** Asked for something that does not exist: exit 1, with the closest matches. */
export class NotFoundError extends Error {
  readonly exitCode = 1;
  readonly suggestions: string[];
  constructor(message: string, suggestions: string[] = []) {
    super(message);
    this.suggestions = suggestions;
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
