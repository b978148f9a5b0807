export { GuestImagesError, PrivateApt, extractDeb } from "./apt.js";
export type { Log } from "./apt.js";
export { busyboxAppletNames } from "./busybox-applets.js";
export { DEFAULT_INIT_SCRIPT, buildBusyboxInitramfs, busyboxInitramfsEntries, writeNewcCpio } from "./initramfs.js";
export type { BusyboxInitramfsOptions, InitramfsEntry } from "./initramfs.js";
export { BUSYBOX_PACKAGE, KERNEL_METAPACKAGE, cachedGuestImages, defaultCacheDir, ensureGuestImages } from "./images.js";
export type { EnsureOptions, GuestImages } from "./images.js";
