import { sel4tsTsupConfig } from "../../tsup.shared";

export default sel4tsTsupConfig();
