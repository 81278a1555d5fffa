#include "cabi.h"

void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  if (new_size == 0) return (void *)align;
  return realloc(ptr, new_size);  // malloc aligns to 16, more than any component value needs
}
