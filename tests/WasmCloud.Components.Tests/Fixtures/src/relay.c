// The relay world in UTF-16: relay(name) is "[" + greet(name) + "]", so both strings cross to and from a
// UTF-8 component. Lengths are in UTF-16 code units.
#include "cabi.h"

IMPORT("test:fixtures/greet@1.0.0", "greet") void greet(uint16_t *name, int32_t length, int32_t *result);

static int32_t ret[2];

EXPORT("relay") int32_t *relay(uint16_t *name, int32_t length) {
  int32_t greeting[2];
  greet(name, length, greeting);
  uint16_t *text = (uint16_t *)greeting[0];
  int32_t units = greeting[1];
  uint16_t *out = malloc((units + 2) * 2);
  out[0] = '[';
  memcpy(out + 1, text, units * 2);
  out[units + 1] = ']';
  ret[0] = (int32_t)out;
  ret[1] = units + 2;
  return ret;
}
