// An open-addressing hash table whose hash function is called through a pointer (an indirect call per probe sequence).
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

typedef uint32_t (*hash_fn)(uint32_t);
static uint32_t hash_murmur(uint32_t k) { k ^= k >> 16; k *= 0x85ebca6b; k ^= k >> 13; k *= 0xc2b2ae35; return k ^ (k >> 16); }
static uint32_t hash_fnv(uint32_t k) { uint32_t h = 2166136261u; for (int i = 0; i < 4; i++) { h ^= (k >> (8 * i)) & 0xff; h *= 16777619u; } return h; }

typedef struct { uint32_t *keys; uint32_t *values; uint32_t mask; hash_fn hash; } table;

static void put(table *t, uint32_t key, uint32_t value) {
  uint32_t i = t->hash(key) & t->mask;
  while (t->keys[i] && t->keys[i] != key) i = (i + 1) & t->mask;
  t->keys[i] = key;
  t->values[i] = value;
}

static uint32_t get(const table *t, uint32_t key) {
  uint32_t i = t->hash(key) & t->mask;
  while (t->keys[i]) {
    if (t->keys[i] == key) return t->values[i];
    i = (i + 1) & t->mask;
  }
  return 0;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 40;
  const uint32_t size = 1 << 18, count = size / 2;
  hash_fn fns[2] = {hash_murmur, hash_fnv};
  uint64_t checksum = 0;
  for (int r = 0; r < rounds; r++) {
    table t = {calloc(size, 4), calloc(size, 4), size - 1, fns[r & 1]};
    for (uint32_t k = 1; k <= count; k++) put(&t, k * 2654435761u + r, k);
    for (uint32_t k = 1; k <= count; k++) checksum += get(&t, k * 2654435761u + r) ^ get(&t, k * 7 + 1);
    free(t.keys);
    free(t.values);
  }
  printf("%llu\n", (unsigned long long)checksum);
  return 0;
}
