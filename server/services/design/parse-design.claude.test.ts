/**
 * design.parse with ANTHROPIC_API_KEY, through the real @anthropic-ai/sdk against the local
 * Messages API stand-in: the request carries the SystemSpec JSON schema as the forced tool's
 * input_schema, the existing design and the text; answers are validated by the spec schema and an
 * invalid one is sent back once with the zod issues.
 */
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  startFakeAnthropic,
  type FakeAnthropic,
  type FakeScript,
  type RecordedRequest,
} from "../../../test/support/fake-anthropic";
import { designProposalSchema } from "../../../contracts/design";
import { AppError } from "../../../contracts/errors";
import { systemSpecSchema } from "../../../contracts/spec/schema";
import { parseSpec } from "../../../contracts/spec/validate";
import { specFromSummary } from "./claude.fixtures";
import { parseDesign } from "./parse-design";
import { PHRASES } from "./phrases.fixtures";
import { summarize } from "./summary.fixtures";

const KEY = "sk-ant-test-design-0123456789-secret";
let fake: FakeAnthropic | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function withFake(script: FakeScript) {
  fake = await startFakeAnthropic(script);
  const env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_MODEL: "claude-design-test" };
  return {
    fake,
    run: (text: string, existing?: Parameters<typeof parseDesign>[0]["existing"]) =>
      parseDesign({ text, existing, env, maxRetries: 0 }),
  };
}

/** All the text blocks the request's messages carry, in order. */
function requestText(request: RecordedRequest): string {
  const texts: string[] = [];
  for (const message of request.body.messages as Array<{ content: unknown }>) {
    const blocks =
      typeof message.content === "string"
        ? [{ type: "text", text: message.content }]
        : (message.content as Array<Record<string, unknown>>);
    for (const block of blocks) {
      if (block.type === "text") texts.push(String(block.text));
      if (block.type === "tool_result") texts.push(String(block.content));
    }
  }
  return texts.join("\n");
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected parseDesign to fail");
}

const EXISTING = parseSpec(
  specFromSummary("Greenhouse", {
    nodes: ["greenhouse-1 sensor lm3s6965evb [temperature,humidity] {} 5000"],
    rules: ["temperature > 35 °C => alert"],
    links: [],
  }),
);

describe("design.parse with ANTHROPIC_API_KEY (Claude through the SDK, against the stand-in)", () => {
  it.each(PHRASES.map((row) => [row.text, row] as const))("%s", async (text, row) => {
    const { fake, run } = await withFake([{ toolInput: specFromSummary("Proposed", row.expect) }]);
    const proposal = await run(text);

    expect(proposal.source).toBe("claude");
    expect(designProposalSchema.parse(proposal)).toEqual(proposal);
    expect(summarize(proposal)).toEqual(row.expect);
    expect(proposal.added.map((a) => a.nodeId)).toEqual(proposal.spec.nodes.map((n) => n.id));
    for (const node of proposal.spec.nodes) expect(proposal.boardReasons[node.id]).toMatch(/^[^:]+: /);

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.headers["x-api-key"] ?? request!.headers["authorization"]).toContain(KEY);
    expect(request!.body.model).toBe("claude-design-test");
    expect(request!.body.tools).toHaveLength(1);
    expect(request!.body.tools[0].input_schema).toEqual(
      JSON.parse(JSON.stringify(z.toJSONSchema(systemSpecSchema, { io: "input" }))),
    );
    expect(request!.body.tool_choice).toEqual({ type: "tool", name: request!.body.tools[0].name });
    expect(requestText(request!)).toContain(`# Description\n${text}`);
    expect(requestText(request!)).toContain("(none: start a new design)");
    // The catalogue is in the (cached) system prompt, with what builds here.
    expect(JSON.stringify(request!.body.system)).toContain("lm3s6965evb: TI Stellaris LM3S6965 EVB");
  });

  it("extends the existing design: sends it, keeps its nodes and rules as they were, adds the new ones", async () => {
    const answer = specFromSummary("Greenhouse", {
      nodes: [
        "greenhouse-1 sensor lm3s6965evb [temperature] {} 1000",
        "fan-controller actuator arduino-uno [temperature] {fan} 5000",
      ],
      rules: ["temperature > 30 °C => fan on"],
      links: [],
    });
    const { fake, run } = await withFake([{ toolInput: answer }]);
    const proposal = await run("add a fan controller on an Uno", EXISTING);

    expect(proposal.spec.nodes[0]).toEqual(EXISTING.nodes[0]);
    expect(proposal.spec.nodes.map((n) => n.id)).toEqual(["greenhouse-1", "fan-controller"]);
    expect(proposal.added).toEqual([{ nodeId: "fan-controller", reason: "Claude: Node fan-controller as asked." }]);
    expect(proposal.spec.rules).toEqual([...EXISTING.rules, { when: "temperature > 30 °C", then: "fan on" }]);
    expect(proposal.rulesAdded).toEqual([{ when: "temperature > 30 °C", then: "fan on" }]);
    expect(proposal.boardReasons).toEqual({
      "fan-controller":
        "Arduino Uno: 31.5 KiB flash and 2 KiB RAM; it builds with avr-gcc and boots in QEMU (arduino-uno) here",
    });
    expect(proposal.warnings).toEqual([
      'Claude\'s answer changed the existing node "greenhouse-1"; it is kept as it was.',
    ]);
    expect(requestText(fake.requests[0]!)).toContain(JSON.stringify(EXISTING));
    expect(requestText(fake.requests[0]!)).toContain("node ids in use: greenhouse-1");
  });

  it("keeps an existing node the answer left out", async () => {
    const { run } = await withFake([
      {
        toolInput: specFromSummary("G", {
          nodes: ["gateway gateway esp32-devkitc [uptime] {} 5000"],
          rules: [],
          links: [],
        }),
      },
    ]);
    const proposal = await run("an ESP32 gateway", EXISTING);
    expect(proposal.spec.nodes.map((n) => n.id)).toEqual(["greenhouse-1", "gateway"]);
    expect(proposal.spec.links).toEqual([]);
    expect(proposal.warnings).toContain('Claude\'s answer left out the existing node "greenhouse-1"; it is kept.');
    expect(proposal.boardReasons.gateway).toMatch(/^ESP32-DevKitC: has Wi-Fi, which a gateway needs; /);
  });

  it("tells which of Claude's rules the nodes cannot evaluate themselves", async () => {
    const answer = specFromSummary("P", {
      nodes: ["room-1 sensor lm3s6965evb [co2] {fan} 5000"],
      rules: ["co2 > 1000 ppm => fan on", "avg(co2) > 800 for 1 h => alert"],
      links: [],
    });
    const { run } = await withFake([{ toolInput: answer }]);
    const proposal = await run("a CO2 sensor with a fan; alert when the hourly average is above 800");
    expect(proposal.rulesAdded).toHaveLength(2);
    expect(proposal.warnings).toEqual([
      'The rule "avg(co2) > 800 for 1 h" is not in the "<field> <op> <number>" form nodes evaluate: only the aggregator can run it.',
    ]);
  });

  it("sends an invalid answer back once with the zod issues, then accepts the corrected one", async () => {
    const good = specFromSummary("P", PHRASES[0]!.expect);
    const bad = { ...good, nodes: [{ ...good.nodes[0]!, board: "esp99" }, ...good.nodes.slice(1)], extra: true };
    const { fake, run } = await withFake([{ toolInput: bad }, { toolInput: good }]);
    const proposal = await run(PHRASES[0]!.text);

    expect(summarize(proposal)).toEqual(PHRASES[0]!.expect);
    expect(fake.requests).toHaveLength(2);
    const retry = fake.requests[1]!.body;
    expect(retry.messages).toHaveLength(3);
    expect(retry.messages[1]).toMatchObject({ role: "assistant", content: [{ type: "tool_use", input: bad }] });
    const result = retry.messages[2].content[0];
    expect(result).toMatchObject({ type: "tool_result", tool_use_id: retry.messages[1].content[0].id, is_error: true });
    expect(result.content).toContain('Unrecognized key: "extra"');
    expect(result.content).toContain('nodes.0.board: unknown board "esp99"');
    expect(retry.tools[0].input_schema).toEqual(fake.requests[0]!.body.tools[0].input_schema);
  });

  it("fails with the zod issues when the retry is invalid too", async () => {
    const { fake, run } = await withFake([{ toolInput: { nodes: "three" } }, { toolInput: "not a design" }]);
    const error = await failure(run("three greenhouse sensors"));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(
      /^Claude's design was still invalid after 2 attempts: spec: Invalid input: expected object/,
    );
    expect(fake.requests).toHaveLength(2);
  });

  it("asks again when the answer has no tool call", async () => {
    const { fake, run } = await withFake([
      { text: "Here is your design!" },
      { toolInput: specFromSummary("P", PHRASES[4]!.expect) },
    ]);
    const proposal = await run(PHRASES[4]!.text);
    expect(summarize(proposal)).toEqual(PHRASES[4]!.expect);
    expect(requestText(fake.requests[1]!)).toContain("Answer by calling propose_design with the whole design.");
  });

  it("fails at once on a rejected key, without the key in the message", async () => {
    const { fake, run } = await withFake([{ status: 401, message: `invalid x-api-key ${KEY}` }]);
    const error = await failure(run("three greenhouse sensors"));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(
      "Anthropic rejected the server's ANTHROPIC_API_KEY (401): set a valid key, or unset it to use the offline parser.",
    );
    expect(fake.requests).toHaveLength(1);
  });

  it("names the model when Anthropic does not know it", async () => {
    const { run } = await withFake([{ status: 404, message: "model: claude-design-test" }]);
    const error = await failure(run("three greenhouse sensors"));
    expect(error.message).toBe(
      'Anthropic answered 404 for model "claude-design-test": set ANTHROPIC_MODEL to a model this key can use.',
    );
  });

  it("hands over to the offline parser when the API stays overloaded, and says so", async () => {
    const { fake, run } = await withFake([{ status: 529 }]);
    const proposal = await run(PHRASES[0]!.text);
    expect(proposal.source).toBe("rules");
    expect(summarize(proposal)).toEqual(PHRASES[0]!.expect);
    expect(proposal.warnings[0]).toBe(
      "Claude was unavailable (the Anthropic API answered 529 after 0 retries), so the offline parser made this proposal.",
    );
    expect(fake.requests).toHaveLength(1);
  });
});
