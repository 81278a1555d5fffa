// A command component that exercises the host's wasi:sockets@0.2.12: argv[1] names one scenario, so each test
// runs one behaviour and reads its stdout. Debian's wasi-libc has no sockets, so the WASI 0.2 functions are
// imported directly (world: wit/sockets_probe.wit) and called with the canonical ABI written out by hand:
// every handle is an i32, results wider than one core value come back through a pointer passed last, and the
// structs below mirror the canonical memory layouts (the _Static_asserts pin the offsets the ABI dictates).
// A failing step prints "<step>: <error-code>" and exits 1.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Lists the host returns (blocking-read, receive) are allocated through this, and freed with free().
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size; (void)align;
  return realloc(old, new_size);
}

// ---- canonical memory layouts ----

enum { WOULD_BLOCK = 8 };  // error-code.would-block: retry after blocking on subscribe()
static const char *const error_names[] = {
  "unknown", "access-denied", "not-supported", "invalid-argument", "out-of-memory", "timeout",
  "concurrency-conflict", "not-in-progress", "would-block", "invalid-state", "new-socket-limit",
  "address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused", "connection-reset",
  "connection-aborted", "datagram-too-large", "name-unresolvable", "temporary-resolver-failure",
  "permanent-resolver-failure"};

typedef struct {  // variant ip-socket-address: tag (0 = ipv4, 1 = ipv6), payload aligned to 4
  uint8_t tag;
  union {
    struct { uint16_t port; uint8_t addr[4]; } v4;
    struct { uint16_t port; uint32_t flow_info; uint16_t addr[8]; uint32_t scope_id; } v6;
  };
} socket_address;
_Static_assert(sizeof(socket_address) == 32 && offsetof(socket_address, v4.addr) == 6, "ip-socket-address");

typedef struct {  // variant ip-address: tag, payload aligned to 2 (the ipv6 u16s)
  uint8_t tag;
  union { uint8_t v4[4]; uint16_t v6[8]; };
} ip_address;
_Static_assert(sizeof(ip_address) == 18 && offsetof(ip_address, v4) == 2, "ip-address");

// result<T, error-code>: is_err byte, then T or the error byte at T's alignment.
typedef struct { uint8_t is_err; uint8_t err; } result_unit;  // also result<bool|u8, error-code>: value in err
typedef struct { uint8_t is_err; union { uint8_t err; uint32_t handle[3]; }; } result_handles;  // own / tuple of owns
typedef struct { uint8_t is_err; union { uint8_t err; socket_address addr; }; } result_address;
typedef struct { uint8_t is_err; union { uint8_t err; uint64_t value; }; } result_u64;
typedef struct { uint8_t is_err; union { uint8_t err; struct { void *ptr; uint32_t len; } list; }; } result_list;
typedef struct { uint8_t is_err; union { uint8_t err; struct { uint8_t is_some; ip_address addr; } next; }; } result_next;
_Static_assert(offsetof(result_handles, handle) == 4 && offsetof(result_address, addr) == 4, "result<own|address>");
_Static_assert(offsetof(result_u64, value) == 8 && offsetof(result_next, next.addr) == 4, "result<u64|option>");

// result<list<u8>|_, stream-error>: stream-error is variant { last-operation-failed(own error), closed }.
typedef struct {
  uint8_t is_err;
  union { struct { uint8_t *ptr; uint32_t len; } list; struct { uint8_t tag; uint32_t error; } err; };
} result_stream;
_Static_assert(offsetof(result_stream, err.error) == 8, "stream-error");

typedef struct { uint8_t *data; uint32_t len; socket_address remote; } incoming_datagram;
typedef struct { const uint8_t *data; uint32_t len; uint8_t has_remote; socket_address remote; } outgoing_datagram;
_Static_assert(sizeof(incoming_datagram) == 40 && offsetof(outgoing_datagram, remote) == 12, "datagrams");

// ---- imports ----

#define IMPORT(module, name) __attribute__((import_module(module "@0.2.12"), import_name(name)))
// An ip-socket-address parameter flattens to 12 i32s: tag, then the longer (ipv6) case's 11 slots, which the
// ipv4 case fills with port and 4 octets and zero padding.
#define ADDRESS_PARAMS int32_t, int32_t, int32_t, int32_t, int32_t, int32_t, \
                       int32_t, int32_t, int32_t, int32_t, int32_t, int32_t
#define IPV4(port, a, b, c, d) 0, (port), (a), (b), (c), (d), 0, 0, 0, 0, 0, 0

IMPORT("wasi:io/error", "[resource-drop]error") void drop_error(int32_t);
IMPORT("wasi:io/poll", "[method]pollable.block") void pollable_block(int32_t);
IMPORT("wasi:io/poll", "[resource-drop]pollable") void drop_pollable(int32_t);
IMPORT("wasi:io/streams", "[method]input-stream.blocking-read") void blocking_read(int32_t, int64_t, result_stream *);
IMPORT("wasi:io/streams", "[method]output-stream.blocking-write-and-flush")
void blocking_write_and_flush(int32_t, const void *, int32_t, result_stream *);
IMPORT("wasi:io/streams", "[resource-drop]input-stream") void drop_input_stream(int32_t);
IMPORT("wasi:io/streams", "[resource-drop]output-stream") void drop_output_stream(int32_t);

IMPORT("wasi:sockets/instance-network", "instance-network") int32_t instance_network(void);
IMPORT("wasi:sockets/network", "[resource-drop]network") void drop_network(int32_t);

IMPORT("wasi:sockets/tcp-create-socket", "create-tcp-socket") void create_tcp_socket(int32_t family, result_handles *);
#define TCP "wasi:sockets/tcp"
IMPORT(TCP, "[method]tcp-socket.start-bind") void tcp_start_bind(int32_t, int32_t network, ADDRESS_PARAMS, result_unit *);
IMPORT(TCP, "[method]tcp-socket.finish-bind") void tcp_finish_bind(int32_t, result_unit *);
IMPORT(TCP, "[method]tcp-socket.start-connect") void tcp_start_connect(int32_t, int32_t network, ADDRESS_PARAMS, result_unit *);
IMPORT(TCP, "[method]tcp-socket.finish-connect") void tcp_finish_connect(int32_t, result_handles *);
IMPORT(TCP, "[method]tcp-socket.start-listen") void tcp_start_listen(int32_t, result_unit *);
IMPORT(TCP, "[method]tcp-socket.finish-listen") void tcp_finish_listen(int32_t, result_unit *);
IMPORT(TCP, "[method]tcp-socket.accept") void tcp_accept(int32_t, result_handles *);
IMPORT(TCP, "[method]tcp-socket.local-address") void tcp_local_address(int32_t, result_address *);
IMPORT(TCP, "[method]tcp-socket.remote-address") void tcp_remote_address(int32_t, result_address *);
IMPORT(TCP, "[method]tcp-socket.is-listening") int32_t tcp_is_listening(int32_t);
IMPORT(TCP, "[method]tcp-socket.address-family") int32_t tcp_address_family(int32_t);
IMPORT(TCP, "[method]tcp-socket.keep-alive-enabled") void tcp_keep_alive_enabled(int32_t, result_unit *);
IMPORT(TCP, "[method]tcp-socket.set-keep-alive-enabled") void tcp_set_keep_alive_enabled(int32_t, int32_t, result_unit *);
IMPORT(TCP, "[method]tcp-socket.hop-limit") void tcp_hop_limit(int32_t, result_unit *);
IMPORT(TCP, "[method]tcp-socket.set-hop-limit") void tcp_set_hop_limit(int32_t, int32_t, result_unit *);
IMPORT(TCP, "[method]tcp-socket.subscribe") int32_t tcp_subscribe(int32_t);
IMPORT(TCP, "[method]tcp-socket.shutdown") void tcp_shutdown(int32_t, int32_t how, result_unit *);
IMPORT(TCP, "[resource-drop]tcp-socket") void drop_tcp_socket(int32_t);

IMPORT("wasi:sockets/udp-create-socket", "create-udp-socket") void create_udp_socket(int32_t family, result_handles *);
#define UDP "wasi:sockets/udp"
IMPORT(UDP, "[method]udp-socket.start-bind") void udp_start_bind(int32_t, int32_t network, ADDRESS_PARAMS, result_unit *);
IMPORT(UDP, "[method]udp-socket.finish-bind") void udp_finish_bind(int32_t, result_unit *);
// option<ip-socket-address> flattens to is_some + the 12 address slots.
IMPORT(UDP, "[method]udp-socket.stream") void udp_stream(int32_t, int32_t is_some, ADDRESS_PARAMS, result_handles *);
IMPORT(UDP, "[method]udp-socket.subscribe") int32_t udp_subscribe(int32_t);
IMPORT(UDP, "[method]incoming-datagram-stream.receive") void udp_receive(int32_t, int64_t max, result_list *);
IMPORT(UDP, "[method]incoming-datagram-stream.subscribe") int32_t incoming_subscribe(int32_t);
IMPORT(UDP, "[method]outgoing-datagram-stream.check-send") void udp_check_send(int32_t, result_u64 *);
IMPORT(UDP, "[method]outgoing-datagram-stream.send") void udp_send(int32_t, const outgoing_datagram *, int32_t, result_u64 *);
IMPORT(UDP, "[method]outgoing-datagram-stream.subscribe") int32_t outgoing_subscribe(int32_t);
IMPORT(UDP, "[resource-drop]udp-socket") void drop_udp_socket(int32_t);
IMPORT(UDP, "[resource-drop]incoming-datagram-stream") void drop_incoming(int32_t);
IMPORT(UDP, "[resource-drop]outgoing-datagram-stream") void drop_outgoing(int32_t);

#define LOOKUP "wasi:sockets/ip-name-lookup"
IMPORT(LOOKUP, "resolve-addresses") void resolve_addresses(int32_t network, const char *, int32_t, result_handles *);
IMPORT(LOOKUP, "[method]resolve-address-stream.resolve-next-address") void resolve_next_address(int32_t, result_next *);
IMPORT(LOOKUP, "[method]resolve-address-stream.subscribe") int32_t resolve_subscribe(int32_t);
IMPORT(LOOKUP, "[resource-drop]resolve-address-stream") void drop_resolve_stream(int32_t);

// ---- helpers ----

static int32_t network;

static int fail(const char *step, uint8_t err) {
  printf("%s: %s\n", step, err < sizeof error_names / sizeof *error_names ? error_names[err] : "?");
  fflush(stdout);
  return 1;
}

static int stream_fail(const char *step, result_stream *r) {
  if (r->err.tag == 0) drop_error((int32_t)r->err.error);  // last-operation-failed carries an own<error>
  printf("%s: %s\n", step, r->err.tag == 0 ? "last-operation-failed" : "closed");
  fflush(stdout);
  return 1;
}

// Pollables are children of the resource they watch, so each is dropped right after it fires.
static void block_on(int32_t pollable) {
  pollable_block(pollable);
  drop_pollable(pollable);
}

// Calls a finish-* step again, blocking on the socket's pollable, for as long as it says would-block.
static void finish(void (*step)(int32_t, result_unit *), int32_t (*subscribe)(int32_t), int32_t sock, result_unit *r) {
  for (step(sock, r); r->is_err && r->err == WOULD_BLOCK; step(sock, r)) block_on(subscribe(sock));
}

static void format_address(char *out, size_t size, const socket_address *a) {
  if (a->tag == 0)
    snprintf(out, size, "%u.%u.%u.%u", a->v4.addr[0], a->v4.addr[1], a->v4.addr[2], a->v4.addr[3]);
  else
    snprintf(out, size, "%x:%x:%x:%x:%x:%x:%x:%x", a->v6.addr[0], a->v6.addr[1], a->v6.addr[2], a->v6.addr[3],
             a->v6.addr[4], a->v6.addr[5], a->v6.addr[6], a->v6.addr[7]);
}

static uint16_t address_port(const socket_address *a) { return a->tag == 0 ? a->v4.port : a->v6.port; }

// Creates an IPv4 TCP socket and connects it to 127.0.0.1:port; fills the socket and its two streams.
static int tcp_connect(int port, int32_t *sock, int32_t *in, int32_t *out) {
  result_handles created;
  create_tcp_socket(0, &created);
  if (created.is_err) return fail("create", created.err);
  *sock = (int32_t)created.handle[0];
  result_unit started;
  tcp_start_connect(*sock, network, IPV4(port, 127, 0, 0, 1), &started);
  if (started.is_err) return fail("connect", started.err);
  result_handles connected;
  for (;;) {  // finish-connect says would-block until the connection is made
    tcp_finish_connect(*sock, &connected);
    if (!connected.is_err || connected.err != WOULD_BLOCK) break;
    block_on(tcp_subscribe(*sock));
  }
  if (connected.is_err) return fail("finish-connect", connected.err);
  *in = (int32_t)connected.handle[0];
  *out = (int32_t)connected.handle[1];
  printf("connected\n");
  return 0;
}

// blocking-write-and-flush accepts at most 4096 bytes a call.
static int write_all(int32_t out, const char *data, size_t len) {
  for (size_t done = 0, n; done < len; done += n) {
    n = len - done < 4096 ? len - done : 4096;
    result_stream written;
    blocking_write_and_flush(out, data + done, (int32_t)n, &written);
    if (written.is_err) return stream_fail("write", &written);
  }
  return 0;
}

// ---- scenarios ----

static int tcp_echo(int port, const char *message) {
  int32_t sock, in, out;
  if (tcp_connect(port, &sock, &in, &out)) return 1;
  result_address local, remote;
  char text[64];
  tcp_local_address(sock, &local);
  if (local.is_err) return fail("local-address", local.err);
  format_address(text, sizeof text, &local.addr);
  printf("local: %s\nlocal port set: %s\n", text, address_port(&local.addr) ? "yes" : "no");
  tcp_remote_address(sock, &remote);
  if (remote.is_err) return fail("remote-address", remote.err);
  format_address(text, sizeof text, &remote.addr);
  printf("remote: %s:%u\n", text, address_port(&remote.addr));
  size_t want = strlen(message), got = 0;
  if (write_all(out, message, want)) return 1;
  char *echo = malloc(want + 1);
  while (got < want) {  // the echo may arrive in pieces; a closed stream ends it early
    result_stream read;
    blocking_read(in, (int64_t)(want - got), &read);
    if (read.is_err && read.err.tag == 1) break;
    if (read.is_err) return stream_fail("read", &read);
    memcpy(echo + got, read.list.ptr, read.list.len);
    got += read.list.len;
    free(read.list.ptr);
  }
  printf("echo: %.*s\n", (int)got, echo);
  free(echo);
  result_unit shut;
  tcp_shutdown(sock, 2 /* both */, &shut);
  if (shut.is_err) return fail("shutdown", shut.err);
  drop_input_stream(in);  // streams are children of the socket: drop them first
  drop_output_stream(out);
  drop_tcp_socket(sock);
  printf("closed\n");
  return 0;
}

static int tcp_serve(void) {
  result_handles created;
  create_tcp_socket(0, &created);
  if (created.is_err) return fail("create", created.err);
  int32_t listener = (int32_t)created.handle[0];
  result_unit r;
  tcp_start_bind(listener, network, IPV4(0, 127, 0, 0, 1), &r);
  if (r.is_err) return fail("bind", r.err);
  finish(tcp_finish_bind, tcp_subscribe, listener, &r);
  if (r.is_err) return fail("finish-bind", r.err);
  tcp_start_listen(listener, &r);
  if (r.is_err) return fail("listen", r.err);
  finish(tcp_finish_listen, tcp_subscribe, listener, &r);
  if (r.is_err) return fail("finish-listen", r.err);
  result_address local;
  tcp_local_address(listener, &local);
  if (local.is_err) return fail("local-address", local.err);
  printf("listening on %u\n", address_port(&local.addr));
  fflush(stdout);  // the test waits for this line to learn the port
  result_handles accepted;
  for (;;) {  // accept says would-block until a client connects
    tcp_accept(listener, &accepted);
    if (!accepted.is_err || accepted.err != WOULD_BLOCK) break;
    block_on(tcp_subscribe(listener));
  }
  if (accepted.is_err) return fail("accept", accepted.err);
  int32_t client = (int32_t)accepted.handle[0], in = (int32_t)accepted.handle[1], out = (int32_t)accepted.handle[2];
  printf("accepted\n");
  fflush(stdout);
  result_stream read;
  blocking_read(in, 1024, &read);
  if (read.is_err) return stream_fail("read", &read);
  char *upper = malloc(read.list.len + 1);
  for (uint32_t i = 0; i < read.list.len; i++) {
    uint8_t c = read.list.ptr[i];
    upper[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
  }
  if (write_all(out, upper, read.list.len)) return 1;
  printf("served: %.*s\n", (int)read.list.len, (char *)read.list.ptr);
  free(upper);
  free(read.list.ptr);
  drop_input_stream(in);
  drop_output_stream(out);
  drop_tcp_socket(client);
  drop_tcp_socket(listener);
  return 0;
}

static int udp_echo(int port, const char *message) {
  result_handles created;
  create_udp_socket(0, &created);
  if (created.is_err) return fail("create", created.err);
  int32_t sock = (int32_t)created.handle[0];
  result_unit r;
  udp_start_bind(sock, network, IPV4(0, 127, 0, 0, 1), &r);
  if (r.is_err) return fail("bind", r.err);
  finish(udp_finish_bind, udp_subscribe, sock, &r);
  if (r.is_err) return fail("finish-bind", r.err);
  result_handles streams;  // connecting the streams to PORT lets send omit the address
  udp_stream(sock, 1, IPV4(port, 127, 0, 0, 1), &streams);
  if (streams.is_err) return fail("stream", streams.err);
  int32_t incoming = (int32_t)streams.handle[0], outgoing = (int32_t)streams.handle[1];
  result_u64 permit;
  for (;;) {  // send may only be called with what check-send permits
    udp_check_send(outgoing, &permit);
    if (permit.is_err) return fail("check-send", permit.err);
    if (permit.value > 0) break;
    block_on(outgoing_subscribe(outgoing));
  }
  outgoing_datagram datagram = {(const uint8_t *)message, (uint32_t)strlen(message), 0, {0}};
  result_u64 sent;
  udp_send(outgoing, &datagram, 1, &sent);
  if (sent.is_err) return fail("send", sent.err);
  result_list received;
  for (;;) {  // receive returns an empty list until a datagram is queued
    udp_receive(incoming, 1, &received);
    if (received.is_err) return fail("receive", received.err);
    if (received.list.len > 0) break;
    free(received.list.ptr);
    block_on(incoming_subscribe(incoming));
  }
  incoming_datagram *d = received.list.ptr;
  char text[64];
  format_address(text, sizeof text, &d->remote);
  printf("udp echo: %.*s from %s:%u\n", (int)d->len, (char *)d->data, text, address_port(&d->remote));
  free(d->data);
  free(d);
  drop_incoming(incoming);
  drop_outgoing(outgoing);
  drop_udp_socket(sock);
  return 0;
}

static int lookup(const char *name) {
  result_handles started;
  resolve_addresses(network, name, (int32_t)strlen(name), &started);
  if (started.is_err) return fail("lookup", started.err);
  int32_t stream = (int32_t)started.handle[0];
  for (;;) {
    result_next next;
    resolve_next_address(stream, &next);
    if (next.is_err && next.err == WOULD_BLOCK) { block_on(resolve_subscribe(stream)); continue; }
    if (next.is_err) return fail("lookup", next.err);
    if (!next.next.is_some) break;
    // Reuse format_address by viewing the ip-address through an ip-socket-address with the same octets.
    socket_address a = {.tag = next.next.addr.tag};
    if (a.tag == 0) memcpy(a.v4.addr, next.next.addr.v4, 4);
    else memcpy(a.v6.addr, next.next.addr.v6, 16);
    char text[64];
    format_address(text, sizeof text, &a);
    printf("address: %s\n", text);
  }
  drop_resolve_stream(stream);
  return 0;
}

// Option calls report their errors and carry on, so one test sees every answer.
static int tcp_options(int port) {
  int32_t sock, in, out;
  if (tcp_connect(port, &sock, &in, &out)) return 1;
  result_unit r;
  tcp_set_keep_alive_enabled(sock, 1, &r);
  if (r.is_err) fail("set-keep-alive-enabled", r.err);
  tcp_keep_alive_enabled(sock, &r);
  if (r.is_err) fail("keep-alive", r.err);
  else printf("keep-alive: %s\n", r.err ? "yes" : "no");
  tcp_set_hop_limit(sock, 42, &r);
  if (r.is_err) fail("set-hop-limit", r.err);
  tcp_hop_limit(sock, &r);
  if (r.is_err) fail("hop-limit", r.err);
  else printf("hop-limit: %u\n", r.err);
  printf("address-family: %s\n", tcp_address_family(sock) == 0 ? "ipv4" : "ipv6");
  printf("is-listening: %s\n", tcp_is_listening(sock) ? "yes" : "no");
  tcp_start_bind(sock, network, IPV4(0, 127, 0, 0, 1), &r);  // a connected socket cannot be bound again
  if (r.is_err) fail("rebind", r.err);
  else printf("rebind: ok\n");
  drop_input_stream(in);
  drop_output_stream(out);
  drop_tcp_socket(sock);
  return 0;
}

int main(int argc, char **argv) {
  const char *scenario = argc > 1 ? argv[1] : "";
  int port = argc > 2 ? atoi(argv[2]) : 0, status;
  // jco new wraps each export of a command module, cabi_realloc too, in constructors and destructors, and the
  // destructors flush stdio. Flushing calls an import, which the Canonical ABI forbids while the host is
  // allocating a result in this instance (a trap). Unbuffered, stdout has nothing left to flush.
  setvbuf(stdout, NULL, _IONBF, 0);
  network = instance_network();
  if (!strcmp(scenario, "tcp-echo") && argc > 3) status = tcp_echo(port, argv[3]);
  else if (!strcmp(scenario, "tcp-serve")) status = tcp_serve();
  else if (!strcmp(scenario, "udp-echo") && argc > 3) status = udp_echo(port, argv[3]);
  else if (!strcmp(scenario, "lookup") && argc > 2) status = lookup(argv[2]);
  else if (!strcmp(scenario, "tcp-options") && argc > 2) status = tcp_options(port);
  else { fprintf(stderr, "unknown scenario: %s\n", scenario); status = 1; }
  fflush(stdout);
  drop_network(network);
  return status;
}
