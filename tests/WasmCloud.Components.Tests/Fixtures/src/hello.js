// The componentize-js (StarlingMonkey) fixture: world `hello` of ../wit/fixtures.wit.
export function hello(name) {
  return `Hello from JavaScript, ${name}! (${[...name].length} code points)`;
}
