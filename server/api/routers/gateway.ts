import { z } from "zod";
import { getBroker } from "../../broker";
import { forwardNodeRecords } from "../../services/gateway/forward-node-records";
import { projectProcedure, router } from "../trpc";

export const gatewayRouter = router({
  /** Records a USB-attached node printed in the serial monitor, published on its topics by the app. */
  publish: projectProcedure
    .input(
      z.object({
        nodeId: z.string().min(1).max(64),
        records: z
          .array(z.object({ kind: z.enum(["telemetry", "event"]), record: z.record(z.string(), z.json()) }))
          .min(1)
          .max(100),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      forwardNodeRecords(await getBroker(ctx.prisma).catch(() => null), { project: ctx.project, ...input }),
    ),
});
