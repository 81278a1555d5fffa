// A bytecode interpreter: one big switch dispatching a small stack machine, as script engines do.
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, XOR, SHL, SHR, DUP, SWAP, DROP, JNZ, JMP, DEC, INC, MOD, LT, NOT, HALT };

static int64_t run(const int32_t *code, int64_t *vars) {
  int64_t stack[64];
  int sp = 0, pc = 0;
  for (;;) {
    int32_t op = code[pc++];
    switch (op) {
      case PUSH: stack[sp++] = code[pc++]; break;
      case LOAD: stack[sp++] = vars[code[pc++]]; break;
      case STORE: vars[code[pc++]] = stack[--sp]; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
      case SHL: sp--; stack[sp - 1] <<= (stack[sp] & 63); break;
      case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> (stack[sp] & 63)); break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case DROP: sp--; break;
      case JNZ: { int32_t target = code[pc++]; if (stack[--sp]) pc = target; break; }
      case JMP: pc = code[pc]; break;
      case DEC: stack[sp - 1]--; break;
      case INC: stack[sp - 1]++; break;
      case MOD: sp--; stack[sp - 1] %= (stack[sp] ? stack[sp] : 1); break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case NOT: stack[sp - 1] = !stack[sp - 1]; break;
      case HALT: return stack[sp - 1];
      default: return -1;
    }
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 20000000;
  // vars: 0 = counter, 1 = accumulator. Loop: acc = (acc * 31 + counter ^ (acc >> 7)) % 1000003; counter--.
  int32_t code[] = {
    PUSH, 0, STORE, 1,                       // acc = 0
    LOAD, 0, JNZ, 10, JMP, 36,               // 4: if counter goto body else goto end
    LOAD, 1, PUSH, 31, MUL, LOAD, 0, ADD,    // 10: acc*31 + counter
    LOAD, 1, PUSH, 7, SHR, XOR,              // ^ (acc >> 7)
    PUSH, 1000003, MOD, STORE, 1,            // acc = ... % 1000003
    LOAD, 0, DEC, STORE, 0, JMP, 4,          // counter--, loop
    LOAD, 1, HALT,                           // 36: result
  };
  int64_t vars[2] = {n, 0};
  printf("%lld\n", (long long)run(code, vars));
  return 0;
}
