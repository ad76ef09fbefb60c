import { z } from "zod";
import { getBroker } from "../../broker";
import { getDb } from "../../db";
import { approveDeploy } from "../../services/deploy/approve-deploy";
import { cancelDeploy } from "../../services/deploy/cancel-deploy";
import { destroyDeploy } from "../../services/deploy/destroy-deploy";
import { discardDeployPlan } from "../../services/deploy/discard-deploy-plan";
import { getDeploy } from "../../services/deploy/get-deploy";
import { startDeploy, type LocalEndpoint } from "../../services/deploy/start-deploy";
import { shareDeployView } from "../../services/share/share-views";
import { projectProcedure, router, shareRead } from "../trpc";

/** Where boards reach the local server: MQTT_PUBLIC_HOST, else PUBLIC_URL's host, else this machine. */
function localEndpoint(env: NodeJS.ProcessEnv = process.env): LocalEndpoint {
  const serverUrl = env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`;
  const mqttHost = env.MQTT_PUBLIC_HOST || new URL(serverUrl).hostname;
  return {
    serverUrl,
    mqttHost,
    mqttPort: Number(env.MQTT_PORT || 1883),
    mqttWsUrl: `ws://${mqttHost}:${env.MQTT_WS_PORT || 9001}`,
  };
}

export const deployRouter = router({
  start: projectProcedure.input(z.object({ target: z.enum(["local", "aws"]) })).mutation(async ({ ctx, input }) => {
    const db = await getDb();
    const broker = await getBroker(db.prisma).catch(() => null);
    return startDeploy(
      ctx.prisma,
      { sql: db.sql, broker, endpoint: localEndpoint() },
      { project: ctx.project, ...input },
    );
  }),
  /** A link holder gets it without the plan or its deploy job (see shareDeployView). */
  get: projectProcedure.meta(shareRead).query(async ({ ctx }) => {
    const view = await getDeploy(ctx.prisma, ctx.project);
    return ctx.viewer === "share" ? shareDeployView(view) : view;
  }),
  /** AWS: applies the saved plan the person has read. */
  approve: projectProcedure.mutation(({ ctx }) => approveDeploy(ctx.prisma, ctx.project)),
  /** AWS: throws the plan away unapplied. */
  discard: projectProcedure.mutation(({ ctx }) => discardDeployPlan(ctx.prisma, ctx.project)),
  destroy: projectProcedure.mutation(({ ctx }) => destroyDeploy(ctx.prisma, ctx.project)),
  /** AWS: interrupts the running terraform job; its state is still saved. */
  cancel: projectProcedure.mutation(({ ctx }) => cancelDeploy(ctx.prisma, ctx.project)),
});
