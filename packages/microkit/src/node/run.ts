/** `sel4ts-microkit run` (filled in with the runtime). */
export interface RunSystemFileOptions {
  readonly cores?: number;
  readonly searchPaths?: readonly string[];
  readonly output: (text: string) => void;
  readonly errors: (text: string) => void;
}

export function runSystemFile(_file: string, options: RunSystemFileOptions): Promise<number> {
  options.errors("sel4ts-microkit: run is not available yet\n");
  return Promise.resolve(1);
}
