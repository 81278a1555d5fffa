// test:fixtures/greet in UTF-8: "Hello, NAME!".
#include "cabi.h"

static int32_t ret[2];

EXPORT("test:fixtures/greet@1.0.0#greet") int32_t *greet(char *name, int32_t length) {
  static const char prefix[] = "Hello, ";
  int32_t total = sizeof prefix - 1 + length + 1;
  char *out = malloc(total);
  memcpy(out, prefix, sizeof prefix - 1);
  memcpy(out + sizeof prefix - 1, name, length);
  out[total - 1] = '!';
  ret[0] = (int32_t)out;
  ret[1] = total;
  return ret;
}
