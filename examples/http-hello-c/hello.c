// The smallest useful HTTP component: wasi:http/incoming-handler answering every request with a short text body,
// written against the canonical ABI by hand (Debian has no wit-bindgen for C). No libc and no WASI preview1
// adapter: the core module imports only the eight wasi:http and wasi:io functions below, so instantiating it
// costs what the component model itself costs — the component every HTTP benchmark of the field uses.
#include <stdint.h>

#define HTTP(name) __attribute__((import_module("wasi:http/types@0.2.12"), import_name(name)))
#define STREAMS(name) __attribute__((import_module("wasi:io/streams@0.2.12"), import_name(name)))

// result<own<T>, _> as the callee writes it through a return pointer: the case, then the handle.
typedef struct { uint8_t is_err; uint32_t handle; } handle_result;
// Room for result<_, E> of any E these functions return (error-code is the largest: 40 bytes, 8-aligned).
typedef struct { _Alignas(8) uint8_t bytes[48]; } any_result;

HTTP("[constructor]fields") extern uint32_t fields_new(void);
HTTP("[method]fields.append") extern void fields_append(uint32_t self, const char *name, uint32_t name_len,
                                                        const char *value, uint32_t value_len, any_result *ret);
HTTP("[constructor]outgoing-response") extern uint32_t outgoing_response_new(uint32_t headers);
HTTP("[method]outgoing-response.body") extern void outgoing_response_body(uint32_t self, handle_result *ret);
HTTP("[method]outgoing-body.write") extern void outgoing_body_write(uint32_t self, handle_result *ret);
HTTP("[static]outgoing-body.finish") extern void outgoing_body_finish(uint32_t self, uint32_t has_trailers,
                                                                       uint32_t trailers, any_result *ret);
HTTP("[static]response-outparam.set") extern void response_outparam_set(uint32_t param, uint32_t is_err,
                                                                         uint32_t response, uint32_t a, uint64_t b,
                                                                         uint32_t c, uint32_t d, uint32_t e, uint32_t f);
HTTP("[resource-drop]incoming-request") extern void incoming_request_drop(uint32_t self);
STREAMS("[method]output-stream.blocking-write-and-flush") extern void stream_write(uint32_t self, const char *bytes,
                                                                                   uint32_t len, any_result *ret);
STREAMS("[resource-drop]output-stream") extern void output_stream_drop(uint32_t self);

// Strings the host hands back (only in error values) land in this arena, emptied at the start of each request.
static _Alignas(8) uint8_t arena[4096];
static uint32_t arena_used;

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, uint32_t old_size, uint32_t align, uint32_t new_size) {
  uint32_t start = (arena_used + align - 1) & ~(align - 1);
  if (start + new_size > sizeof arena) __builtin_trap();
  uint8_t *block = arena + start;
  for (uint32_t i = 0; old && i < old_size && i < new_size; i++) block[i] = ((uint8_t *)old)[i];
  arena_used = start + new_size;
  return block;
}

static const char content_type[] = "content-type";
static const char text_plain[] = "text/plain; charset=utf-8";
static const char body_text[] = "Hello from C!\n";

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle")))
void handle(uint32_t request, uint32_t response_out) {
  arena_used = 0;
  incoming_request_drop(request);
  any_result ignored;
  uint32_t headers = fields_new();
  fields_append(headers, content_type, sizeof content_type - 1, text_plain, sizeof text_plain - 1, &ignored);
  uint32_t response = outgoing_response_new(headers);
  handle_result body, stream;
  outgoing_response_body(response, &body);
  // The response is set before its body is written, as a streaming host wants: the headers can go out first.
  response_outparam_set(response_out, 0, response, 0, 0, 0, 0, 0, 0);
  outgoing_body_write(body.handle, &stream);
  stream_write(stream.handle, body_text, sizeof body_text - 1, &ignored);
  output_stream_drop(stream.handle);
  outgoing_body_finish(body.handle, 0, 0, &ignored);
}
