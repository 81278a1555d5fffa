// An LZ77 compressor with a hash chain of recent positions, then the matching decompressor and a check.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define WINDOW 4096
#define HASH_BITS 14

static uint32_t next_random(uint32_t *state) { *state = *state * 1103515245u + 12345u; return *state >> 16; }

static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
  static int32_t head[1 << HASH_BITS];
  memset(head, -1, sizeof head);
  size_t o = 0, i = 0;
  while (i < n) {
    size_t best_len = 0, best_dist = 0;
    if (i + 3 <= n) {
      uint32_t h = ((in[i] << 10) ^ (in[i + 1] << 5) ^ in[i + 2]) & ((1 << HASH_BITS) - 1);
      int32_t candidate = head[h];
      head[h] = (int32_t)i;
      if (candidate >= 0 && i - candidate <= WINDOW) {
        size_t len = 0;
        while (i + len < n && len < 255 && in[candidate + len] == in[i + len]) len++;
        if (len >= 4) { best_len = len; best_dist = i - candidate; }
      }
    }
    if (best_len) {
      out[o++] = 0xFF; out[o++] = (uint8_t)best_len; out[o++] = (uint8_t)(best_dist >> 8); out[o++] = (uint8_t)best_dist;
      i += best_len;
    } else {
      if (in[i] == 0xFF) out[o++] = 0xFF, out[o++] = 0;
      else out[o++] = in[i];
      i++;
    }
  }
  return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    if (in[i] != 0xFF) { out[o++] = in[i++]; continue; }
    size_t len = in[i + 1];
    if (len == 0) { out[o++] = 0xFF; i += 2; continue; }
    size_t dist = ((size_t)in[i + 2] << 8) | in[i + 3];
    for (size_t k = 0; k < len; k++, o++) out[o] = out[o - dist];
    i += 4;
  }
  return o;
}

#define MAX_MEGABYTES 16
// Static buffers rather than malloc: Node 20's WASI crashes now and then after a program grows its memory
// by tens of megabytes, and Node is the yardstick.
static uint8_t data[MAX_MEGABYTES << 20], packed[(MAX_MEGABYTES << 21) + 16], unpacked[MAX_MEGABYTES << 20];

int main(int argc, char **argv) {
  int megabytes = argc > 1 ? atoi(argv[1]) : MAX_MEGABYTES;
  if (megabytes < 1 || megabytes > MAX_MEGABYTES) megabytes = MAX_MEGABYTES;
  size_t n = (size_t)megabytes << 20;
  const char *words[] = {"wasm ", "cloud ", "lattice ", "component ", "host ", "provider ", "link ", "nats "};
  uint32_t state = 42;
  // Words from a small vocabulary with occasional noise bytes: compressible, but not trivially.
  for (size_t i = 0; i < n;) {
    for (const char *w = words[next_random(&state) % 8]; *w && i < n; w++)
      data[i++] = next_random(&state) % 50 ? (uint8_t)*w : (uint8_t)next_random(&state);
  }
  size_t packed_size = compress(data, n, packed);
  size_t unpacked_size = decompress(packed, packed_size, unpacked);
  uint32_t hash = 2166136261u;
  for (size_t i = 0; i < packed_size; i++) hash = (hash ^ packed[i]) * 16777619u;
  printf("%zu %zu %08x %s\n", n, packed_size, hash, unpacked_size == n && memcmp(data, unpacked, n) == 0 ? "ok" : "MISMATCH");
  return 0;
}
