import { designParseInputSchema } from "../../../contracts/design";
import { authorizeProject } from "../../auth/gate";
import { limitDesignParse } from "../../http/rate-limit";
import { parseDesign } from "../../services/design/parse-design";
import { getSpec } from "../../services/spec/get-spec";
import { ownerProcedure, router } from "../trpc";

export const designRouter = router({
  /**
   * A proposal from a description: with a projectId it extends that project's design (through the same
   * ownership gate as every project procedure), without one it starts from an empty design. It changes
   * nothing; the user applies what they accept through spec.update. A mutation rather than a query so a
   * model call is never repeated by caching or refetching.
   */
  parse: ownerProcedure.input(designParseInputSchema).mutation(async ({ ctx, input }) => {
    const existing = input.projectId
      ? getSpec(await authorizeProject(ctx.prisma, ctx.caller, input.projectId)).spec
      : undefined;
    limitDesignParse(ctx.caller.ownerId);
    const { ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, ANTHROPIC_MODEL } = process.env;
    return parseDesign({ text: input.text, existing, env: { ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, ANTHROPIC_MODEL } });
  }),
});
