/**
 * Compiles a catalog glob (only `*` is special: any run of characters, possibly empty) into an anchored
 * regular expression. Every other character is matched literally.
 */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`);
}
