// Stage-1 translation at EL1 with identity page tables built by the guest (4 KiB granule):
//   regime 1: 39-bit VA (T0SZ=25, walk from level 1), 1 GiB blocks, a read-only block alias;
//   regime 2: 48-bit VA (T0SZ=16, walk from level 0), 2 MiB blocks and a window of 4 KiB pages
//             at W = 0xc0000000 with every permission combination;
// MMU on and off, translation faults at levels 0-3 (also out-of-range VAs and TTBR1 with EPD1),
// access-flag and permission faults with ESR/FAR from EL1 and EL0 (loads, stores, fetches of
// PXN/UXN pages, EL0 access to EL1-only pages, implicit PXN of EL0-writable pages), LDTR/STTR at
// EL1, TLBI VAE1/VALE1/VAAE1/ASIDE1/VMALLE1 after remapping a page, AT S1E1R/S1E1W/S1E0R/S1E0W
// with PAR_EL1, and DC ZVA (the zeroed block, and the permission fault it takes as a write).
        .include "guest.inc"

        // Descriptor bits.
        .set    D_BLOCK, 1
        .set    D_TABLE, 3
        .set    D_PAGE, 3
        .set    D_NORMAL, 0 << 2        // AttrIndx 0: MAIR byte 0xff (Normal write-back)
        .set    D_DEVICE, 1 << 2        // AttrIndx 1: MAIR byte 0x00 (Device-nGnRnE)
        .set    D_AP_EL1_RW, 0 << 6
        .set    D_AP_ALL_RW, 1 << 6
        .set    D_AP_EL1_RO, 2 << 6
        .set    D_AP_ALL_RO, 3 << 6
        .set    D_ISH, 3 << 8
        .set    D_AF, 1 << 10
        .set    D_NG, 1 << 11
        .set    D_PXN, 1 << 53
        .set    D_UXN, 1 << 54
        .set    MEM_RW, D_NORMAL | D_ISH | D_AF | D_AP_EL1_RW
        .set    DEV_RW, D_DEVICE | D_AF | D_AP_EL1_RW | D_PXN | D_UXN

        .set    MAIR_VALUE, 0x4400ff
        // IRGN0 = ORGN0 = write-back, SH0 = inner shareable, TG0 = 4 KiB, EPD1 = 1, IPS = 40 bits.
        .set    TCR_COMMON, (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32)
        .set    TCR_39, TCR_COMMON | 25
        .set    TCR_48, TCR_COMMON | 16

        .set    W, 0xc0000000           // the 4 KiB page window of regime 2
        .set    W_BLOCK, 0xc0200000     // a 2 MiB block alias of 0x40000000 (regime 2)
        .set    ALIAS_1G, 0x80000000    // a read-only 1 GiB alias of 0x40000000 (regime 1)
        .set    PG_RW, 0                // window page numbers: see map_window
        .set    PG_EL1_RO, 1
        .set    PG_INVALID, 2
        .set    PG_NO_AF, 3
        .set    PG_EL0_RW, 4
        .set    PG_EL0_CODE, 5
        .set    PG_EL1_CODE, 6
        .set    PG_XN_CODE, 7
        .set    PG_EL0_RO, 8
        .set    PG_ZVA, 9
        .set    PG_ZVA_RO, 10
        .set    PG_NG, 11

// x0 = VA of a window page + offset
        .macro  WADDR reg, page, offset=0
        MOV64   \reg, (W + (\page) * 0x1000 + (\offset))
        .endm

        .macro  MMU_ON
        dsb     ish
        isb
        MOV64   x0, SCTLR_BASE | SCTLR_M | SCTLR_C | SCTLR_I
        msr     sctlr_el1, x0
        isb
        .endm

        .macro  MMU_OFF
        MOV64   x0, SCTLR_BASE
        msr     sctlr_el1, x0
        isb
        tlbi    vmalle1
        dsb     ish
        isb
        .endm

        .text
        .global main
main:
        stp     x29, x30, [sp, #-16]!
        bl      fill_data_pages

        PRINT   "== regime 1: 39-bit VA, 1 GiB blocks\n"
        bl      build_regime_39
        MOV64   x0, MAIR_VALUE
        msr     mair_el1, x0
        MOV64   x0, TCR_39
        msr     tcr_el1, x0
        ADDR    x0, l1_39
        msr     ttbr0_el1, x0
        tlbi    vmalle1
        MMU_ON
        SHOWREG "SCTLR_EL1.M=", sctlr_el1, 1
        ADDR    x19, data_a
        ldr     x20, [x19]
        PRINTX  "identity read of data_a=", x20
        MOV64   x0, ALIAS_1G - 0x40000000
        add     x19, x19, x0
        ldr     x20, [x19]
        PRINTX  "read through the read-only 1 GiB alias=", x20
        PRINT   "-- store through the alias (permission fault, level 1)\n"
        str     x20, [x19]
        PRINT   "-- load at 0xc0000010 (invalid level-1 entry)\n"
        MOV64   x0, 0xc0000010
        ldr     x1, [x0]
        PRINT   "-- load at 0x8000000000 (above 2^39: level 0)\n"
        MOV64   x0, 0x8000000000
        ldr     x1, [x0]
        MMU_OFF
        SHOWREG "SCTLR_EL1.M after turning it off=", sctlr_el1, 1

        PRINT   "== regime 2: 48-bit VA, 2 MiB blocks and 4 KiB pages\n"
        bl      build_regime_48
        MOV64   x0, TCR_48
        msr     tcr_el1, x0
        ADDR    x0, l0_48
        msr     ttbr0_el1, x0
        tlbi    vmalle1
        MMU_ON
        WADDR   x0, PG_RW
        ldr     x20, [x0]
        PRINTX  "W+0 (data_a)=", x20
        WADDR   x0, PG_EL0_RW
        ldr     x20, [x0]
        PRINTX  "W+4 (data_a, EL0 RW)=", x20
        ADDR    x0, data_a
        MOV64   x1, W_BLOCK - 0x40000000
        add     x0, x0, x1
        ldr     x20, [x0]
        PRINTX  "data_a through the 2 MiB block alias=", x20
        MOV64   x0, 0x7777
        WADDR   x1, PG_EL0_RW, 0x18
        str     x0, [x1]
        ADDR    x1, data_a
        ldr     x20, [x1, #0x18]
        PRINTX  "store through W+4 seen at data_a+0x18=", x20

        PRINT   "-- EL1 data aborts: translation L3, access flag L3, permission L3 (store to RO)\n"
        WADDR   x0, PG_INVALID, 0x10
        ldr     x1, [x0]
        WADDR   x0, PG_NO_AF, 0x20
        ldr     x1, [x0]
        WADDR   x0, PG_EL1_RO, 0x28
        ldr     x20, [x0]
        PRINTX  "load from the EL1 RO page=", x20
        WADDR   x0, PG_EL1_RO, 0x28
        str     w1, [x0]
        PRINT   "-- EL1 translation faults at L2, L1, L0, out of range, TTBR1 with EPD1\n"
        MOV64   x0, 0xc0400008
        ldr     x1, [x0]
        MOV64   x0, 0x100000008
        ldr     x1, [x0]
        MOV64   x0, 0x8000000008
        ldr     x1, [x0]
        MOV64   x0, 0x1000000000008
        ldr     x1, [x0]
        MOV64   x0, 0xffff000000000008
        ldr     x1, [x0]
        PRINT   "-- EL1 instruction fetch: EL1 code page runs, PXN page and XN page abort\n"
        WADDR   x0, PG_EL1_CODE
        mov     x20, #0
        blr     x0                      // el1_stub: x20 = 1
        PRINTX  "EL1 code page returned x20=", x20
        WADDR   x0, PG_EL0_CODE
        blr     x0
        WADDR   x0, PG_XN_CODE
        blr     x0
        PRINT   "-- EL1 instruction fetch from an EL0-writable page (implicitly PXN)\n"
        WADDR   x0, PG_EL0_RW
        blr     x0

        PRINT   "-- LDTR/STTR at EL1 (checked as EL0)\n"
        WADDR   x0, PG_EL0_RW, 0x30
        ldtr    x20, [x0]
        PRINTX  "LDTR from the EL0 RW page=", x20
        WADDR   x0, PG_EL0_RW, 0x30
        MOV64   x1, 0x5a5a
        sttr    x1, [x0]
        ldr     x20, [x0]
        PRINTX  "after STTR to it=", x20
        WADDR   x0, PG_EL0_RO, 0x38
        ldtrb   w20, [x0]
        PRINTX  "LDTRB from the EL0 RO page=", x20
        WADDR   x0, PG_EL0_RO, 0x38
        sttr    x1, [x0]
        WADDR   x0, PG_RW, 0x40
        ldtr    w1, [x0]
        WADDR   x0, PG_RW, 0x40
        sttrh   w1, [x0]

        PRINT   "-- EL0: loads, stores and fetches (EL0 code at W+5+8)\n"
        WADDR   x0, PG_EL0_CODE, 8
        mov     x1, #0
        mov     x2, #0
        bl      run_el0
        PRINTX  "EL0 returned x0=", x0

        PRINT   "-- TLBI after remapping W+0 from data_a to data_b\n"
        WADDR   x19, PG_RW
        ldr     x20, [x19]
        PRINTX  "W+0 before=", x20
        ADDR    x0, data_b
        bl      remap_w0
        tlbi    vae1, x0                // x0 = W >> 12 (ASID 0) from remap_w0
        dsb     ish
        isb
        ldr     x20, [x19]
        PRINTX  "after TLBI VAE1=", x20
        ADDR    x0, data_a
        bl      remap_w0
        tlbi    vale1, x0
        dsb     ish
        isb
        ldr     x20, [x19]
        PRINTX  "after TLBI VALE1 (back to data_a)=", x20
        ADDR    x0, data_b
        bl      remap_w0
        tlbi    vaae1, x0
        dsb     ish
        isb
        ldr     x20, [x19]
        PRINTX  "after TLBI VAAE1=", x20
        ADDR    x0, data_a
        bl      remap_w0
        tlbi    vmalle1
        dsb     ish
        isb
        ldr     x20, [x19]
        PRINTX  "after TLBI VMALLE1=", x20
        PRINT   "-- a non-global page, ASID 5 in TTBR0, TLBI ASIDE1\n"
        ADDR    x0, l0_48
        mov     x1, #5
        orr     x0, x0, x1, lsl #48
        msr     ttbr0_el1, x0
        isb
        WADDR   x19, PG_NG
        ldr     x20, [x19]
        PRINTX  "nG page (data_a)=", x20
        ADDR    x0, l3_win
        ADDR    x1, data_b
        MOV64   x2, MEM_RW | D_PAGE | D_NG | D_UXN | D_PXN
        orr     x1, x1, x2
        str     x1, [x0, #PG_NG * 8]
        dsb     ishst
        mov     x0, #5
        lsl     x0, x0, #48
        tlbi    aside1, x0
        dsb     ish
        isb
        ldr     x20, [x19]
        PRINTX  "after TLBI ASIDE1 (data_b)=", x20

        PRINT   "-- AT and PAR_EL1 (NS, bit 9, masked)\n"
        WADDR   x0, PG_RW, 0x123
        at      s1e1r, x0
        bl      show_par
        ADDR    x0, data_a
        MOV64   x1, W_BLOCK - 0x40000000
        add     x0, x0, x1
        at      s1e1r, x0
        bl      show_par
        WADDR   x0, PG_INVALID
        at      s1e1r, x0
        bl      show_par
        WADDR   x0, PG_NO_AF
        at      s1e1r, x0
        bl      show_par
        WADDR   x0, PG_EL1_RO
        at      s1e1r, x0
        bl      show_par
        WADDR   x0, PG_EL1_RO
        at      s1e1w, x0
        bl      show_par
        WADDR   x0, PG_RW
        at      s1e0r, x0
        bl      show_par
        WADDR   x0, PG_EL0_RO
        at      s1e0r, x0
        bl      show_par
        WADDR   x0, PG_EL0_RO
        at      s1e0w, x0
        bl      show_par
        MOV64   x0, 0x8000000000
        at      s1e1r, x0
        bl      show_par

        PRINT   "-- DC ZVA at W+9+0x50 (block 0x40-0x7f of 0x00-0xbf)\n"
        WADDR   x19, PG_ZVA
        mov     x0, #0
        mvn     x1, xzr
1:      str     x1, [x19, x0, lsl #3]
        add     x0, x0, #1
        cmp     x0, #24
        b.lo    1b
        add     x0, x19, #0x50
        dc      zva, x0
        mov     x20, #0                 // bit i set = word i is zero
        mov     x0, #0
2:      ldr     x1, [x19, x0, lsl #3]
        cmp     x1, #0
        cset    x2, eq
        lsl     x2, x2, x0
        orr     x20, x20, x2
        add     x0, x0, #1
        cmp     x0, #24
        b.lo    2b
        PRINTX  "zeroed words (bit mask)=", x20
        PRINT   "-- DC ZVA on the read-only page W+10+0x80 (a write: WnR=1, CM=0)\n"
        WADDR   x0, PG_ZVA_RO, 0x80
        dc      zva, x0

        MMU_OFF
        ADDR    x0, data_a
        ldr     x20, [x0, #0x18]
        PRINTX  "MMU off: data_a+0x18 read physically=", x20
        ldp     x29, x30, [sp], #16
        ret

// PAR_EL1 without NS (bit 9), which is UNKNOWN for a Non-secure regime.
show_par:
        mov     x9, x30
        mrs     x19, par_el1
        bic     x19, x19, #(1 << 9)
        PRINTX  "PAR_EL1=", x19
        ret     x9

// remap_w0(x0 = physical page): point window page 0 at it; returns x0 = W >> 12 for TLBI.
remap_w0:
        ADDR    x1, l3_win
        MOV64   x2, MEM_RW | D_PAGE | D_UXN | D_PXN
        orr     x0, x0, x2
        str     x0, [x1, #PG_RW * 8]
        dsb     ishst
        MOV64   x0, W >> 12
        ret

// data_a = 0xaaaa0000 + word index, data_b = 0xbbbb0000 + index, data_ro = 0x4040 + index.
fill_data_pages:
        ADDR    x0, data_a
        ADDR    x1, data_b
        ADDR    x2, data_ro
        mov     x3, #0
1:      mov     x4, #0xaaaa0000
        orr     x4, x4, x3
        str     x4, [x0, x3, lsl #3]
        mov     x4, #0xbbbb0000
        orr     x4, x4, x3
        str     x4, [x1, x3, lsl #3]
        mov     x4, #0x4040
        orr     x4, x4, x3
        str     x4, [x2, x3, lsl #3]
        add     x3, x3, #1
        cmp     x3, #512
        b.lo    1b
        ret

// Level 1 of regime 1: [0] device block, [1] RAM block, [2] read-only alias of RAM, [3] invalid.
build_regime_39:
        ADDR    x0, l1_39
        MOV64   x1, DEV_RW | D_BLOCK
        str     x1, [x0, #0]
        MOV64   x1, 0x40000000 | MEM_RW | D_BLOCK | D_UXN
        str     x1, [x0, #8]
        MOV64   x1, 0x40000000 | D_NORMAL | D_ISH | D_AF | D_AP_EL1_RO | D_BLOCK | D_UXN | D_PXN
        str     x1, [x0, #16]
        str     xzr, [x0, #24]
        dsb     ishst
        ret

// Regime 2: L0[0] -> l1_48; L1[0] device block, L1[1] -> l2_ram (64 RAM blocks of 2 MiB),
// L1[3] -> l2_win: [0] -> l3_win, [1] block alias of 0x40000000, [2] invalid.
build_regime_48:
        mov     x9, x30
        ADDR    x0, l0_48
        ADDR    x1, l1_48
        orr     x1, x1, #D_TABLE
        str     x1, [x0, #0]
        ADDR    x0, l1_48
        MOV64   x1, DEV_RW | D_BLOCK
        str     x1, [x0, #0]
        ADDR    x1, l2_ram
        orr     x1, x1, #D_TABLE
        str     x1, [x0, #8]
        ADDR    x1, l2_win
        orr     x1, x1, #D_TABLE
        str     x1, [x0, #24]
        ADDR    x0, l2_ram
        MOV64   x1, 0x40000000 | MEM_RW | D_BLOCK | D_UXN
        mov     x2, #0
1:      str     x1, [x0, x2, lsl #3]
        add     x1, x1, #0x200000
        add     x2, x2, #1
        cmp     x2, #64
        b.lo    1b
        ADDR    x0, l2_win
        ADDR    x1, l3_win
        orr     x1, x1, #D_TABLE
        str     x1, [x0, #0]
        MOV64   x1, 0x40000000 | D_NORMAL | D_ISH | D_AF | D_AP_EL1_RO | D_BLOCK | D_UXN | D_PXN
        str     x1, [x0, #8]
        bl      map_window
        dsb     ishst
        ret     x9

        .macro  WPAGE page, sym, attrs
        ADDR    x1, \sym
        MOV64   x2, (\attrs) | D_PAGE
        orr     x1, x1, x2
        str     x1, [x0, #(\page) * 8]
        .endm

map_window:
        ADDR    x0, l3_win
        WPAGE   PG_RW, data_a, MEM_RW | D_UXN | D_PXN
        WPAGE   PG_EL1_RO, data_ro, D_NORMAL | D_ISH | D_AF | D_AP_EL1_RO | D_UXN | D_PXN
        WPAGE   PG_NO_AF, data_a, D_NORMAL | D_ISH | D_AP_EL1_RW | D_UXN | D_PXN
        WPAGE   PG_EL0_RW, data_a, D_NORMAL | D_ISH | D_AF | D_AP_ALL_RW
        WPAGE   PG_EL0_CODE, code_page, D_NORMAL | D_ISH | D_AF | D_AP_ALL_RO | D_PXN
        WPAGE   PG_EL1_CODE, code_page, D_NORMAL | D_ISH | D_AF | D_AP_EL1_RO | D_UXN
        WPAGE   PG_XN_CODE, code_page, D_NORMAL | D_ISH | D_AF | D_AP_EL1_RO | D_UXN | D_PXN
        WPAGE   PG_EL0_RO, data_ro, D_NORMAL | D_ISH | D_AF | D_AP_ALL_RO | D_UXN | D_PXN
        WPAGE   PG_ZVA, data_z, MEM_RW | D_UXN | D_PXN
        WPAGE   PG_ZVA_RO, data_z, D_NORMAL | D_ISH | D_AF | D_AP_EL1_RO | D_UXN | D_PXN
        WPAGE   PG_NG, data_a, MEM_RW | D_NG | D_UXN | D_PXN
        ret

// One page of code reached through the window: offset 0 is called from EL1, offset 8 is the
// EL0 program. Only window addresses are used here (the identity map is EL1-only).
        .section .text.codepage, "ax"
        .balign 4096
code_page:
        mov     x20, #1
        ret
el0_program:
        WADDR   x3, PG_EL0_RW, 0x48
        ldr     x0, [x3]                // fine: EL0 RW
        str     x0, [x3]
        WADDR   x3, PG_EL0_RO, 0x50
        ldr     x4, [x3]                // fine: EL0 RO
        add     x0, x0, x4
        str     x4, [x3]                // permission fault, WnR
        WADDR   x3, PG_RW, 0x58
        ldr     x4, [x3]                // permission fault: EL1-only page
        WADDR   x3, PG_INVALID, 0x60
        ldr     x4, [x3]                // translation fault L3
        WADDR   x3, PG_NO_AF, 0x68
        str     x4, [x3]                // access flag fault (not permission)
        WADDR   x3, PG_EL1_CODE
        blr     x3                      // instruction abort from EL0 (UXN, EL1-only)
        WADDR   x3, PG_EL0_RW
        ldr     w4, [x3, #1]            // unaligned, Normal memory, SCTLR.A=0: no fault
        add     x0, x0, x4
        svc     #0xffff

        .bss
        .balign 4096
l1_39:  .skip   4096
l0_48:  .skip   4096
l1_48:  .skip   4096
l2_ram: .skip   4096
l2_win: .skip   4096
l3_win: .skip   4096
data_a: .skip   4096
data_b: .skip   4096
data_ro: .skip  4096
data_z: .skip   4096
