/** @module A run's stored error as one line: its code and message when it has them, else its JSON. */
export function errorText(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return [code, message].filter((part) => typeof part === 'string').join(': ') || JSON.stringify(error);
  }
  return String(error);
}
