"""Where webhooks may be sent: never to this server's own network.

A webhook URL is typed by staff, and the delivery log shows what answered; pointed at
127.0.0.1, a private range or the cloud metadata address (169.254.169.254) it would
probe the inside of the hosting network. So every address a URL's host name resolves to
is checked twice: when the endpoint is saved, and again when each delivery connects,
after DNS resolution, and the connection goes to the address that was checked (a name
that resolves to a public address at save time and to 127.0.0.1 later is refused then).
Redirects are never followed (a 3xx is a failed attempt), and no HTTP proxy from the
environment is used.

WEBHOOK_ALLOWED_INTERNAL_HOSTS names hosts that may be internal anyway (a receiver on the
same machine in development); it is empty by default.
"""

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

# Link-local covers the cloud metadata service (169.254.169.254, fd00:ec2::254 is ULA).
_REFUSED = (
    ("is_loopback", "a loopback address"),
    ("is_link_local", "a link-local (cloud metadata) address"),
    ("is_private", "a private network address"),
    ("is_reserved", "a reserved address"),
    ("is_multicast", "a multicast address"),
    ("is_unspecified", "an unspecified address"),
)


class InternalAddressRefused(OSError):
    """The host resolves to an address webhooks may not reach."""


def address_problem(address: str) -> str:
    """Why this IP may not receive webhooks, or "" if it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for attribute, words in _REFUSED:
        if getattr(ip, attribute):
            return f"{ip} is {words}"
    if not ip.is_global:
        return f"{ip} is not a public internet address"
    return ""


def _allowed_internal(host: str) -> bool:
    return host.lower().rstrip(".") in {
        name.lower().rstrip(".") for name in settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS
    }


def resolve_checked(host: str, port: int) -> list[tuple]:
    """getaddrinfo for `host`, refusing it if any address is internal (InternalAddressRefused)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(f"cannot resolve {host}: {error}") from error
    if not _allowed_internal(host):
        for *_rest, sockaddr in infos:
            problem = address_problem(sockaddr[0])
            if problem:
                raise InternalAddressRefused(
                    f"webhooks may not reach {host}: {problem} "
                    "(WEBHOOK_ALLOWED_INTERNAL_HOSTS lists hosts allowed anyway)"
                )
    return infos


def webhook_url_problem(url: str) -> str:
    """At save time: why this URL may not receive webhooks, or "" if it may."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return "This URL could not be read"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "Use an http:// or https:// URL with a host name"
    try:
        resolve_checked(parts.hostname, port)
    except InternalAddressRefused as error:
        return str(error)
    except OSError:
        # A name that does not resolve yet is allowed (DNS may follow); every delivery
        # checks it again before connecting.
        return ""
    return ""


def _checked_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """socket.create_connection, to an address checked after resolution."""
    host, port = address
    error = None
    for family, kind, proto, _name, sockaddr in resolve_checked(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError(f"cannot connect to {host}")


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection  # http.client's own hook


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    # TLS is still verified against the host name; only the TCP connection is checked.
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


def checked_opener(*handlers) -> urllib.request.OpenerDirector:
    """A urllib opener whose every connection is checked, with no proxy from the environment."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), CheckedHTTPHandler, CheckedHTTPSHandler, *handlers
    )
