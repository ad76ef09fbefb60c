import { test as base } from "@playwright/test";

/**
 * Projects belong to the browser that made them (a signed owner cookie), so API set-up must run as
 * that browser: `request` is the page's own request context, sharing its cookies.
 */
export const test = base.extend({
  request: async ({ page }, use) => {
    await use(page.request);
  },
});

export { expect } from "@playwright/test";
