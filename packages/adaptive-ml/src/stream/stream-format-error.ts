/** A malformed row in a stream source; `line` is 1-based in the source text (the header is line 1). */
export class StreamFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'StreamFormatError';
  }
}
