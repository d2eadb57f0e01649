import { describe, expect, test } from "vitest";

import { STUB_CONFIG, checkConfig, toggledKinds, withOption } from "../src/config";
import type { CardConfig } from "../src/types";

const TYPE = "custom:track123-shipments-card";

describe("configuration", () => {
  test("the picker's start and every option the editor sets are accepted", () => {
    expect(checkConfig({ type: TYPE, ...STUB_CONFIG })).toEqual({ type: TYPE, ...STUB_CONFIG });
    const full: CardConfig = {
      type: TYPE,
      title: "Post",
      group_by: "kind",
      hide_delivered_after_days: 0,
      kinds: ["air"],
      sort: "name",
    };
    expect(checkConfig(full)).toBe(full);
  });

  test.each([
    [{ group_by: "carrier" }, /group_by/],
    [{ sort: "random" }, /sort/],
    [{ hide_delivered_after_days: -1 }, /hide_delivered_after_days/],
    [{ hide_delivered_after_days: "3" }, /hide_delivered_after_days/],
    [{ kinds: ["truck"] }, /kinds/],
    [{ kinds: "parcel" }, /kinds/],
  ])("%o is refused with a message naming the option", (option, message) => {
    expect(() => checkConfig({ type: TYPE, ...(option as object) })).toThrow(message);
  });

  test("an option set, or left out when emptied", () => {
    const config: CardConfig = { type: TYPE, title: "Post" };
    expect(withOption(config, "sort", "name")).toEqual({ type: TYPE, title: "Post", sort: "name" });
    expect(withOption(config, "title", undefined)).toEqual({ type: TYPE });
    expect(config).toEqual({ type: TYPE, title: "Post" });
  });

  test("kinds switched on and off; all three is the same as none set", () => {
    expect(toggledKinds(undefined, "ocean", false)).toEqual(["parcel", "air"]);
    expect(toggledKinds(["parcel", "air"], "ocean", true)).toBeUndefined();
    expect(toggledKinds(["air"], "air", false)).toEqual([]);
  });
});
