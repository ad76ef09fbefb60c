import { listWorkers } from "../../queue/workers";
import { publicProcedure, router } from "../trpc";

export const workersRouter = router({
  list: publicProcedure.query(({ ctx }) => listWorkers(ctx.prisma)),
});
