;; The SIMD probe (bench/speed/simd_peak.ts): dot products of two in-cache arrays with
;; four independent 128-bit accumulators, the WebAssembly SIMD counterpart of the scalar
;; peak's 4-accumulator loop. Assembled by `deno task wasm` into simd_peak_wasm.ts.
(module
  (memory (export "memory") 1)

  ;; Σ a[k]·b[k] over n float64 (n a multiple of 8; a, b: byte offsets), `reps` times.
  (func (export "dotF64x2") (param $a i32) (param $b i32) (param $n i32) (param $reps i32)
    (result f64)
    (local $i i32) (local $end i32) (local $sum f64)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $rep
        (br_if $done (i32.eqz (local.get $reps)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (loop $dot
          (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul
            (v128.load (i32.add (local.get $a) (local.get $i)))
            (v128.load (i32.add (local.get $b) (local.get $i))))))
          (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul
            (v128.load offset=16 (i32.add (local.get $a) (local.get $i)))
            (v128.load offset=16 (i32.add (local.get $b) (local.get $i))))))
          (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul
            (v128.load offset=32 (i32.add (local.get $a) (local.get $i)))
            (v128.load offset=32 (i32.add (local.get $b) (local.get $i))))))
          (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul
            (v128.load offset=48 (i32.add (local.get $a) (local.get $i)))
            (v128.load offset=48 (i32.add (local.get $b) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 64)))
          (br_if $dot (i32.lt_u (local.get $i) (local.get $end))))
        (local.set $s0 (f64x2.add (f64x2.add (local.get $s0) (local.get $s1))
          (f64x2.add (local.get $s2) (local.get $s3))))
        (local.set $sum (f64.add (local.get $sum) (f64.add
          (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0)))))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br $rep)))
    (local.get $sum))

  ;; Σ a[k]·b[k] over n float32 (n a multiple of 16), `reps` times, summed in float32 lanes.
  (func (export "dotF32x4") (param $a i32) (param $b i32) (param $n i32) (param $reps i32)
    (result f64)
    (local $i i32) (local $end i32) (local $sum f64)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $rep
        (br_if $done (i32.eqz (local.get $reps)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $i (i32.const 0))
        (loop $dot
          (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul
            (v128.load (i32.add (local.get $a) (local.get $i)))
            (v128.load (i32.add (local.get $b) (local.get $i))))))
          (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul
            (v128.load offset=16 (i32.add (local.get $a) (local.get $i)))
            (v128.load offset=16 (i32.add (local.get $b) (local.get $i))))))
          (local.set $s2 (f32x4.add (local.get $s2) (f32x4.mul
            (v128.load offset=32 (i32.add (local.get $a) (local.get $i)))
            (v128.load offset=32 (i32.add (local.get $b) (local.get $i))))))
          (local.set $s3 (f32x4.add (local.get $s3) (f32x4.mul
            (v128.load offset=48 (i32.add (local.get $a) (local.get $i)))
            (v128.load offset=48 (i32.add (local.get $b) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 64)))
          (br_if $dot (i32.lt_u (local.get $i) (local.get $end))))
        (local.set $s0 (f32x4.add (f32x4.add (local.get $s0) (local.get $s1))
          (f32x4.add (local.get $s2) (local.get $s3))))
        (local.set $sum (f64.add (local.get $sum) (f64.promote_f32 (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $s0)) (f32x4.extract_lane 1 (local.get $s0)))
          (f32.add (f32x4.extract_lane 2 (local.get $s0)) (f32x4.extract_lane 3 (local.get $s0)))))))
        (local.set $reps (i32.sub (local.get $reps) (i32.const 1)))
        (br $rep)))
    (local.get $sum))
)
