#!/usr/bin/env bash
# Run treatymap as N `streamlit run app.py` processes behind nginx, in the foreground.
#
#   deploy/serve.sh [PROCESSES] [LISTEN]        e.g. deploy/serve.sh 2 127.0.0.1:8080
#
# Processes listen on 127.0.0.1:8601.. (BASE_PORT); nginx (Debian: apt-get install nginx) on
# LISTEN, with deploy/nginx.conf rendered into a temporary prefix and run as the current user.
# Ctrl-C stops everything this script started. For more machines, run the processes there and
# put their addresses in SERVERS instead (see benchmarks/README.md, "Deployment").
set -euo pipefail
cd "$(dirname "$0")/.."
PROCESSES=${1:-2}
LISTEN=${2:-127.0.0.1:8080}
BASE_PORT=${BASE_PORT:-8601}
STREAMLIT=${STREAMLIT:-.venv/bin/streamlit}
PREFIX=$(mktemp -d -t treatymap-nginx-XXXXXX)
chmod 755 "$PREFIX"  # nginx started by root runs its workers as nobody: they keep the cache here
pids=()
cleanup() {
  [ -f "$PREFIX/nginx.pid" ] && kill "$(cat "$PREFIX/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$PREFIX"
}
trap cleanup EXIT INT TERM

# The same cookie secret everywhere, so anything Streamlit signs is valid on every process.
export STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}

SERVERS=${SERVERS:-}
for i in $(seq 0 $((PROCESSES - 1))); do
  port=$((BASE_PORT + i))
  "$STREAMLIT" run app.py --server.address 127.0.0.1 --server.port "$port" \
    --server.headless true >"$PREFIX/streamlit-$port.log" 2>&1 &
  pids+=($!)
  SERVERS+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
done
for i in $(seq 0 $((PROCESSES - 1))); do
  port=$((BASE_PORT + i))
  until curl -fsS "http://127.0.0.1:$port/_stcore/health" >/dev/null 2>&1; do sleep 0.2; done
done

python3 - "$PREFIX" "$LISTEN" "$SERVERS" <<'PY'
import sys
from pathlib import Path
prefix, listen, servers = sys.argv[1:]
text = Path("deploy/nginx.conf").read_text()
text = text.replace("@@PREFIX@@", prefix).replace("@@LISTEN@@", listen)
Path(prefix, "nginx.conf").write_text(text.replace("@@SERVERS@@", servers.rstrip("\n")))
PY
nginx -p "$PREFIX" -c "$PREFIX/nginx.conf" -g 'daemon off;' &
pids+=($!)
echo "treatymap: $PROCESSES process(es) behind http://$LISTEN/ (Ctrl-C stops)"
wait
