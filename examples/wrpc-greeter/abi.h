// The canonical ABI shapes both components share, written by hand (Debian has no wit-bindgen for C).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *ptr; uint32_t len; } wit_string;
typedef struct { wit_string *ptr; uint32_t len; } wit_string_list;

// result<report, failure> in memory: the case at 0, then report { line @4..12, tag-count @12 } or failure @4.
typedef struct {
  uint8_t is_error;
  uint8_t pad[3];
  union {
    struct { wit_string line; uint32_t tag_count; } ok;
    uint8_t failure;
  } as;
} inspect_result;

// The host writes lists and strings it hands to the guest through this; it must be malloc's, as the
// preview1 adapter's own allocations share the heap.
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align;
  return realloc(old, new_size);
}
