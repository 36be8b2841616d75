"""Where alerts go: a webhook (JSON POST, httpx), e-mail (smtplib), and the Atom feed of
alerts that `kronika serve` publishes at `/alerts.atom` (built here from the stored alerts).

`deliver(alert, channel)` raises `WebhookError` or `SmtpError`; the watcher keeps the delivery
pending and tries again next round. Webhook and mail addresses come from the user's own rules
file, so, unlike fetched pages, they may be on the local network.
"""

from __future__ import annotations

import json
import os
import smtplib
from email.message import EmailMessage
from xml.etree import ElementTree as ET

import httpx

from kronika import __version__
from kronika.errors import SmtpError, WebhookError
from kronika.watch.config import Channel

ATOM = "http://www.w3.org/2005/Atom"


def deliver(alert: dict, channel: Channel, *, client: httpx.Client | None = None) -> None:
    """Send one alert; raises a `DeliveryError` subclass when it did not arrive."""
    if channel.kind == "webhook":
        _webhook(alert, channel, client)
    else:
        _smtp(alert, channel)


def _webhook(alert: dict, channel: Channel, client: httpx.Client | None) -> None:
    body = json.dumps(alert, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json",
               "User-Agent": f"kronika/{__version__} (alerts)", **dict(channel.headers)}
    try:
        if client is None:
            with httpx.Client(timeout=channel.timeout) as own:
                r = own.post(channel.url, content=body, headers=headers)
        else:
            r = client.post(channel.url, content=body, headers=headers, timeout=channel.timeout)
    except httpx.HTTPError as e:
        raise WebhookError(f"webhook {channel.name} ({channel.url}): {type(e).__name__}: {e}; "
                           f"the alert stays pending and is sent again next round") from e
    if not 200 <= r.status_code < 300:
        raise WebhookError(f"webhook {channel.name} ({channel.url}) answered HTTP "
                           f"{r.status_code}; the alert stays pending and is sent again next "
                           f"round")


def message(alert: dict, channel: Channel) -> EmailMessage:
    """The alert as an e-mail: text body (entry, evidence, links) and the JSON attached."""
    msg = EmailMessage()
    msg["Subject"] = alert["title"]
    msg["From"] = channel.sender
    msg["To"] = ", ".join(channel.to)
    msg["Message-ID"] = f"<{alert['id']}@kronika>"
    msg.set_content(text(alert))
    msg.add_attachment(json.dumps(alert, ensure_ascii=False, indent=2).encode("utf-8"),
                       maintype="application", subtype="json", filename="alert.json")
    return msg


def _smtp(alert: dict, channel: Channel) -> None:
    password = os.environ.get(channel.password_env) if channel.password_env else None
    if channel.password_env and password is None:
        raise SmtpError(f"mail channel {channel.name}: ${channel.password_env} is not set; "
                        f"export the SMTP password in it")
    try:
        with smtplib.SMTP(channel.host, channel.port, timeout=channel.timeout) as smtp:
            if channel.starttls:
                smtp.starttls()
            if channel.username:
                smtp.login(channel.username, password or "")
            smtp.send_message(message(alert, channel))
    except (smtplib.SMTPException, OSError) as e:
        raise SmtpError(f"mail channel {channel.name} ({channel.host}:{channel.port}): "
                        f"{type(e).__name__}: {e}; the alert stays pending and is sent again "
                        f"next round") from e


def text(alert: dict) -> str:
    """A plain-text rendering: what happened, when, the evidence with its sources, the links."""
    e = alert.get("entry") or {}
    lines = [alert["title"], "", f"rule: {alert['rule']} ({alert['kind']})",
             f"entry: {e.get('summary')}  [{e.get('type')}, {e.get('status')}]"]
    d = e.get("date") or {}
    lines.append(f"date: {d.get('earliest') or '?'} .. {d.get('latest') or '?'} "
                 f"(basis {d.get('basis')})")
    if alert.get("previous"):
        lines.append(f"previous date: {alert['previous']}")
    if alert.get("count"):
        c = alert["count"]
        lines.append(f"count: {c['n']} entries from {c['since']} to {c['until']} "
                     f"(at least {c['at_least']})")
    if alert.get("conflict"):
        lines.append(f"conflict: {alert['conflict'].get('note')}")
    lines += ["", "evidence:"]
    for v in alert.get("evidence", []):
        who = f"{v['speaker']} says: " if v.get("speaker") else ""
        lines.append(f"- {who}{v['sentence']}")
        lines.append(f"  ({v.get('uri') or v['document']}, published {v.get('published')})")
    links = alert.get("links") or {}
    lines += ["", f"on the timeline page: {links.get('page')}",
              f"all matching entries: {links.get('timeline')}"]
    return "\n".join(lines) + "\n"


def atom(alerts: list[dict], *, self_url: str, updated: str | None = None) -> bytes:
    """An Atom 1.0 feed of `alerts` (newest first), each entry linking to the timeline page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", "urn:kronika:alerts")
    _sub(feed, "title", "kronika alerts")
    _sub(feed, "updated", updated or (alerts[0]["fired_at"] if alerts
                                      else "1970-01-01T00:00:00Z"))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", "kronika")
    _sub(feed, "generator", "kronika").set("version", __version__)
    for a in alerts:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _sub(entry, "id", f"urn:kronika:alert:{a['id']}")
        _sub(entry, "title", a["title"])
        _sub(entry, "updated", a["fired_at"])
        page = (a.get("links") or {}).get("page")
        if page:
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=page)
        for uri in (a.get("links") or {}).get("articles", []):
            ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=uri)
        ET.SubElement(entry, f"{{{ATOM}}}category", term=a["kind"])
        _sub(entry, "content", text(a)).set("type", "text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _sub(parent: ET.Element, tag: str, value: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    el.text = value
    return el
