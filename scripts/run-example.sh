#!/usr/bin/env bash
# The main job, upstream's quickstart on our stack: `wash up -d` (nats-server, a wasmCloud host and wadm), then
# `wash app deploy` of examples/http-hello-js/wadm.yaml (the JavaScript HTTP component, the http-server provider by
# its upstream image reference, the link and its config); waits until wadm reports the application Deployed and
# prints the URL to curl. `wash app undeploy http-hello-js` stops the application, `wash down` the stack.
# Other uses:
#   scripts/run-example.sh --serve              serve the same component with `wash serve` alone (Ctrl-C stops it)
#   scripts/run-example.sh FILE                 run a command module or component with `wash run`
#   scripts/run-example.sh FILE FUNCTION ARGS…  call one exported function
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--serve" ]; then
  exec dotnet run --project src/WasmCloud.Wash -c Release -- serve examples/http-hello-js/hello.wasm --listen 127.0.0.1:8000
fi
if [ $# -eq 1 ]; then
  exec dotnet run --project src/WasmCloud.Wash -c Release -- run "$1"
fi
if [ $# -ge 2 ]; then
  file=$1 function=$2
  shift 2
  exec dotnet run --project src/WasmCloud.Wash -c Release -- run "$file" --invoke "$function" "$@"
fi

if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing nats-server"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nats-server >/dev/null
fi
# Published ReadyToRun into artifacts/, so each wash command below starts at once.
echo "building wash, wasmcloud and wadm (ReadyToRun) into artifacts/"
./scripts/install.sh --prefix artifacts/wash --bin artifacts/bin >/dev/null
wash="$PWD/artifacts/bin/wash"
# The manifest names the component as file://./hello.wasm, relative to where the host runs.
(cd examples/http-hello-js && "$wash" up -d)
"$wash" app deploy examples/http-hello-js/wadm.yaml
for _ in $(seq 1 120); do
  if "$wash" app status http-hello-js | head -n 1 | grep -q ': Deployed'; then
    echo
    echo "http-hello-js is deployed: curl http://127.0.0.1:8000/"
    echo "status: $wash app status http-hello-js · stop the app: $wash app undeploy http-hello-js · stop everything: $wash down"
    exit 0
  fi
  sleep 0.5
done
"$wash" app status http-hello-js
echo "http-hello-js did not reach Deployed within 60 s; the host's log is under ${XDG_STATE_HOME:-$HOME/.local/state}/wasmcloud-dotnet/" >&2
exit 1
