import { styleText } from "node:util";

export type StyleName = "red" | "yellow" | "bold";

/** Styles a piece of text for one stream, or returns it as is. */
export type Style = (name: StyleName, text: string) => string;

/**
 * Whether to colour a stream: FORCE_COLOR (other than 0 or false) always, else only a
 * terminal (not TERM=dumb) while NO_COLOR is unset (https://no-color.org). Decided here
 * because Node 20's styleText honours NO_COLOR and the terminal only for a single format,
 * only on standard output, and Node 22 before 22.13 never does.
 */
export function colorFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** Plain text: for strings that do not go straight to a stream (the web page, tests). */
export const plain: Style = (_name, text) => text;

/** The Style for `stream`: util.styleText when colour is on for it, else plain text. */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  if (!colorFor(stream, env)) return plain;
  return (name, text) => styleText(name, text, { validateStream: false });
}
