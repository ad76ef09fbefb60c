import type { SpecNode } from "@/contracts/spec/schema";

export type Role = SpecNode["role"];
export const roles: Role[] = ["sensor", "actuator", "gateway"];

const roleStyle: Record<Role, string> = {
  sensor: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  actuator: "bg-amber-50 text-amber-700 ring-amber-600/20",
  gateway: "bg-sky-50 text-sky-700 ring-sky-600/20",
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      className={`inline-flex shrink-0 rounded-full px-2 py-0.5 text-[11px] font-medium capitalize ring-1 ring-inset ${roleStyle[role]}`}
    >
      {role}
    </span>
  );
}
