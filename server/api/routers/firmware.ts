import { z } from "zod";
import { getFirmware } from "../../services/firmware/get-firmware";
import { saveFirmware } from "../../services/firmware/save-firmware";
import { unpinFirmware } from "../../services/firmware/unpin-firmware";
import { publicProcedure, router } from "../trpc";

const byNode = z.object({ projectId: z.string().min(1), nodeId: z.string().min(1) });

export const firmwareRouter = router({
  get: publicProcedure.input(byNode).query(({ ctx, input }) => getFirmware(ctx.prisma, input)),
  save: publicProcedure
    .input(
      byNode.extend({ files: z.array(z.object({ path: z.string(), content: z.string().max(1_000_000) })).max(64) }),
    )
    .mutation(({ ctx, input }) => saveFirmware(ctx.prisma, input)),
  unpin: publicProcedure.input(byNode).mutation(({ ctx, input }) => unpinFirmware(ctx.prisma, input)),
});
