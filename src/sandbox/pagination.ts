import type { Reply } from "./router.js";

/** Trakt silently cuts bigger limits to this. */
export const MAX_LIMIT = 250;

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/**
 * One page of `items` with Trakt's X-Pagination-* headers. Hidden items count in
 * the paging but are dropped after slicing, so a page can be short while more
 * follow, as on Trakt. Only the slice is serialised, so 100K items stay cheap.
 */
export function pagedReply(items: readonly object[], query: Record<string, string>, defaultLimit = 100): Reply {
  const limit = Math.min(positiveInt(query.limit) ?? defaultLimit, MAX_LIMIT);
  const page = positiveInt(query.page) ?? 1;
  const start = (page - 1) * limit;
  const visible = items.slice(start, start + limit).filter((item) => !("hidden" in item && item.hidden));
  return {
    status: 200,
    text: JSON.stringify(visible, (key, value: unknown) => (key === "hidden" ? undefined : value)),
    headers: {
      "X-Pagination-Page": String(page),
      "X-Pagination-Limit": String(limit),
      "X-Pagination-Page-Count": String(Math.max(1, Math.ceil(items.length / limit))),
      "X-Pagination-Item-Count": String(items.length),
    },
  };
}
