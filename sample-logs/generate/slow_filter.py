#!/usr/bin/python3
"""A slow SMTP content filter for making sample logs (an after-queue proxy, as amavisd-new is).

Listens on a loopback address (argv: LISTEN_HOST LISTEN_PORT REINJECT_HOST REINJECT_PORT [DELAY],
default 127.0.0.1 10025 127.0.0.1 10026 2.0). Postfix's content_filter hands it each message; it
re-injects the message at once into Postfix's second smtpd (REINJECT), passing on the XFORWARD
attributes it was given (so that smtpd logs orig_queue_id= and orig_client=), then waits DELAY
seconds before it answers the hand-over with the second smtpd's own reply ("250 2.0.0 Ok: queued
as NEWID"). By then Postfix has usually delivered and removed the new copy, so the log shows the
new queue id's delivery before the original's "status=sent (... queued as NEWID)" line.

A message whose Subject contains "filter-tempfail" is refused with 451 the first time it is offered
(nothing is re-injected) and accepted when Postfix tries it again.
"""
import asyncio
import smtplib
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, syntax

XFORWARD_ATTRS = "NAME ADDR PORT PROTO HELO IDENT SOURCE"


class XforwardSMTP(SMTP):
    """aiosmtpd's server plus the XFORWARD command (Postfix XFORWARD_README)."""

    @syntax("XFORWARD attribute=value ...")
    async def smtp_XFORWARD(self, arg):
        if not arg:
            await self.push("501 5.5.4 Syntax: XFORWARD attribute=value...")
            return
        lines = getattr(self.session, "xforward", [])
        lines.append(arg)
        self.session.xforward = lines
        await self.push("250 2.0.0 Ok")


class SlowFilter:
    def __init__(self, reinject_host, reinject_port, delay):
        self.reinject_host = reinject_host
        self.reinject_port = reinject_port
        self.delay = delay
        self.refused_once = set()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        session.xforward = []
        return responses[:-1] + ["250-XFORWARD " + XFORWARD_ATTRS, responses[-1]]

    async def handle_DATA(self, server, session, envelope):
        xforward, session.xforward = list(getattr(session, "xforward", [])), []
        content = envelope.original_content
        header = content.split(b"\r\n\r\n", 1)[0]
        if b"filter-tempfail" in header:
            key = (envelope.mail_from, tuple(envelope.rcpt_tos), header)
            if key not in self.refused_once:
                self.refused_once.add(key)
                return "451 4.7.1 Content filter busy, try again later"
        try:
            reply = await asyncio.to_thread(self.reinject, xforward, envelope)
        except (OSError, smtplib.SMTPException) as e:
            return "451 4.3.0 Re-injection failed: " + str(e).replace("\r", " ").replace("\n", " ")[:200]
        await asyncio.sleep(self.delay)
        return reply

    def reinject(self, xforward, envelope):
        with smtplib.SMTP(self.reinject_host, self.reinject_port, local_hostname="filter.smtplog.test",
                          timeout=60) as s:
            s.ehlo()
            for line in xforward:
                code, msg = s.docmd("XFORWARD", line)
                if code != 250:
                    return "451 4.3.0 XFORWARD refused: %d %s" % (code, msg.decode(errors="replace"))
            code, msg = s.mail(envelope.mail_from)
            if code != 250:
                return "%d %s" % (code, msg.decode(errors="replace"))
            accepted = 0
            for rcpt in envelope.rcpt_tos:
                code, msg = s.rcpt(rcpt)
                if code in (250, 251):
                    accepted += 1
            if accepted == 0:
                s.rset()
                return "550 5.1.1 No recipient accepted on re-injection"
            code, msg = s.data(envelope.original_content)
            return "%d %s" % (code, msg.decode(errors="replace"))


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 10025
    reinject_host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"
    reinject_port = int(sys.argv[4]) if len(sys.argv) > 4 else 10026
    delay = float(sys.argv[5]) if len(sys.argv) > 5 else 2.0
    handler = SlowFilter(reinject_host, reinject_port, delay)

    class XforwardController(Controller):
        def factory(self):
            return XforwardSMTP(self.handler, **self.SMTP_kwargs)

    controller = XforwardController(handler, hostname=host, port=port, server_hostname="filter.smtplog.test",
                                    data_size_limit=0)
    controller.start()
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
