import { z } from "zod";
import { boards, getBoard } from "../../../boards";
import { AppError } from "../../../contracts/errors";
import { publicProcedure, router } from "../trpc";

export const boardsRouter = router({
  list: publicProcedure.query(() => boards),
  get: publicProcedure.input(z.object({ id: z.string() })).query(({ input }) => {
    const board = getBoard(input.id);
    if (!board) throw new AppError("NOT_FOUND", `Unknown board "${input.id}".`);
    return board;
  }),
});
