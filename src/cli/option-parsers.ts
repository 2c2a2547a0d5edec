import { InvalidArgumentError } from 'commander';

/**
 * Parsers for flag values. A bad value throws commander's InvalidArgumentError, so commander prints
 * `error: option '--seed <s>' argument 'abc' is invalid. <why>` and the CLI exits with code 2 (a usage error).
 */

/** A whole number within [min, max]. */
export function integerOption(options: { min?: number; max?: number } = {}) {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
  return (value: string): number => {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`It must be a whole number${range(min, max)}.`);
    if (n < min || n > max) throw new InvalidArgumentError(`It must be a whole number${range(min, max)}.`);
    return n;
  };
}

/** A finite number within [min, max]. */
export function numberOption(options: { min?: number; max?: number } = {}) {
  const { min = -Infinity, max = Infinity } = options;
  return (value: string): number => {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`It must be a number${range(min, max)}.`);
    return n;
  };
}

/** A calendar date written YYYY-MM-DD (a real day: 2025-02-30 is refused). */
export function dateOption(options: { monday?: boolean } = {}) {
  return (value: string): string => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
    const d = new Date(ms);
    if (!m || !Number.isFinite(ms) || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
      throw new InvalidArgumentError('It must be a calendar date YYYY-MM-DD.');
    }
    if (options.monday && d.getUTCDay() !== 1) throw new InvalidArgumentError('It must be a Monday (weeks run Monday to Sunday).');
    return value;
  };
}

function range(min: number, max: number): string {
  const lo = Number.isFinite(min) && min > Number.MIN_SAFE_INTEGER;
  const hi = Number.isFinite(max) && max < Number.MAX_SAFE_INTEGER;
  if (lo && hi) return ` from ${min} to ${max}`;
  if (lo) return ` >= ${min}`;
  if (hi) return ` <= ${max}`;
  return '';
}
