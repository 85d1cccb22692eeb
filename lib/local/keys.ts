/**
 * Whether an S3 key (or a path of bucket and key) has a "." or ".." path segment. s3rver stores each object as a
 * file at <directory>/<bucket>/<key>, so `../../x.md` would be written outside its folder, and `a/./b.md` would be
 * the same file as `a/b.md`. Real S3 keeps such keys as they are; clarity dev's emulator and `clarity upload`
 * refuse them. Dots inside a name (`notes..v2/`, `..draft.md`) are just a name.
 */
export function unsafeKeySegment(key: string): boolean {
  return key.split('/').some((segment) => segment === '.' || segment === '..');
}

export function unsafeKeyMessage(key: string): string {
  return `the key "${key}" has a "." or ".." path segment; clarity dev's S3 emulator keeps each object as a file under its data folder and refuses keys that would point outside it (rename the object or change its prefix)`;
}
