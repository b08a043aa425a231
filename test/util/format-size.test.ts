import { describe, expect, it } from "vitest";
import { formatSize } from "../../src/util/format-size.js";

describe("formatSize", () => {
  it("labels binary units as such, one decimal at most", () => {
    expect(formatSize(236)).toBe("236 B");
    expect(formatSize(1023)).toBe("1023 B");
    expect(formatSize(20_853)).toBe("20.4 KiB");
    expect(formatSize(1024)).toBe("1 KiB");
    expect(formatSize(512 * 1024 ** 2)).toBe("512 MiB");
    expect(formatSize(1024 ** 3)).toBe("1 GiB");
  });
});
