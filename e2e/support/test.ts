import { test as base } from "@playwright/test";

/**
 * Projects belong to the browser that made them (a signed owner cookie), so API set-up must run as
 * that browser: `request` is the page's own request context, sharing its cookies.
 */
export const test = base.extend({
  request: async ({ page }, use) => {
    // The browser's owner exists before the test's first call, as the app's own client ensures.
    await page.request.post("/api/session");
    await use(page.request);
  },
});

export { expect } from "@playwright/test";
