import { examples, summarizeExample } from "../../../examples";
import { publicProcedure, router } from "../trpc";

/** The gallery of ready swarms: public, the same for everyone, and holding no project data. */
export const examplesRouter = router({
  list: publicProcedure.query(() => examples.map(summarizeExample)),
});
