;; An HTTP component (wasi:http/incoming-handler) that misbehaves on request: /trap traps, /loop spins
;; forever, /memory grows its memory until refused and then traps; /x answers with the request's trailers
;; as its headers, or, when the request had none, with a trailer `x-trailer: none`; /n answers with status
;; 200 + how many requests this instance has served, this one included (201 from a fresh instance, more from
;; a warm one); any other path is answered 200 with an empty body. build_component.sh turns it into
;; http_guest.component.wasm with `jco parse`.
(component
  (type $http-types (instance
    (export "fields" (type $fields (sub resource)))
    (export "incoming-request" (type $request (sub resource)))
    (export "outgoing-response" (type $response (sub resource)))
    (export "response-outparam" (type $outparam (sub resource)))
    (export "incoming-body" (type $incoming-body (sub resource)))
    (export "future-trailers" (type $future-trailers (sub resource)))
    (export "outgoing-body" (type $outgoing-body (sub resource)))
    ;; Only the cases this guest expects: the host reads and writes values by the guest's own types.
    (type $error (variant (case "internal-error" (option string))))
    (export "error-code" (type $error-code (eq $error)))
    (type $header-failure (variant (case "invalid-syntax") (case "forbidden") (case "immutable")))
    (export "header-error" (type $header-error (eq $header-failure)))
    (export "[constructor]fields" (func (result (own $fields))))
    (export "[method]fields.append"
      (func (param "self" (borrow $fields)) (param "name" string) (param "value" (list u8)) (result (result (error $header-error)))))
    (export "[method]incoming-request.consume" (func (param "self" (borrow $request)) (result (result (own $incoming-body)))))
    (export "[static]incoming-body.finish" (func (param "this" (own $incoming-body)) (result (own $future-trailers))))
    (export "[method]future-trailers.get"
      (func (param "self" (borrow $future-trailers)) (result (option (result (result (option (own $fields)) (error $error-code)))))))
    (export "[method]outgoing-response.body" (func (param "self" (borrow $response)) (result (result (own $outgoing-body)))))
    (export "[static]outgoing-body.finish"
      (func (param "this" (own $outgoing-body)) (param "trailers" (option (own $fields))) (result (result (error $error-code)))))
    (export "[method]incoming-request.path-with-query" (func (param "self" (borrow $request)) (result (option string))))
    (export "[constructor]outgoing-response" (func (param "headers" (own $fields)) (result (own $response))))
    (export "[method]outgoing-response.set-status-code" (func (param "self" (borrow $response)) (param "status-code" u16) (result (result))))
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
  (core func $set-status (canon lower (func $types "[method]outgoing-response.set-status-code")))
  (core func $set (canon lower (func $types "[static]response-outparam.set") (memory (core memory $libc "memory"))))
  (core func $append (canon lower (func $types "[method]fields.append") (memory (core memory $libc "memory"))))
  (core func $consume (canon lower (func $types "[method]incoming-request.consume") (memory (core memory $libc "memory"))))
  (core func $finish-incoming (canon lower (func $types "[static]incoming-body.finish")))
  (core func $get-trailers (canon lower (func $types "[method]future-trailers.get")
    (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core func $response-body (canon lower (func $types "[method]outgoing-response.body") (memory (core memory $libc "memory"))))
  (core func $finish-outgoing (canon lower (func $types "[static]outgoing-body.finish")
    (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))

  (core module $guest
    (import "libc" "memory" (memory 1))
    (import "http" "new-fields" (func $new-fields (result i32)))
    (import "http" "path" (func $path (param i32 i32)))
    (import "http" "new-response" (func $new-response (param i32) (result i32)))
    (import "http" "set-status" (func $set-status (param i32 i32) (result i32)))
    (import "http" "set" (func $set (param i32 i32 i32 i32 i32 i32)))
    (import "http" "append" (func $append (param i32 i32 i32 i32 i32 i32)))
    (import "http" "consume" (func $consume (param i32 i32)))
    (import "http" "finish-incoming" (func $finish-incoming (param i32) (result i32)))
    (import "http" "get-trailers" (func $get-trailers (param i32 i32)))
    (import "http" "response-body" (func $response-body (param i32 i32)))
    (import "http" "finish-outgoing" (func $finish-outgoing (param i32 i32 i32 i32)))
    (data (i32.const 512) "x-trailernone")
    ;; /x: trailers both ways. The request's trailers (read past its body by incoming-body.finish) come back
    ;; as the response's headers, which HTTP/1.1 can carry; without any, the response has trailers of its own.
    (func $trailers (param $request i32) (param $out i32)
      (local $future i32) (local $headers i32) (local $trailers i32) (local $response i32) (local $body i32)
      (call $consume (local.get $request) (i32.const 0))
      (local.set $future (call $finish-incoming (i32.load (i32.const 4))))
      ;; option<result<result<option<trailers>, error-code>>> at 0: none until the body has been read.
      (loop $wait
        (call $get-trailers (local.get $future) (i32.const 0))
        (br_if $wait (i32.eqz (i32.load8_u (i32.const 0)))))
      (if (i32.load8_u (i32.const 12))
        (then (local.set $headers (i32.load (i32.const 16))))
        (else
          (local.set $headers (call $new-fields))
          (local.set $trailers (call $new-fields))
          (call $append (local.get $trailers) (i32.const 512) (i32.const 9) (i32.const 521) (i32.const 4) (i32.const 32))))
      (local.set $response (call $new-response (local.get $headers)))
      (call $response-body (local.get $response) (i32.const 0))
      (local.set $body (i32.load (i32.const 4)))
      (call $set (local.get $out) (i32.const 0) (local.get $response) (i32.const 0) (i32.const 0) (i32.const 0))
      (call $finish-outgoing (local.get $body) (i32.ne (local.get $trailers) (i32.const 0)) (local.get $trailers) (i32.const 0)))
    (global $served (mut i32) (i32.const 0))
    (func (export "handle") (param $request i32) (param $out i32)
      (local $mode i32) (local $response i32)
      (global.set $served (i32.add (global.get $served) (i32.const 1)))
      ;; option<string> at 0: discriminant, then pointer and length; the mode is the letter after "/".
      (call $path (local.get $request) (i32.const 0))
      (if (i32.load8_u (i32.const 0))
        (then (local.set $mode (i32.load8_u offset=1 (i32.load (i32.const 4))))))
      (if (i32.eq (local.get $mode) (i32.const 116)) (then unreachable))             ;; t
      (if (i32.eq (local.get $mode) (i32.const 120))                                  ;; x
        (then (call $trailers (local.get $request) (local.get $out)) (return)))
      (if (i32.eq (local.get $mode) (i32.const 108)) (then (loop $spin (br $spin))))  ;; l
      (if (i32.eq (local.get $mode) (i32.const 110))                                  ;; n
        (then
          (local.set $response (call $new-response (call $new-fields)))
          (drop (call $set-status (local.get $response) (i32.add (i32.const 200) (global.get $served))))
          (call $set (local.get $out) (i32.const 0) (local.get $response) (i32.const 0) (i32.const 0) (i32.const 0))
          (return)))
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
      (export "set-status" (func $set-status))
      (export "set" (func $set))
      (export "append" (func $append))
      (export "consume" (func $consume))
      (export "finish-incoming" (func $finish-incoming))
      (export "get-trailers" (func $get-trailers))
      (export "response-body" (func $response-body))
      (export "finish-outgoing" (func $finish-outgoing))))))

  (func $handle (param "request" (own $request)) (param "response-out" (own $outparam))
    (canon lift (core func $guest "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.0" (instance $handler))
)
