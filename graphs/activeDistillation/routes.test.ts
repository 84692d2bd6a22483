import { END } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { parseDistillConfig } from "../../runtime/config/distillConfig.js";
import { STOP_DESTINATIONS, stopRoute, TEACHER_DESTINATIONS, teacherRoute } from "./routes.js";

const config = (method: "active" | "freeal") => parseDistillConfig({ dataset: { train: "x.jsonl" }, method, budget: { maxTeacherLabels: 100 } });
const stopReason = { criterion: "maxTeacherLabels", message: "spent", round: 3 };

describe("distillation routes", () => {
  it("asks the teacher again while the batch has items, then trains the student", () => {
    expect(teacherRoute({ batch: ["a"] })).toBe("askTeacher");
    expect(teacherRoute({ batch: [] })).toBe("trainStudent");
    expect(TEACHER_DESTINATIONS).toEqual(["askTeacher", "trainStudent"]);
  });

  it("after stop: ends on a reason, else the student selects (active) or filters (FreeAL)", () => {
    expect(stopRoute({ stopReason: null, config: config("active") })).toBe("select");
    expect(stopRoute({ stopReason: null, config: config("freeal") })).toBe("smallLossFilter");
    expect(stopRoute({ stopReason, config: config("freeal") })).toBe(END);
    for (const destination of [stopRoute({ stopReason: null, config: config("active") }), stopRoute({ stopReason, config: config("active") })])
      expect(STOP_DESTINATIONS).toContain(destination);
  });
});
