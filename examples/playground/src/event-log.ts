/** The VMM's event log panel: newest at the bottom, identical consecutive events merged (×N). */
import type { LogEntry } from "./protocol";

const MAX_ENTRIES = 500;

export class EventLog {
  readonly #list: HTMLOListElement;
  #last: { line: string; count: number; item: HTMLLIElement } | null = null;

  constructor(list: HTMLOListElement) {
    this.#list = list;
  }

  clear(): void {
    this.#list.replaceChildren();
    this.#last = null;
  }

  append(entries: readonly LogEntry[]): void {
    if (entries.length === 0) return;
    const follow = this.#list.scrollTop + this.#list.clientHeight >= this.#list.scrollHeight - 4;
    for (const { line, count } of entries) {
      if (this.#last && this.#last.line === line) {
        this.#last.count += count;
      } else {
        const item = document.createElement("li");
        this.#list.append(item);
        this.#last = { line, count, item };
      }
      this.#last.item.textContent = this.#last.count > 1 ? `${line} ×${this.#last.count}` : line;
    }
    while (this.#list.childElementCount > MAX_ENTRIES) this.#list.firstElementChild!.remove();
    if (follow) this.#list.scrollTop = this.#list.scrollHeight;
  }
}
