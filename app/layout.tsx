import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./_trpc/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Swarm Architect",
  description: "Design, build, simulate, deploy and flash a swarm of microcontroller nodes.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
