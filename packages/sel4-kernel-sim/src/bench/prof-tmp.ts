import { callReplyRecv, guestFaultRoundTrip, signalWait } from "./workloads";
const which = process.argv[2] ?? "vm";
const n = Number(process.argv[3] ?? "200000");
const f = which === "vm" ? guestFaultRoundTrip : which === "ipc" ? callReplyRecv : signalWait;
await f(2000);
const r = await f(n);
console.log(which, Math.round(r.perCpuSecond), Math.round(r.perSecond));
