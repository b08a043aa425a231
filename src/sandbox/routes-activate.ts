import { html, type Reply, type Route } from "./router.js";

/**
 * trakt.tv/activate, where a person enters the device flow's user code and approves the
 * app: the page the sandbox's `verification_url` points at, so a login against the
 * sandbox can be finished by hand (in a browser, or `curl -d code=CODE URL/activate`).
 */
export const ACTIVATE_PATH = "/activate";

export const activateRoutes: Route[] = [
  {
    method: "GET",
    path: ACTIVATE_PATH,
    // The newest code still waiting is filled in: on the sandbox, one click approves it.
    handle: ({ query, state }) => {
      const latest = state.devices.lastUserCode();
      const code = userCode(query.code) || (latest !== undefined && state.devices.status(latest) === "pending" ? latest : "");
      return page(200, "Activate your device", "Enter the code the app shows you, then approve it.", code);
    },
  },
  {
    method: "POST",
    path: ACTIVATE_PATH,
    handle: ({ form, state }) => {
      const code = userCode(form.code);
      const status = code === "" ? undefined : state.devices.status(code);
      if (status === undefined) return page(404, "Unknown code", `No login is waiting for the code "${code}". Check it and try again.`, code);
      if (status !== "pending") return page(409, `This code is ${status}`, "Start the login again in the app for a new code.", "");
      const approve = form.decision !== "deny";
      state.devices.decide(code, approve ? "approved" : "denied");
      return page(
        200,
        approve ? "Approved" : "Denied",
        approve ? "Go back to the app: it logs in at its next check." : "The app is told so at its next check.",
        "",
      );
    },
  },
];

/** Codes are upper-case letters and digits; anything else a person typed (spaces, dashes) is dropped. */
function userCode(value: string | undefined): string {
  return (value ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");
}

function page(status: number, title: string, message: string, code: string): Reply {
  return html(
    status,
    [
      "<!DOCTYPE html>",
      '<html lang="en"><head><meta charset="UTF-8"><title>Trakt sandbox: activate</title></head><body>',
      `<h1>${title}</h1>`,
      `<p>${message}</p>`,
      `<form method="post" action="${ACTIVATE_PATH}">`,
      `<label>Code <input name="code" value="${code}" autocomplete="off" autofocus></label>`,
      '<button name="decision" value="approve">Approve</button> <button name="decision" value="deny">Deny</button>',
      "</form>",
      "<p>This is the sandbox (a fake Trakt on this computer), logged in as its sample user.</p>",
      "</body></html>",
      "",
    ].join("\n"),
  );
}
