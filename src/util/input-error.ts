/** A mistake in the user's input (pipeline file, extract, CLI flag): printed as one sentence, never with a stack. */
export class InputError extends Error {
  readonly file?: string;
  readonly column?: string;
  readonly row?: number;

  constructor(message: string, where: { file?: string; column?: string; row?: number } = {}) {
    super(message);
    this.name = 'InputError';
    this.file = where.file;
    this.column = where.column;
    this.row = where.row;
  }
}

/** Whether a thrown value is a user error (as opposed to a programming error). */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
