/** What a command reads and writes besides its arguments: the CLI's process, or a test's capture. */
export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Progress is drawn only on an interactive terminal outside CI. */
  interactive: boolean;
  /** The parse worker's script, when running from the bundle. */
  workerUrl?: URL;
  /** Print the stack trace of an internal error (CLARITY_DEBUG=1). */
  debug?: boolean;
  /** Aborted on SIGINT or SIGTERM (with an `Interrupted` reason): audit and check stop and write nothing. */
  signal?: AbortSignal;
}
