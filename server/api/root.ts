import { boardsRouter } from "./routers/boards";
import { deployRouter } from "./routers/deploy";
import { designRouter } from "./routers/design";
import { examplesRouter } from "./routers/examples";
import { gatewayRouter } from "./routers/gateway";
import { alertsRouter, commandsRouter, telemetryRouter } from "./routers/telemetry";
import { buildRouter } from "./routers/build";
import { firmwareRouter } from "./routers/firmware";
import { secretsRouter } from "./routers/secrets";
import { shareRouter } from "./routers/share";
import { simulateRouter } from "./routers/simulate";
import { diagnosticsRouter, jobsRouter } from "./routers/jobs";
import { projectRouter } from "./routers/project";
import { specRouter } from "./routers/spec";
import { workersRouter } from "./routers/workers";
import { router } from "./trpc";

export const appRouter = router({
  boards: boardsRouter,
  project: projectRouter,
  spec: specRouter,
  design: designRouter,
  jobs: jobsRouter,
  diagnostics: diagnosticsRouter,
  workers: workersRouter,
  build: buildRouter,
  firmware: firmwareRouter,
  secrets: secretsRouter,
  simulate: simulateRouter,
  deploy: deployRouter,
  telemetry: telemetryRouter,
  alerts: alertsRouter,
  commands: commandsRouter,
  gateway: gatewayRouter,
  share: shareRouter,
  examples: examplesRouter,
});

export type AppRouter = typeof appRouter;
