import { z } from "zod";

/** A console line of a job (every kind may log). */
export const logEvent = z.object({ type: z.literal("log"), data: z.object({ line: z.string() }) });
