"""Wait until a local server really answers.

usage: wait_ready.py kafka HOST:PORT [--timeout S] [--pid PID]
       wait_ready.py mongo URI       [--timeout S] [--pid PID]

kafka: a KafkaAdminClient describes the cluster and lists topics.
mongo: pymongo runs the `ping` command.
--pid: give up at once if that process exits (the server died while starting).
Exits 0 when ready, 1 with a message on timeout.
"""

import argparse
import logging
import os
import sys
import time


def kafka_ready(target, budget):
    from kafka import KafkaAdminClient

    ms = int(max(budget, 1) * 1000)
    admin = KafkaAdminClient(
        bootstrap_servers=target,
        client_id="wait-ready",
        request_timeout_ms=ms,
        bootstrap_timeout_ms=ms,
        reconnect_backoff_max_ms=250,
    )
    try:
        admin.describe_cluster()
        admin.list_topics()
    finally:
        admin.close()


def mongo_ready(target, budget):
    from pymongo import MongoClient

    ms = int(max(budget, 1) * 1000)
    client = MongoClient(target, serverSelectionTimeoutMS=ms, connectTimeoutMS=ms)
    try:
        client.admin.command("ping")
    finally:
        client.close()


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a child that died but was not reaped yet still answers kill -0
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def main():
    parser = argparse.ArgumentParser(description="Wait until a local server answers.")
    parser.add_argument("kind", choices=["kafka", "mongo"])
    parser.add_argument("target", help="HOST:PORT for kafka, a mongodb:// URI for mongo")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--pid", type=int, help="fail early if this process exits")
    args = parser.parse_args()

    logging.disable(logging.CRITICAL)  # the clients log every refused connection
    probe = kafka_ready if args.kind == "kafka" else mongo_ready
    deadline = time.monotonic() + args.timeout
    error = "no attempt made"
    while True:
        if args.pid and not alive(args.pid):
            print(f"wait_ready: {args.kind} process {args.pid} exited while starting", file=sys.stderr)
            return 1
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            probe(args.target, min(left, 5))
            return 0
        except Exception as exc:  # any failure means "not yet"
            error = f"{type(exc).__name__}: {exc}"[:300]
        time.sleep(0.25)
    print(f"wait_ready: {args.kind} at {args.target} not ready after {args.timeout:g}s ({error})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
