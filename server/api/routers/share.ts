import { z } from "zod";
import { createShareLink } from "../../services/share/create-share-link";
import { forkSharedProject } from "../../services/share/fork-shared-project";
import { listShareLinks } from "../../services/share/list-share-links";
import { openShareLink } from "../../services/share/open-share-link";
import { revokeShareLink } from "../../services/share/revoke-share-link";
import { ownerProcedure, projectProcedure, router } from "../trpc";

const token = z.string().min(1).max(128);

/**
 * Read-only links. Making, listing and revoking them is the owner's (never `shareRead`); opening and
 * forking take the token itself, so they show only the one project it opens.
 */
export const shareRouter = router({
  create: projectProcedure
    .input(z.object({ allowFirmware: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => createShareLink(ctx.prisma, { project: ctx.project, ...input })),
  list: projectProcedure.query(({ ctx }) => listShareLinks(ctx.prisma, ctx.project)),
  revoke: projectProcedure
    .input(z.object({ linkId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revokeShareLink(ctx.prisma, { project: ctx.project, linkId: input.linkId })),
  open: ownerProcedure.input(z.object({ token })).query(({ ctx, input }) => openShareLink(ctx.prisma, input.token)),
  fork: ownerProcedure
    .input(z.object({ token }))
    .mutation(({ ctx, input }) => forkSharedProject(ctx.prisma, ctx.caller, input.token)),
});
