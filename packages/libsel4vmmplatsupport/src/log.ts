/** Where log lines go (one call per line, already formatted). Same shape as libsel4vm's vm_logger_fn. */
export type platsupport_logger_fn = (line: string) => void;

/** The default logger: console.error, like ZF_LOG's stderr output. */
export const defaultPlatsupportLogger: platsupport_logger_fn = (line) => console.error(line);

/** Anything that names itself in log lines and carries a logger (a vm_t, a vmm_pci_space_t, …). */
export interface LogSink {
  readonly logger: platsupport_logger_fn;
}

/** Logs `<prefix>|ERROR: <fn>: <reason>` (ZF_LOGE style). */
export function logError(sink: LogSink & { readonly vm_name?: string }, fn: string, reason: string): void {
  sink.logger(`${sink.vm_name ?? "vmm"}|ERROR: ${fn}: ${reason}`);
}

/** Logs `<prefix>|WARN: <fn>: <reason>` (ZF_LOGW style). */
export function logWarn(sink: LogSink & { readonly vm_name?: string }, fn: string, reason: string): void {
  sink.logger(`${sink.vm_name ?? "vmm"}|WARN: ${fn}: ${reason}`);
}

/** `0x<hex>` for addresses and sizes in log lines. */
export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}

/** `bb:dd.f` as lspci prints a PCI address. */
export function bdf(addr: { bus: number; dev: number; fun: number }): string {
  const two = (n: number) => n.toString(16).padStart(2, "0");
  return `${two(addr.bus)}:${two(addr.dev)}.${addr.fun}`;
}
