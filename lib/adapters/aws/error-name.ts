/**
 * Whether an AWS SDK error is one of the named service exceptions. By name, not `instanceof`: an emulator's or
 * another SDK copy's error carries the right name but not the class of the client it came through.
 */
export function isAwsError(error: unknown, ...names: readonly string[]): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && names.includes(name);
}
