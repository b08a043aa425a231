/**
 * The bounds of the whole-number settings, and what a tag may be: one rule each for
 * config.toml, the environment and the flags, so all refuse the same values with the same
 * words. No imports: the command line loads it to parse flags.
 */
export interface WholeNumberRule {
  min: number;
  max?: number;
  unit: string;
}

/** Room for a file's header and a few rows; Letterboxd's own limit is about 1 MB. */
export const FILE_BYTES_RULE: WholeNumberRule = { min: 1000, unit: "bytes" };
/** Fewer than 2 films at one instant is no bulk mark. */
export const BULK_THRESHOLD_RULE: WholeNumberRule = { min: 2, unit: "films" };
export const RETRIES_RULE: WholeNumberRule = { min: 0, max: 20, unit: "retries" };

/** "a whole number of bytes, 1000 or more", "a whole number of retries from 0 to 20". */
export function ruleText(rule: WholeNumberRule): string {
  return rule.max === undefined ? `a whole number of ${rule.unit}, ${rule.min} or more` : `a whole number of ${rule.unit} from ${rule.min} to ${rule.max}`;
}

export function fitsRule(n: number, rule: WholeNumberRule): boolean {
  return Number.isInteger(n) && n >= rule.min && (rule.max === undefined || n <= rule.max);
}

/** The number in a flag's or variable's text, or undefined when it does not fit `rule`. */
export function parseWholeNumber(text: string, rule: WholeNumberRule): number | undefined {
  const n = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  return fitsRule(n, rule) ? n : undefined;
}

/** A tag as written on a diary row: trimmed, non-empty, without a comma (Letterboxd splits its Tags column on commas). */
export function isTag(tag: string): boolean {
  return tag !== "" && tag === tag.trim() && !tag.includes(",");
}

export const TAG_RULE_TEXT = "a tag name without commas";
