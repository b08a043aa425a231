const TITLES: Record<number, string> = {
  403: "Attention Required! | Cloudflare",
  429: "Access denied | api.trakt.tv used Cloudflare to restrict access",
  502: "api.trakt.tv | 502: Bad gateway",
  503: "api.trakt.tv | 503: Service temporarily unavailable",
  504: "api.trakt.tv | 504: Gateway time-out",
  520: "api.trakt.tv | 520: Web server is returning an unknown error",
  521: "api.trakt.tv | 521: Web server is down",
  522: "api.trakt.tv | 522: Connection timed out",
};

/** An HTML error page like the ones Cloudflare puts in front of Trakt (the cause of "Unexpected token '<'"). */
export function cloudflarePage(status: number): string {
  const title = TITLES[status] ?? `api.trakt.tv | ${status}: Error`;
  return [
    "<!DOCTYPE html>",
    '<html class="no-js" lang="en-US">',
    `<head><title>${title}</title><meta charset="UTF-8" /></head>`,
    '<body><div id="cf-wrapper"><div id="cf-error-details">',
    `<h1>${status === 403 ? "Sorry, you have been blocked" : title}</h1>`,
    "<p>Cloudflare Ray ID: 8f0000sandbox0000</p>",
    "</div></div></body></html>",
    "",
  ].join("\n");
}
