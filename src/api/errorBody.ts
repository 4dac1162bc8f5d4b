import { z } from "zod";

/** Every error answer: a stable `code` for programs and a `message` a person can act on; never a stack. */
export const errorBody = z.object({ statusCode: z.number(), code: z.string(), error: z.string(), message: z.string() });
