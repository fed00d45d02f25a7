"""Signers and confirmers: many HTTP requests at once from a process of their own."""

import asyncio
import multiprocessing
import random
import time
from collections import Counter

from bench.common import EMAIL_DOMAIN


class OneShot(asyncio.Protocol):
    """One HTTP/1.1 request on its own connection (gunicorn's sync workers close it)."""

    def __init__(self, payload, finished):
        self.payload, self.finished, self.chunks = payload, finished, []

    def connection_made(self, transport):
        transport.write(self.payload)

    def data_received(self, data):
        self.chunks.append(data)

    def connection_lost(self, exc):
        if not self.finished.done():
            self.finished.set_result(b"".join(self.chunks))


async def http(loop, port, payload):
    finished = loop.create_future()
    transport, _ = await loop.create_connection(
        lambda: OneShot(payload, finished), "127.0.0.1", port
    )
    try:
        return await asyncio.wait_for(finished, 30)
    finally:
        transport.close()


def sign_payload(port, campaign, pledge_slug, email, n):
    body = (
        f"name=Bench+Signer+{n}&email={email.replace('@', '%40')}"
        "&affiliation=student&display=initial&contact_opt_in=on&website="
    ).encode()
    head = (
        f"POST /c/{campaign}/{pledge_slug}/sign/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Origin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


def confirm_payload(port, path):
    """Pressing "Confirm my signature": a POST from the site's own page (the GET only
    shows the button)."""
    return (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Origin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 0\r\nConnection: close\r\n\r\n"
    ).encode()


def get_payload(port, path):
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()


class Route:
    def __init__(self, name):
        self.name, self.latencies, self.statuses, self.errors = name, [], Counter(), 0
        self.started = self.finished = None

    def record(self, started, response):
        self.latencies.append(time.perf_counter() - started)
        self.statuses[int(response[9:12]) if response[:5] == b"HTTP/" else 0] += 1

    def summary(self, ok_status):
        elapsed = max((self.finished or 0) - (self.started or 0), 1e-9)
        ok = self.statuses.get(ok_status, 0)
        lat = sorted(self.latencies)
        return {
            "route": self.name,
            "requests": len(lat) + self.errors,
            "ok": ok,
            "rate": ok / elapsed,
            "p50_ms": 1000 * lat[len(lat) // 2] if lat else 0,
            "p99_ms": 1000 * lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0,
            "errors": self.errors + sum(n for s, n in self.statuses.items() if s != ok_status),
            "statuses": dict(self.statuses),
            "elapsed": elapsed,
        }


def drive(spec, queue):
    """Runs in its own process: signers and/or confirmers for spec['duration'] seconds.

    Every request is awaited, so when the deadline passes the driver stops sending and
    waits for the answers still on their way: each accepted response is accounted for.
    """
    random.seed(spec["seed"])
    loop = asyncio.new_event_loop()
    port, deadline = spec["port"], None
    sign, confirm = Route("sign"), Route("confirm")
    sent_emails = []
    links = list(spec.get("links", []))

    async def signer(worker):
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            if random.random() < spec["hot_share"]:
                slug = spec["pledges"][0]
            else:
                slug = random.choice(spec["pledges"])
            email = f"b{spec['tag']}-{worker}-{n}@{EMAIL_DOMAIN}"
            started = time.perf_counter()
            try:
                response = await http(
                    loop, port, sign_payload(port, spec["campaign"], slug, email, n)
                )
            except (OSError, TimeoutError):
                sign.errors += 1
                continue
            sign.record(started, response)
            if response[9:12] == b"302":
                sent_emails.append(email)

    async def confirmer():
        while time.perf_counter() < deadline and links:
            path = links.pop()
            started = time.perf_counter()
            try:
                response = await http(loop, port, confirm_payload(port, path))
            except (OSError, TimeoutError):
                confirm.errors += 1
                continue
            confirm.record(started, response)

    async def main():
        nonlocal deadline
        tasks = [signer(i) for i in range(spec.get("signers", 0))]
        tasks += [confirmer() for _ in range(spec.get("confirmers", 0))]
        deadline = time.perf_counter() + spec["duration"]
        sign.started = confirm.started = time.perf_counter()
        await asyncio.gather(*tasks)
        sign.finished = confirm.finished = time.perf_counter()

    loop.run_until_complete(main())
    queue.put(
        {
            "sign": sign.summary(302) if spec.get("signers") else None,
            "confirm": confirm.summary(200) if spec.get("confirmers") else None,
            "accepted_emails": sent_emails,
        }
    )


def run_driver(spec):
    queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=drive, args=(spec, queue))
    process.start()
    return process, queue
