import { z } from "zod";

/** GET /v1/me: who the credentials sign in as (the add-in's "test connection"). */
export const signedIn = z.object({ name: z.string(), email: z.string(), organisation: z.object({ id: z.string(), name: z.string() }) });
