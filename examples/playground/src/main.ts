/** The playground page: guest picker, Start/Stop/Restart, the console, statistics and the event log. */
import "@xterm/xterm/css/xterm.css";
import "./style.css";
import { Terminal } from "@xterm/xterm";
import type { GuestConfig } from "@sel4ts-examples/hello-guest";
import { EventLog } from "./event-log";
import { checkGuestImage } from "./guest-image";
import { GUESTS, type GuestDescriptor } from "./guests";
import type { FromWorker, RunState } from "./protocol";
import { Runner } from "./runner";
import { EMPTY_STATS, renderStats } from "./stats-view";

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const picker = element<HTMLSelectElement>("guest");
const fileInput = element<HTMLInputElement>("file");
const urlInput = element<HTMLInputElement>("url");
const startButton = element<HTMLButtonElement>("start");
const stopButton = element<HTMLButtonElement>("stop");
const restartButton = element<HTMLButtonElement>("restart");
const stateBadge = element<HTMLSpanElement>("state");
const description = element<HTMLParagraphElement>("description");
const message = element<HTMLDivElement>("message");
const statsTable = element<HTMLTableElement>("stats");
const events = new EventLog(element<HTMLOListElement>("events"));

const terminal = new Terminal({ cols: 80, rows: 24, convertEol: true, cursorBlink: true, fontSize: 14, scrollback: 2000 });
terminal.open(element("terminal"));

/** The image and wiring of the last start, for Restart. */
let last: { name: string; image: Uint8Array; config: GuestConfig } | null = null;

const runner = new Runner({
  onMessage: (m) => handle(m),
  onWorkerError: (text) => fail(`The emulator's worker failed: ${text}`),
});

terminal.onData((data) => {
  if (runner.running) runner.input(data);
});

for (const guest of GUESTS) picker.append(new Option(guest.title, guest.id));
picker.addEventListener("change", showSelection);
startButton.addEventListener("click", () => void start());
stopButton.addEventListener("click", () => {
  runner.stop();
  setState("stopped");
});
restartButton.addEventListener("click", () => {
  if (last) launch(last);
});
showSelection();
renderStats(statsTable, EMPTY_STATS);

function selected(): GuestDescriptor {
  return GUESTS.find((guest) => guest.id === picker.value) ?? GUESTS[0]!;
}

function showSelection(): void {
  const guest = selected();
  description.textContent = guest.description;
  fileInput.hidden = guest.image.kind !== "file";
  urlInput.hidden = guest.image.kind !== "url";
}

function setState(state: RunState | "stopped" | "failed" | "loading"): void {
  stateBadge.dataset.state = state;
  stateBadge.textContent = state.replace(/-/g, " ");
  const active = state === "running" || state === "waiting-for-input";
  stopButton.disabled = !active;
  restartButton.disabled = last === null || state === "loading";
}

function showMessage(text: string | null): void {
  message.hidden = text === null;
  message.textContent = text ?? "";
}

function fail(text: string): void {
  runner.stop();
  setState("failed");
  showMessage(text);
  terminal.write(`\r\n\x1b[31m[${text.split("\n")[0]}]\x1b[0m\r\n`);
}

/** Reads the selected guest's image: the bundled file, the user's file or the URL. */
async function loadImage(guest: GuestDescriptor): Promise<{ name: string; bytes: Uint8Array }> {
  const fetchBytes = async (url: string, name: string) => {
    let response: Response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw new Error(`could not fetch ${name}: ${error instanceof Error ? error.message : String(error)} (is the address right, and does the server allow this page to read it?)`);
    }
    if (!response.ok) throw new Error(`could not fetch ${name}: the server answered ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  switch (guest.image.kind) {
    case "bundled":
      return { name: guest.title, bytes: await fetchBytes(guest.image.url, guest.title) };
    case "file": {
      const file = fileInput.files?.[0];
      if (!file) throw new Error("choose a guest image file first");
      return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    }
    case "url": {
      const url = urlInput.value.trim();
      if (!url) throw new Error("type the URL of a guest image first");
      return { name: url, bytes: await fetchBytes(url, url) };
    }
  }
}

async function start(): Promise<void> {
  const guest = selected();
  showMessage(null);
  setState("loading");
  try {
    const { name, bytes } = await loadImage(guest);
    const problem = checkGuestImage(name, bytes);
    if (problem) throw new Error(problem);
    last = { name: guest.id, image: bytes, config: guest.config };
    launch(last);
  } catch (error) {
    fail(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function launch(run: { name: string; image: Uint8Array; config: GuestConfig }): void {
  showMessage(null);
  terminal.reset();
  events.clear();
  renderStats(statsTable, EMPTY_STATS);
  setState("running");
  runner.start(run.name, run.image, run.config);
  terminal.focus();
}

function handle(m: FromWorker): void {
  if (m.type === "failed") {
    fail(`The VMM failed: ${m.message}`);
    return;
  }
  if (m.output) terminal.write(m.output);
  events.append(m.events);
  renderStats(statsTable, m.stats);
  setState(m.state);
  if (m.state === "guest-error") {
    runner.stop();
    setState("guest-error");
    showMessage(["The guest stopped with an error: libsel4vm stopped the VM.", ...(m.report ?? [])].join("\n"));
    terminal.write("\r\n\x1b[31m[the guest stopped with an error: see the report above]\x1b[0m\r\n");
  } else if (m.state === "powered-off") {
    runner.stop();
    setState("powered-off");
  }
}
