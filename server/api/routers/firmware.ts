import { z } from "zod";
import { firmwareFilesSchema } from "../../../contracts/firmware";
import { getFirmware } from "../../services/firmware/get-firmware";
import { saveFirmware } from "../../services/firmware/save-firmware";
import { unpinFirmware } from "../../services/firmware/unpin-firmware";
import { projectProcedure, router } from "../trpc";

const byNode = z.object({ nodeId: z.string().min(1).max(64) });

export const firmwareRouter = router({
  get: projectProcedure
    .input(byNode)
    .query(({ ctx, input }) => getFirmware(ctx.prisma, { project: ctx.project, nodeId: input.nodeId })),
  save: projectProcedure
    .input(byNode.extend({ files: firmwareFilesSchema }))
    .mutation(({ ctx, input }) => saveFirmware(ctx.prisma, { project: ctx.project, ...input })),
  unpin: projectProcedure
    .input(byNode)
    .mutation(({ ctx, input }) => unpinFirmware(ctx.prisma, { project: ctx.project, nodeId: input.nodeId })),
});
