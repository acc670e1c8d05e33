/** Unguessable checkout codes: 22 characters of [A-Za-z0-9_-]. */
export interface CodeGenerator {
  next(): string;
}
