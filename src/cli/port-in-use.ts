import { UsageError } from "../errors.js";

/** For `.catch` on listening at `port` (`serve`, `sandbox`): a port in use is the user's to change, anything else is rethrown. */
export function refusePortInUse(port: number): (error: NodeJS.ErrnoException) => never {
  return (error) => {
    if (error.code === "EADDRINUSE") throw new UsageError(`Port ${port} is in use; choose another with --port N (0 picks a free one).`);
    throw error;
  };
}
