import type { BrowserCapabilities } from "../device-choice";

/** What this page can use to reach a board: a secure context, Web Serial, WebUSB. */
export function browserCapabilities(): BrowserCapabilities {
  if (typeof window === "undefined") return { secureContext: false, serial: false, usb: false };
  return { secureContext: window.isSecureContext, serial: "serial" in navigator, usb: "usb" in navigator };
}
