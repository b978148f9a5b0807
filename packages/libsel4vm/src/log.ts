/** Where a VM's log lines go (one call per line, already formatted). */
export type vm_logger_fn = (line: string) => void;

/** The default logger: console.error, like ZF_LOG's stderr output. */
export const defaultVmLogger: vm_logger_fn = (line) => console.error(line);

/** Anything that carries a VM name and a logger (a vm_t). */
export interface LoggingVm {
  readonly vm_name: string;
  readonly logger: vm_logger_fn;
}

/** Logs `<vm name>|ERROR: <fn>: <reason>` (ZF_LOGE / LOG_VMM_ERR style). */
export function logError(vm: LoggingVm, fn: string, reason: string): void {
  vm.logger(`${vm.vm_name}|ERROR: ${fn}: ${reason}`);
}

/** Logs `<vm name>|WARN: <fn>: <reason>`. */
export function logWarn(vm: LoggingVm, fn: string, reason: string): void {
  vm.logger(`${vm.vm_name}|WARN: ${fn}: ${reason}`);
}

/** Logs `<vm name>|INFO: <text>`. */
export function logInfo(vm: LoggingVm, text: string): void {
  vm.logger(`${vm.vm_name}|INFO: ${text}`);
}

/** `0x<hex>` for addresses and sizes in log lines. */
export function hex(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}
