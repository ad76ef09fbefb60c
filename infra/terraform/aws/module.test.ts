import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@cdktf/hcl2json";
import { beforeAll, describe, expect, it } from "vitest";

const moduleDir = path.dirname(fileURLToPath(import.meta.url));

type Block = Record<string, unknown>;
interface Module {
  variable: Record<string, Block[]>;
  output: Record<string, Block[]>;
  resource: Record<string, Record<string, Block[]>>;
  data: Record<string, Record<string, Block[]>>;
  locals: Block[];
  terraform: Block[];
}

/** Every .tf file of the module through the real HCL parser, merged the way terraform merges them. */
async function parseModule(): Promise<Module> {
  const merged: Module = { variable: {}, output: {}, resource: {}, data: {}, locals: [], terraform: [] };
  for (const name of readdirSync(moduleDir).filter((file) => file.endsWith(".tf"))) {
    const parsed = (await parse(name, readFileSync(path.join(moduleDir, name), "utf8"))) as Partial<Module>;
    Object.assign(merged.variable, parsed.variable);
    Object.assign(merged.output, parsed.output);
    for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
      merged.resource[type] = { ...merged.resource[type], ...byName };
    }
    for (const [type, byName] of Object.entries(parsed.data ?? {}))
      merged.data[type] = { ...merged.data[type], ...byName };
    merged.locals.push(...(parsed.locals ?? []));
    merged.terraform.push(...(parsed.terraform ?? []));
  }
  return merged;
}

let tf: Module;
beforeAll(async () => {
  tf = await parseModule();
});

const locals = () => Object.assign({}, ...tf.locals) as Record<string, unknown>;
/** A literal, or a "${local.x}" reference resolved one level. */
function resolve(value: unknown): unknown {
  const reference = typeof value === "string" ? /^\$\{local\.([a-z_]+)\}$/.exec(value) : null;
  return reference ? locals()[reference[1]] : value;
}

describe("the AWS module, as the HCL parser reads it", () => {
  it("is rejected by the same parser when malformed, so the checks below read real HCL", async () => {
    await expect(parse("broken.tf", 'variable "x" {\n  type = \n}\n')).rejects.toThrow(/Invalid expression/);
  });

  it("takes the documented variables; ssh_cidr has no default", () => {
    expect(Object.keys(tf.variable).sort()).toEqual(
      [
        "aggregator_package",
        "aggregator_token",
        "auto_destroy_hours",
        "instance_type",
        "node_credentials",
        "node_version",
        "region",
        "ssh_cidr",
        "ssh_public_key",
        "swarm_id",
        "tags",
      ].sort(),
    );
    expect(tf.variable.ssh_cidr[0]).not.toHaveProperty("default");
    expect(tf.variable.auto_destroy_hours[0].default).toBe(0);
    expect(JSON.stringify(tf.variable.ssh_cidr[0].validation)).toContain("0.0.0.0/0");
  });

  it("marks every secret variable sensitive, and only those", () => {
    const sensitive = Object.entries(tf.variable)
      .filter(([, [block]]) => block.sensitive === true)
      .map(([name]) => name);
    expect(sensitive.sort()).toEqual(["aggregator_token", "node_credentials"]);
  });

  it("outputs exactly what the app and the firmware need, none of it secret", () => {
    expect(Object.keys(tf.output).sort()).toEqual(
      ["mqtt_host", "mqtt_port", "mqtt_ws_url", "server_ip", "server_url", "swarm_id"].sort(),
    );
    for (const [name, [block]] of Object.entries(tf.output)) expect(block.sensitive, name).toBeUndefined();
    expect(tf.output.mqtt_port[0].value).toBe("${local.mqtt_tls_port}");
    expect(resolve(tf.output.mqtt_port[0].value)).toBe(8883);
  });

  it("lets SSH in only from var.ssh_cidr and opens MQTT/TLS, MQTT/WSS and HTTPS to everyone", () => {
    expect(tf.resource.aws_security_group.server[0]).not.toHaveProperty("ingress");
    const rules = Object.values(tf.resource.aws_vpc_security_group_ingress_rule).flat();
    const opened: { ports: number[]; cidr: unknown }[] = rules.map((rule) => {
      expect(rule.ip_protocol).toBe("tcp");
      expect(rule).not.toHaveProperty("cidr_ipv6");
      if (rule.for_each) {
        const ports = Object.values(resolve(rule.for_each) as Record<string, unknown>).map((port) => resolve(port));
        expect(rule.from_port).toBe("${each.value}");
        return { ports: ports as number[], cidr: rule.cidr_ipv4 };
      }
      const from = Number(rule.from_port);
      const to = Number(rule.to_port);
      return { ports: Array.from({ length: to - from + 1 }, (_, i) => from + i), cidr: rule.cidr_ipv4 };
    });
    const sshRules = opened.filter((rule) => rule.ports.includes(22));
    expect(sshRules).toEqual([{ ports: [22], cidr: "${var.ssh_cidr}" }]);
    const world = opened.filter((rule) => rule.cidr === "0.0.0.0/0").flatMap((rule) => rule.ports);
    expect(world.sort()).toEqual([443, 8883, 8884]);
  });

  it("boots Ubuntu 24.04 LTS from Canonical's own AMIs", () => {
    const ami = tf.data.aws_ami.ubuntu[0];
    expect(ami.owners).toEqual(["099720109477"]);
    expect(ami.most_recent).toBe(true);
    const filters = ami.filter as { name: string; values: string[] }[];
    expect(filters.find((filter) => filter.name === "name")?.values[0]).toMatch(
      /^ubuntu\/images\/.*ubuntu-noble-24\.04-amd64-server-\*$/,
    );
  });

  it("gives the instance an Elastic IP, its cloud-init template and terminate-on-shutdown for auto-destroy", () => {
    const instance = tf.resource.aws_instance.server[0];
    expect(instance.ami).toBe("${data.aws_ami.ubuntu.id}");
    expect(instance.user_data).toMatch(/^\$\{templatefile\("\$\{path\.module\}\/cloud-init\.yaml\.tftpl", \{/);
    expect(instance.instance_initiated_shutdown_behavior).toBe('${var.auto_destroy_hours > 0 ? "terminate" : "stop"}');
    expect(tf.resource.aws_eip_association.server[0]).toEqual({
      allocation_id: "${aws_eip.server.id}",
      instance_id: "${aws_instance.server.id}",
    });
  });

  it("pins the aws provider to one exact version", () => {
    const providers = tf.terraform.flatMap((block) => (block.required_providers ?? []) as Block[]);
    const aws = Object.assign({}, ...providers).aws as { source: string; version: string };
    expect(aws.source).toBe("hashicorp/aws");
    expect(aws.version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
