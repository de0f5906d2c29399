"""Scale out: N `streamlit run app.py` processes behind nginx (deploy/nginx.conf), on loopback.

    .venv/bin/python benchmarks/scale_out.py [--json] [--sessions 20 30 40] [--seconds 12]

For 1 and then 2 processes, starts them at free ports on 127.0.0.1, renders deploy/nginx.conf
into a temporary prefix and runs Debian's nginx there as the current user, checks stickiness
(one cookie, one process; several cookies, both processes), then runs the session test of
``run.py`` through nginx at each session count: every reader first GETs the page (taking the
balancer's cookie, as a browser does) and opens its websocket with that cookie. Reports the p95
of a slider step per (processes, sessions), and the most sessions each setup serves within the
p95 limit. Bounded: a few session counts, ``--seconds`` each, loopback only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import ARTIFACTS, ROOT, Server, free_port, median, percentile, start_server
from sessions import fetch_cookie, run_load

NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
#: The p95 budget the two setups are compared at (--limit-ms).
P95_LIMIT_MS = 1000


def render_nginx(prefix: Path, listen: str, ports: list[int]) -> Path:
    """deploy/nginx.conf with its markers filled in, written to ``prefix/nginx.conf``."""
    servers = "\n".join(
        f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports
    )
    text = NGINX_TEMPLATE.read_text()
    text = text.replace("@@PREFIX@@", str(prefix)).replace("@@LISTEN@@", listen)
    path = prefix / "nginx.conf"
    path.write_text(text.replace("@@SERVERS@@", servers))
    return path


class Balancer:
    """``processes`` app servers and one nginx in front, on 127.0.0.1."""

    def __init__(self, processes: int) -> None:
        self.servers: list[Server] = []
        self.prefix = Path(tempfile.mkdtemp(prefix="treatymap-nginx-"))
        # nginx started by root runs its workers as nobody: they must reach the cache in here.
        self.prefix.chmod(0o755)
        self.nginx: subprocess.Popen | None = None
        try:
            for _ in range(processes):
                self.servers.append(start_server())
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            config = render_nginx(
                self.prefix, f"127.0.0.1:{self.port}", [s.port for s in self.servers]
            )
            nginx = shutil.which("nginx") or "/usr/sbin/nginx"
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            self.nginx = subprocess.Popen(
                [nginx, "-p", str(self.prefix), "-c", str(config), "-g", "daemon off;"],
                stdout=(ARTIFACTS / "nginx.log").open("w"),
                stderr=subprocess.STDOUT,
            )
            self._wait()
        except BaseException:
            self.stop()
            raise

    def _wait(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.nginx is not None
            if self.nginx.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.read().strip() == b"ok":
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(
            "nginx did not start: " + (self.prefix / "error.log").read_text(errors="replace")
        )

    def stickiness(self, clients: int = 12, repeats: int = 4) -> dict[str, object]:
        """Each new client gets a cookie; its later requests all reach the same process."""
        spread: Counter[str] = Counter()
        sticky = True
        for _ in range(clients):
            cookie, first = fetch_cookie(self.url)
            spread[first or "?"] += 1
            for _ in range(repeats):
                request = urllib.request.Request(f"{self.url}/", headers={"Cookie": cookie or ""})
                with urllib.request.urlopen(request, timeout=10) as reply:
                    sticky = sticky and reply.headers.get("X-Treatymap-Upstream") == first
                    sticky = sticky and not reply.headers.get("Set-Cookie")
        return {"sticky": sticky, "processes_reached": len(spread), "spread": dict(spread)}

    def stop(self) -> None:
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self) -> Balancer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def scale_out(
    session_counts: list[int],
    seconds: float,
    think: float,
    say=lambda text: None,
    limit_ms: float = P95_LIMIT_MS,
) -> dict[str, object]:
    results: dict[str, object] = {"think_s": think, "seconds": seconds, "limit_ms": limit_ms}
    for processes in (1, 2):
        with Balancer(processes) as balancer:
            check = balancer.stickiness()
            results[f"p{processes}_stickiness"] = check
            run_load(balancer.url, 2, duration_s=2, think_s=0.2, use_cookie=True)  # warm
            best = 0
            for count in session_counts:
                say(f"{processes} process(es) behind nginx: {count} sessions for {seconds:.0f} s")
                load = run_load(
                    balancer.url, count, duration_s=seconds, think_s=think, use_cookie=True
                )
                p95 = percentile(load.latencies_ms, 95)
                backends = Counter(r.backend for r in load.results)
                results[f"p{processes}_s{count}"] = {
                    "p95_ms": round(p95),
                    "median_ms": round(median(load.latencies_ms)),
                    "steps": load.steps,
                    "errors": len(load.errors),
                    "sessions_per_process": sorted(backends.values()),
                }
                if p95 <= limit_ms and not load.errors:
                    best = max(best, count)
            results[f"p{processes}_max_sessions_within_limit"] = best
    one = results["p1_max_sessions_within_limit"]
    two = results["p2_max_sessions_within_limit"]
    assert isinstance(one, int) and isinstance(two, int)
    results["two_serve_more"] = two > one or all(
        results[f"p2_s{c}"]["p95_ms"] < results[f"p1_s{c}"]["p95_ms"]  # type: ignore[index]
        for c in session_counts
    )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sessions", type=int, nargs="+", default=[20, 30, 40])
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--limit-ms", type=float, default=P95_LIMIT_MS, help="p95 budget")
    args = parser.parse_args()
    began = time.monotonic()

    def say(text: str) -> None:
        print(f"[{time.monotonic() - began:5.0f} s] {text}", file=sys.stderr, flush=True)

    results = scale_out(args.sessions, args.seconds, args.think, say, limit_ms=args.limit_ms)
    results["bench_seconds"] = round(time.monotonic() - began)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"p95 of a slider step through nginx (think {args.think} s, {args.seconds:.0f} s each)")
    print(f"{'sessions':>8s} {'1 process':>12s} {'2 processes':>12s}")
    for count in args.sessions:
        row = [results[f"p{p}_s{count}"] for p in (1, 2)]
        cells = [
            f"{r['p95_ms']} ms" + (f" ({r['errors']} err)" if r["errors"] else "") for r in row
        ]
        print(f"{count:>8d} {cells[0]:>12s} {cells[1]:>12s}")
    for p in (1, 2):
        print(
            f"{p} process(es): most sessions within {args.limit_ms:.0f} ms p95: "
            f"{results[f'p{p}_max_sessions_within_limit']}; {results[f'p{p}_stickiness']}"
        )
    print(f"two processes serve more sessions within the limit: {results['two_serve_more']}")


if __name__ == "__main__":
    main()
