#!/usr/bin/env node
// microkit-hello: loads system/hello.system, builds it on the kernel sim with the programs of
// system/*.ts and runs it until every PD waits; the PDs' and the monitor's output is printed.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSystem, parseSdf } from "@sel4ts/microkit";
import client from "../system/client.js";
import crasher from "../system/crasher.js";
import parent from "../system/parent.js";
import server from "../system/server.js";

const systemFile = fileURLToPath(new URL("../system/hello.system", import.meta.url));
const description = parseSdf("hello.system", readFileSync(systemFile, "utf8"));
const system = buildSystem(
  description,
  { "client.elf": client, "server.elf": server, "parent.elf": parent, "crasher.elf": crasher },
  { kernel: { consoleOutput: (text) => process.stdout.write(text) } },
);
const result = await system.run();
process.stdout.write(`microkit-hello: system idle after ${(result.now / 1000).toFixed(0)} us of virtual time\n`);
