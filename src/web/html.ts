import { esc } from "./charts.js";

/** Markup that is already safe: made by `h` or by a trusted renderer (the charts). */
export class Safe {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = string | number | boolean | null | undefined | Safe | readonly Value[];

/** A tagged template that escapes every interpolated value except Safe ones; arrays are joined; null, undefined and false vanish. */
export function h(strings: TemplateStringsArray, ...values: Value[]): Safe {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Safe(out);
}

export function raw(text: string): Safe {
  return new Safe(text);
}

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Safe) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  return esc(String(value));
}
