;; An HTTP component (wasi:http/incoming-handler) that misbehaves on request: /trap traps, /loop spins
;; forever, /memory grows its memory until refused and then traps; any other path is answered 200 with an
;; empty body. build_component.sh turns it into http_guest.component.wasm with `jco parse`.
(component
  (type $http-types (instance
    (export "fields" (type $fields (sub resource)))
    (export "incoming-request" (type $request (sub resource)))
    (export "outgoing-response" (type $response (sub resource)))
    (export "response-outparam" (type $outparam (sub resource)))
    ;; Only the case this guest could send: the host reads values by the guest's own types.
    (type $error (variant (case "internal-error" (option string))))
    (export "error-code" (type $error-code (eq $error)))
    (export "[constructor]fields" (func (result (own $fields))))
    (export "[method]incoming-request.path-with-query" (func (param "self" (borrow $request)) (result (option string))))
    (export "[constructor]outgoing-response" (func (param "headers" (own $fields)) (result (own $response))))
    (export "[static]response-outparam.set"
      (func (param "param" (own $outparam)) (param "response" (result (own $response) (error $error-code)))))
  ))
  (import "wasi:http/types@0.2.0" (instance $types (type $http-types)))
  (alias export $types "incoming-request" (type $request))
  (alias export $types "response-outparam" (type $outparam))

  ;; Memory and a bump allocator, in their own module so the lowered imports can use them.
  (core module $libc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $at i32)
      (local.set $at (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get 3)))
      (local.get $at)))
  (core instance $libc (instantiate $libc))

  (core func $new-fields (canon lower (func $types "[constructor]fields")))
  (core func $path (canon lower (func $types "[method]incoming-request.path-with-query")
    (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $new-response (canon lower (func $types "[constructor]outgoing-response")))
  (core func $set (canon lower (func $types "[static]response-outparam.set") (memory (core memory $libc "memory"))))

  (core module $guest
    (import "libc" "memory" (memory 1))
    (import "http" "new-fields" (func $new-fields (result i32)))
    (import "http" "path" (func $path (param i32 i32)))
    (import "http" "new-response" (func $new-response (param i32) (result i32)))
    (import "http" "set" (func $set (param i32 i32 i32 i32 i32 i32)))
    (func (export "handle") (param $request i32) (param $out i32)
      (local $mode i32)
      ;; option<string> at 0: discriminant, then pointer and length; the mode is the letter after "/".
      (call $path (local.get $request) (i32.const 0))
      (if (i32.load8_u (i32.const 0))
        (then (local.set $mode (i32.load8_u offset=1 (i32.load (i32.const 4))))))
      (if (i32.eq (local.get $mode) (i32.const 116)) (then unreachable))             ;; t
      (if (i32.eq (local.get $mode) (i32.const 108)) (then (loop $spin (br $spin))))  ;; l
      (if (i32.eq (local.get $mode) (i32.const 109))                                  ;; m
        (then
          (loop $grow (br_if $grow (i32.ne (memory.grow (i32.const 256)) (i32.const -1))))
          unreachable))
      (call $set (local.get $out) (i32.const 0) (call $new-response (call $new-fields)) (i32.const 0) (i32.const 0) (i32.const 0))))
  (core instance $guest (instantiate $guest
    (with "libc" (instance $libc))
    (with "http" (instance
      (export "new-fields" (func $new-fields))
      (export "path" (func $path))
      (export "new-response" (func $new-response))
      (export "set" (func $set))))))

  (func $handle (param "request" (own $request)) (param "response-out" (own $outparam))
    (canon lift (core func $guest "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.0" (instance $handler))
)
