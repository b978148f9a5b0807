;; mpihelp_submul_1's loop (Debian 6.1 arm64, lib/mpi: 25 instructions an iteration, 35 % of a
;; Linux boot's instructions) lowered by hand to WebAssembly the way a wasm block tier would: guest
;; registers in i64 locals, loaded from and stored to a register file in linear memory at entry and
;; exit; each load and store through a direct-mapped data TLB (1,024 entries of page tags and host
;; offsets) in the same memory, leaving the block on a miss; NZCV only where an instruction reads it;
;; the retired count kept as a double and checked against the slice end every iteration. See
;; ../README.md ("A WebAssembly block, measured") and probe.mjs.
;;
;; Layout: x0..x31 as i64 at 0; retired (f64) at 256, slice end (f64) at 264; read TLB page tags
;; (i64) at 4096 and host offsets (i32) at 12288; write TLB tags at 16384, offsets at 24576.
;; Returns 0 (it leaves through the exit at a TLB miss or the slice end too: a real tier would
;; report which).
(module
  (memory (export "mem") 256)
  (func (export "run") (result i32)
    (local $x0 i64) (local $x1 i64) (local $x2 i64) (local $x3 i64) (local $x4 i64) (local $x5 i64)
    (local $x6 i64) (local $x7 i64) (local $x8 i64) (local $x9 i64) (local $x10 i64) (local $x11 i64)
    (local $x12 i64) (local $x13 i64) (local $x14 i64)
    (local $va i64) (local $page i64) (local $idx i32) (local $c i32) (local $w i32)
    (local $retired f64) (local $end f64)
    (local.set $x0 (i64.load (i32.const 0)))
    (local.set $x1 (i64.load (i32.const 8)))
    (local.set $x2 (i64.load (i32.const 16)))
    (local.set $x10 (i64.load (i32.const 80)))
    (local.set $x11 (i64.load (i32.const 88)))
    (local.set $x12 (i64.load (i32.const 96)))
    (local.set $x13 (i64.load (i32.const 104)))
    (local.set $x14 (i64.load (i32.const 112)))
    (local.set $retired (f64.load (i32.const 256)))
    (local.set $end (f64.load (i32.const 264)))
    (block $exit
    (loop $top
      ;; sxtw x5, w2 ; sub x5, x5, x14
      (local.set $x5 (i64.sub (i64.extend32_s (local.get $x2)) (local.get $x14)))
      ;; ldr x3, [x1, x5, lsl #3]
      (local.set $va (i64.add (local.get $x1) (i64.shl (local.get $x5) (i64.const 3))))
      (local.set $page (i64.shr_u (local.get $va) (i64.const 12)))
      (local.set $idx (i32.and (i32.wrap_i64 (local.get $page)) (i32.const 1023)))
      (br_if $exit (i64.ne (i64.load offset=4096 (i32.shl (local.get $idx) (i32.const 3))) (local.get $page)))
      (br_if $exit (i32.gt_u (i32.and (i32.wrap_i64 (local.get $va)) (i32.const 4095)) (i32.const 4088)))
      (local.set $x3 (i64.load (i32.add (i32.load offset=12288 (i32.shl (local.get $idx) (i32.const 2))) (i32.and (i32.wrap_i64 (local.get $va)) (i32.const 4095)))))
      ;; ldr x7, [x11, x5, lsl #3]
      (local.set $va (i64.add (local.get $x11) (i64.shl (local.get $x5) (i64.const 3))))
      (local.set $page (i64.shr_u (local.get $va) (i64.const 12)))
      (local.set $idx (i32.and (i32.wrap_i64 (local.get $page)) (i32.const 1023)))
      (br_if $exit (i64.ne (i64.load offset=4096 (i32.shl (local.get $idx) (i32.const 3))) (local.get $page)))
      (br_if $exit (i32.gt_u (i32.and (i32.wrap_i64 (local.get $va)) (i32.const 4095)) (i32.const 4088)))
      (local.set $x7 (i64.load (i32.add (i32.load offset=12288 (i32.shl (local.get $idx) (i32.const 2))) (i32.and (i32.wrap_i64 (local.get $va)) (i32.const 4095)))))
      ;; and x6, x3, #0xffffffff ; lsr x3, x3, #32
      (local.set $x6 (i64.and (local.get $x3) (i64.const 0xffffffff)))
      (local.set $x3 (i64.shr_u (local.get $x3) (i64.const 32)))
      ;; mul x4, x6, x10 ; mul x9, x3, x10 ; madd x8, x12, x6, x9 ; mul x3, x12, x3
      (local.set $x4 (i64.mul (local.get $x6) (local.get $x10)))
      (local.set $x9 (i64.mul (local.get $x3) (local.get $x10)))
      (local.set $x8 (i64.add (i64.mul (local.get $x12) (local.get $x6)) (local.get $x9)))
      (local.set $x3 (i64.mul (local.get $x12) (local.get $x3)))
      ;; add x6, x0, w4, uxtw ; add x4, x8, x4, lsr #32 ; add x8, x3, x13
      (local.set $x6 (i64.add (local.get $x0) (i64.and (local.get $x4) (i64.const 0xffffffff))))
      (local.set $x4 (i64.add (local.get $x8) (i64.shr_u (local.get $x4) (i64.const 32))))
      (local.set $x8 (i64.add (local.get $x3) (local.get $x13)))
      ;; cmp x4, x9 (C = x4 >= x9) ; add x6, x6, x4, lsl #32 ; csel x3, x8, x3, cc
      (local.set $c (i64.ge_u (local.get $x4) (local.get $x9)))
      (local.set $x6 (i64.add (local.get $x6) (i64.shl (local.get $x4) (i64.const 32))))
      (local.set $x3 (select (local.get $x8) (local.get $x3) (i32.eqz (local.get $c))))
      ;; lsr x4, x4, #32 ; cmp x6, x0 ; cinc x4, x4, cc
      (local.set $x4 (i64.shr_u (local.get $x4) (i64.const 32)))
      (local.set $x4 (i64.add (local.get $x4) (i64.extend_i32_u (i64.lt_u (local.get $x6) (local.get $x0)))))
      ;; subs x7, x7, x6 (C = x7 >= x6) ; str x7, [x11, x5, lsl #3] ; cinc x3, x3, cc
      (local.set $c (i64.ge_u (local.get $x7) (local.get $x6)))
      (local.set $x7 (i64.sub (local.get $x7) (local.get $x6)))
      (local.set $va (i64.add (local.get $x11) (i64.shl (local.get $x5) (i64.const 3))))
      (local.set $page (i64.shr_u (local.get $va) (i64.const 12)))
      (local.set $idx (i32.and (i32.wrap_i64 (local.get $page)) (i32.const 1023)))
      (br_if $exit (i64.ne (i64.load offset=16384 (i32.shl (local.get $idx) (i32.const 3))) (local.get $page)))
      (br_if $exit (i32.gt_u (i32.and (i32.wrap_i64 (local.get $va)) (i32.const 4095)) (i32.const 4088)))
      (i64.store (i32.add (i32.load offset=24576 (i32.shl (local.get $idx) (i32.const 2))) (i32.and (i32.wrap_i64 (local.get $va)) (i32.const 4095))) (local.get $x7))
      (local.set $x3 (i64.add (local.get $x3) (i64.extend_i32_u (i32.eqz (local.get $c)))))
      ;; add x0, x3, x4 ; adds w2, w2, #1 ; b.ne
      (local.set $x0 (i64.add (local.get $x3) (local.get $x4)))
      (local.set $w (i32.add (i32.wrap_i64 (local.get $x2)) (i32.const 1)))
      (local.set $x2 (i64.extend_i32_u (local.get $w)))
      (local.set $retired (f64.add (local.get $retired) (f64.const 25)))
      (br_if $exit (f64.gt (f64.add (local.get $retired) (f64.const 25)) (local.get $end)))
      (br_if $top (local.get $w))
    ))
    (i64.store (i32.const 0) (local.get $x0))
    (i64.store (i32.const 16) (local.get $x2))
    (i64.store (i32.const 24) (local.get $x3))
    (i64.store (i32.const 32) (local.get $x4))
    (i64.store (i32.const 40) (local.get $x5))
    (i64.store (i32.const 48) (local.get $x6))
    (i64.store (i32.const 56) (local.get $x7))
    (i64.store (i32.const 64) (local.get $x8))
    (i64.store (i32.const 72) (local.get $x9))
    (f64.store (i32.const 256) (local.get $retired))
    (i32.const 0)
  )
)
