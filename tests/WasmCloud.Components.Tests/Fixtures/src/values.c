// test:fixtures/values (../wit/fixtures.wit) by hand in the Canonical ABI: flat parameters, and results of
// more than one flat value returned through a static return area.
#include "cabi.h"

#define V(name) EXPORT("test:fixtures/values@1.0.0#" name)

static int32_t ret[4];

V("not-bool") int32_t not_bool(int32_t x) { return !x; }
V("add-s8") int32_t add_s8(int32_t a, int32_t b) { return (int8_t)(a + b); }
V("add-u8") int32_t add_u8(int32_t a, int32_t b) { return (uint8_t)(a + b); }
V("add-s16") int32_t add_s16(int32_t a, int32_t b) { return (int16_t)(a + b); }
V("add-u16") int32_t add_u16(int32_t a, int32_t b) { return (uint16_t)(a + b); }
V("add-s32") int32_t add_s32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
V("add-u32") int32_t add_u32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
V("add-s64") int64_t add_s64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
V("add-u64") int64_t add_u64(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
V("add-f32") float add_f32(float a, float b) { return a + b; }
V("add-f64") double add_f64(double a, double b) { return a + b; }
V("next-char") int32_t next_char(int32_t c) { return c == 0xd7ff ? 0xe000 : c + 1; }

static int32_t *string_result(char *bytes, int32_t length) {
  ret[0] = (int32_t)bytes;
  ret[1] = length;
  return ret;
}

// Upper-cases ASCII letters and appends "!".
V("shout") int32_t *shout(char *s, int32_t length) {
  char *out = malloc(length + 1);
  for (int32_t i = 0; i < length; i++) out[i] = s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i];
  out[length] = '!';
  return string_result(out, length + 1);
}

V("reverse") int32_t *reverse(uint32_t *l, int32_t length) {
  uint32_t *out = malloc(length * 4 + 4);
  for (int32_t i = 0; i < length; i++) out[i] = l[length - 1 - i];
  ret[0] = (int32_t)out;
  ret[1] = length;
  return ret;
}

V("swap") int32_t *swap(int32_t x, int32_t y) {
  ret[0] = y;
  ret[1] = x;
  return ret;
}

// tuple<u8, string> -> tuple<string, u8>: the string at offset 0, the u8 at offset 8.
V("flip") int32_t *flip(int32_t b, char *s, int32_t length) {
  ret[0] = (int32_t)s;  // the argument's memory is ours to hand back
  ret[1] = length;
  ret[2] = b & 0xff;
  return ret;
}

// shape: circle(r) grows to circle(2r), square(s) to square(2s), dot stays.
V("grow") int32_t *grow(int32_t tag, int32_t size) {
  ret[0] = tag;
  ret[1] = tag == 2 ? 0 : size * 2;
  return ret;
}

V("next-color") int32_t next_color(int32_t c) { return (c + 1) % 3; }

V("halve") int32_t *halve(int32_t is_some, int32_t value) {
  ret[0] = is_some;
  ret[1] = is_some ? (uint32_t)value / 2 : 0;
  return ret;
}

V("checked-div") int32_t *checked_div(uint32_t a, uint32_t b) {
  static char message[] = "division by zero";
  if (b == 0) {
    char *copy = malloc(sizeof message - 1);
    memcpy(copy, message, sizeof message - 1);
    ret[0] = 1;
    ret[1] = (int32_t)copy;
    ret[2] = sizeof message - 1;
  } else {
    ret[0] = 0;
    ret[1] = a / b;
  }
  return ret;
}

V("invert") int32_t invert(int32_t p) { return ~p & 7; }

// The mean of a list of points (rounded toward zero), none for an empty list.
V("centroid") int32_t *centroid(int32_t *points, int32_t count) {
  int64_t x = 0, y = 0;
  for (int32_t i = 0; i < count; i++) {
    x += points[2 * i];
    y += points[2 * i + 1];
  }
  ret[0] = count > 0;
  ret[1] = count > 0 ? (int32_t)(x / count) : 0;
  ret[2] = count > 0 ? (int32_t)(y / count) : 0;
  return ret;
}
