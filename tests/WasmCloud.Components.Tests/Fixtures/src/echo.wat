;; Strings through the two UTF-16-based encodings of the Canonical ABI: the host lowers an argument into
;; guest memory (latin1 when every character fits a byte, else UTF-16 with the length's top bit set), the
;; guest hands back the same pointer and length, and the host lifts them again.
(component
  (core module $m
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    ;; A bump allocator: enough for the fresh instance each test call uses.
    (func (export "realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $at i32)
      (local.set $at (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                              (i32.sub (i32.const 0) (local.get $align))))
      (global.set $next (i32.add (local.get $at) (local.get $new_size)))
      (if (local.get $old) (then (memory.copy (local.get $at) (local.get $old) (local.get $old_size))))
      (local.get $at))
    ;; The result is a (pointer, length) pair, returned through a return area.
    (func (export "echo") (param $pointer i32) (param $length i32) (result i32)
      (i32.store (i32.const 16) (local.get $pointer))
      (i32.store (i32.const 20) (local.get $length))
      (i32.const 16)))
  (core instance $i (instantiate $m))
  (func (export "echo-latin1-utf16") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=latin1+utf16))
  (func (export "echo-utf16") (param "s" string) (result string)
    (canon lift (core func $i "echo") (memory (core memory $i "memory")) (realloc (core func $i "realloc")) string-encoding=utf16)))
