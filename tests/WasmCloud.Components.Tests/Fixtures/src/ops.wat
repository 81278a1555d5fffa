;; A component written in the component text format (assembled by `jco parse`): a core module lifted
;; twice, one export per flat integer shape the Canonical ABI distinguishes.
(component
  (core module $m
    (func (export "mul") (param i64 i64) (result i64) local.get 0 local.get 1 i64.mul)
    (func (export "is-odd") (param i32) (result i32) local.get 0 i32.const 1 i32.and))
  (core instance $i (instantiate $m))
  (func (export "mul") (param "a" s64) (param "b" s64) (result s64) (canon lift (core func $i "mul")))
  (func (export "is-odd") (param "x" u8) (result bool) (canon lift (core func $i "is-odd"))))
