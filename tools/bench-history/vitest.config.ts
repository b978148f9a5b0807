import { sel4tsVitestConfig } from "../../vitest.shared";

export default sel4tsVitestConfig();
