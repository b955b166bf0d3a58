#!/usr/bin/python3
"""Local SMTP sink for making sample logs: answers RCPT by the recipient's local part.

Listens on a loopback address only (argv: HOST PORT, default 127.0.0.1 2525). The local part's first dot-separated word picks the reply:
  fwd.*      251 2.1.5 User not local; will forward to <LOCAL@forward.example.net>
  vrfy.*     252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery
  busy.*     450 4.2.1 Mailbox busy, try again later
  err.*      451 4.3.0 Requested action aborted: local error in processing
  full.*     452 4.2.2 Insufficient system storage
  nouser.*   550 5.1.1 <ADDR>: Recipient address rejected: User unknown
  moved.*    551 5.1.6 User not local; please try <LOCAL@new.example.org>
  badname.*  553 5.1.3 Requested action not taken: mailbox name not allowed
  anything else: 250 2.1.5 Ok
A message whose subject contains "spam-test" is refused after DATA with 554 5.7.1.
AUTH PLAIN and LOGIN are offered without TLS and accept the password "secret" (535 otherwise).
"""
import asyncio
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def authenticator(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=getattr(auth_data, "password", b"") == b"secret")

REPLIES = {
    "fwd": "251 2.1.5 User not local; will forward to <{local}@forward.example.net>",
    "vrfy": "252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery",
    "busy": "450 4.2.1 Mailbox busy, try again later",
    "err": "451 4.3.0 Requested action aborted: local error in processing",
    "full": "452 4.2.2 Insufficient system storage",
    "nouser": "550 5.1.1 <{addr}>: Recipient address rejected: User unknown",
    "moved": "551 5.1.6 User not local; please try <{local}@new.example.org>",
    "badname": "553 5.1.3 Requested action not taken: mailbox name not allowed",
}


class Sink:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        reply = REPLIES.get(local.split(".", 1)[0])
        if reply is None:
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 Ok"
        if reply.startswith("2"):
            envelope.rcpt_tos.append(address)
        return reply.format(local=local, addr=address)

    async def handle_DATA(self, server, session, envelope):
        if b"spam-test" in envelope.original_content:
            return "554 5.7.1 Message content rejected: spam-test"
        return "250 2.0.0 Ok: message accepted"


def main():
    host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 2525
    controller = Controller(Sink(), hostname=host, port=port,
                            server_hostname="sink.smtplog.test",
                            authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
