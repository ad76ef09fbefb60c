import { listWorkers } from "../../queue/workers";
import { publicProcedure, router } from "../trpc";

/** Names, slots and capabilities of the workers: shared infrastructure, no project data and no ids. */
export const workersRouter = router({
  list: publicProcedure.query(({ ctx }) => listWorkers(ctx.prisma)),
});
