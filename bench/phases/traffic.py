"""The app under load: signers, then confirmations, then readers, then all of them at once."""

import random
import subprocess
from dataclasses import dataclass, field

from bench.common import note, say, wait_with_progress
from bench.http_driver import run_driver
from bench.phases.checks import confirm_paths
from bench.profiling import start_profile
from bench.servers import parse_wrk, read_load, wrk_command


@dataclass
class Load:
    """What the phases did, for the checks and the report."""

    campaign: str
    slugs: list
    seconds: float
    tag: str
    rows: list
    accepted: list = field(default_factory=list)
    confirmed_ok: int = 0
    profiles: list = field(default_factory=list)

    @property
    def hot(self):
        return self.slugs[0]


def _drive(spec, label, seconds):
    process, queue = run_driver(spec)
    wait_with_progress(label, seconds + 1, [process])
    result = queue.get()
    process.join()
    return result


def _profiled(args, server, load, label):
    return start_profile(server, load.seconds, label) if args.profile else None


def _keep_profile(profiler, load, label):
    if profiler:
        profiler[0].wait()
        load.profiles.append((label, profiler[1]))


def sign(args, server, load, spec):
    say(
        f"Signers: {args.signers} connections, {int(args.hot_share * 100)}% on {load.hot}, "
        f"the rest over {len(load.slugs)} pledges, {load.seconds:.0f} s"
    )
    profiler = _profiled(args, server, load, "sign")
    result = _drive(spec, "signing", load.seconds)
    load.accepted += result["accepted_emails"]
    load.rows.append(("sign", args.signers, result["sign"]))
    note(
        f"{result['sign']['rate']:,.0f} accepted/s, p99 {result['sign']['p99_ms']:.1f} ms, "
        f"statuses {result['sign']['statuses']}"
    )
    _keep_profile(profiler, load, "sign")


def confirm(args, server, load, spec, links):
    say(f"Confirmations: {args.signers} connections, {len(links):,} links, {load.seconds:.0f} s")
    profiler = _profiled(args, server, load, "confirm")
    spec = {**spec, "signers": 0, "confirmers": args.signers, "seed": 2, "links": links}
    result = _drive(spec, "confirming", load.seconds)
    load.confirmed_ok += result["confirm"]["ok"]
    load.rows.append(("confirm", args.signers, result["confirm"]))
    note(f"{result['confirm']['rate']:,.0f} confirmed/s, p99 {result['confirm']['p99_ms']:.1f} ms")
    _keep_profile(profiler, load, "confirm")


def read(args, load):
    for name, path in [
        ("GET hub", f"/c/{load.campaign}/"),
        ("GET pledge page", f"/c/{load.campaign}/{load.hot}/"),
        ("GET count.json", f"/c/{load.campaign}/{load.hot}/count.json"),
    ]:
        say(f"Readers: {name} {path}, {args.connections} connections, {load.seconds / 2:.0f} s")
        row = read_load(args, name, [path], load.seconds / 2)
        load.rows.append(("read", args.connections, row))
        note(f"{row['rate']:,.0f} req/s, p99 {row['p99_ms']:.1f} ms, errors {row['errors']}")


def spike(args, load, spec, links):
    say(f"Spike: signers + confirmations + readers at once, {load.seconds:.0f} s")
    spec = {
        **spec,
        "signers": args.signers // 2,
        "confirmers": args.signers // 2,
        "tag": f"{load.tag}m",
        "seed": 3,
        "links": links,
    }
    c, hot = load.campaign, load.hot
    paths = [f"/c/{c}/{hot}/count.json", f"/c/{c}/{hot}/", f"/c/{c}/{load.slugs[-1]}/count.json"]
    process, queue = run_driver(spec)
    readers = subprocess.Popen(
        wrk_command(args, args.connections // 2, load.seconds, [*paths, f"/c/{c}/"]),
        stdout=subprocess.PIPE,
        text=True,
    )
    wait_with_progress("spike", load.seconds + 1, [process])
    result = queue.get()
    process.join()
    spike_reads = parse_wrk("GET mixed pages + counts", readers.communicate()[0])
    load.accepted += result["accepted_emails"]
    load.confirmed_ok += result["confirm"]["ok"]
    load.rows.append(("spike", args.signers // 2, result["sign"]))
    load.rows.append(("spike", args.signers // 2, result["confirm"]))
    load.rows.append(("spike", args.connections // 2, spike_reads))


def run_traffic(args, server, load):
    """Signs, confirms half of them, reads, then a spike of everything (the other half)."""
    spec = {
        "port": args.port,
        "campaign": load.campaign,
        "pledges": load.slugs,
        "hot_share": args.hot_share,
        "duration": load.seconds,
        "signers": args.signers,
        "tag": f"{load.tag}s",
        "seed": 1,
    }
    sign(args, server, load, spec)
    links = confirm_paths(load.campaign)
    ids = list(links)
    random.Random(2).shuffle(ids)
    first, second = ids[: len(ids) // 2], ids[len(ids) // 2 :]
    confirm(args, server, load, spec, [links[i] for i in first])
    read(args, load)
    spike(args, load, spec, [links[i] for i in second])
