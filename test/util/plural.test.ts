import { describe, expect, it } from "vitest";
import { filmsInFiles, plural } from "../../src/util/plural.js";

describe("plural", () => {
  it("counts a noun, with its own plural when it does not just take an s", () => {
    expect(plural(1, "film")).toBe("1 film");
    expect(plural(0, "film")).toBe("0 films");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
  });

  it("says what an export wrote as every summary says it", () => {
    expect(filmsInFiles(142, 1)).toBe("142 films in 1 file");
    expect(filmsInFiles(1, 3)).toBe("1 film in 3 files");
    expect(filmsInFiles(0, 1)).toBe("1 file");
  });
});
