/** @type {import('next').NextConfig} */
const nextConfig = {
  // The app runs from the repository (npm start), so native/WASM server packages load from node_modules.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
