/** Throws a RangeError with `message` unless `ok` (option validation at construction). */
export function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}
