/** Shared Tailwind class strings, so buttons and inputs look the same on every page. */
const buttonBase =
  "inline-flex items-center justify-center gap-1.5 rounded-md text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed disabled:opacity-50";

export const ui = {
  buttonPrimary: `${buttonBase} bg-indigo-600 px-3 py-1.5 text-white shadow-sm hover:bg-indigo-500`,
  buttonSecondary: `${buttonBase} border border-slate-300 bg-white px-3 py-1.5 text-slate-700 shadow-sm hover:bg-slate-50`,
  buttonDanger: `${buttonBase} bg-rose-600 px-3 py-1.5 text-white shadow-sm hover:bg-rose-500`,
  buttonGhost: `${buttonBase} px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900`,
  buttonGhostDanger: `${buttonBase} px-2 py-1 text-rose-600 hover:bg-rose-50`,
  input:
    "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid=true]:border-rose-400 aria-[invalid=true]:ring-rose-400/30",
  label: "block text-xs font-medium text-slate-600",
  card: "rounded-lg border border-slate-200 bg-white shadow-sm",
  sectionTitle: "text-xs font-semibold uppercase tracking-wide text-slate-500",
};
