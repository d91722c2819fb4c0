"""The reader's address as the trusted reverse proxy reports it: one source for every limit.

django-axes (AXES_CLIENT_IP_CALLABLE) and the typo-report rate limit both call ``client_ip``.
CLIENT_IP_HEADERS names the WSGI keys the proxy writes (e.g. HTTP_X_FORWARDED_FOR or
HTTP_X_REAL_IP), in order of preference; without it, REMOTE_ADDR is the client.

A forwarding header may hold a chain ("client, proxy1, proxy2"). Only the right-most entry was
written by our own proxy; whatever is to its left came from the client and can be forged, so the
right-most address is the one we trust (nginx: ``proxy_set_header X-Forwarded-For $remote_addr``
or ``$proxy_add_x_forwarded_for``; both put the address nginx saw last).
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    address = address.strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_ip(request) -> str:
    for header in getattr(settings, "CLIENT_IP_HEADERS", ()):
        value = request.META.get(header, "")
        if value:
            address = _valid(value.split(",")[-1])
            if address:
                return address
    return request.META.get("REMOTE_ADDR", "") or ""
