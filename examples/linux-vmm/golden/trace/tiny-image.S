// A tiny guest in the arm64 Linux Image format (Documentation/arch/arm64/booting.rst), for
// src/trace-diff.test.ts: a loop, loads and stores in RAM, a byte to the PL011, a load from the
// GIC distributor (a VM exit to the VMM, the instruction restarted after it), an ID register read,
// and PSCI SYSTEM_OFF by HVC. Under QEMU and under this VMM it runs the same instructions.
    .text
    .global _start
_start:
    b       entry                   // code0
    .word   0                       // code1
    .quad   0                       // text_offset
    .quad   image_end - _start      // image_size
    .quad   0x2                     // flags: little-endian, 4K pages
    .quad   0, 0, 0                 // res2-res4
    .ascii  "ARM\x64"               // magic
    .word   0                       // res5
entry:
    mov     x19, x0                 // the DTB address the loader passed
    adr     x20, buf
    mov     x3, #7
    mov     x4, #0
1:  add     x4, x4, x3, lsl #2      // x4 = 4 * (7+6+...+1) = 0x70
    subs    x3, x3, #1
    b.ne    1b
    stp     x4, x3, [x20]
    ldp     x5, x6, [x20]
    eor     x7, x5, #0xff           // 0x70 ^ 0xff = 0x8f
    str     w7, [x20, #16]
    ldrb    w8, [x20, #16]
    mov     x1, #0x09000000         // PL011 DR
    sub     w9, w8, #0x6e           // 0x8f - 0x6e: prints !
    strb    w9, [x1]
    mov     x2, #0x08000000         // the GIC distributor, emulated by the VMM
    ldr     w10, [x2]               // GICD_CTLR: 0 (disabled) after reset
    mrs     x11, midr_el1
    ubfx    x12, x11, #4, #12       // the part number, 0xd03 (Cortex-A53)
    movz    w0, #0x0008
    movk    w0, #0x8400, lsl #16    // PSCI SYSTEM_OFF
    hvc     #0
2:  b       2b
    .balign 16
buf:
    .skip   32
image_end:
