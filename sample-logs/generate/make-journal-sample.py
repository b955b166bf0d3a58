#!/usr/bin/env python3
"""Wraps the lines of a Postfix syslog file as `journalctl -o json` shows them (one JSON object
per line), as journald stores what Postfix sends to /dev/log on Debian 12 without rsyslog.

Usage: make-journal-sample.py YEAR < postfix/header-checks.log > journal/header-checks.journal.json

Each line keeps its host, tag, pid and text (MESSAGE is the text after "tag[pid]: ", byte for
byte); __REALTIME_TIMESTAMP is the line's second (read as UTC) plus a microsecond part that grows
through the second, as journald's receive times do; the other fields are those journald adds to a
syslog message (systemd.journal-fields(7)), with one boot id, machine id and cursor sequence.
"""
import hashlib
import json
import re
import sys
from datetime import datetime, timezone

LINE = re.compile(r'^(\w{3} [ 0-9]\d \d\d:\d\d:\d\d) (\S+) ([^\[:]+)\[(\d+)\]: (.*)$')
BOOT_ID = "3f6c1e0d2b8a4f59a7c4e2d19b0f6a83"
MACHINE_ID = "8d1b4e2f7a9c43d6b5e0f1a2c3d4e5f6"
SEQNUM_ID = "a5c0e7f3b9d24c1e8f6a0b2d4c6e8f10"
BOOT_REALTIME_US = None  # the monotonic clock counts from 12 hours before the first line
SEVERITIES = {"panic": 0, "fatal": 2, "error": 3, "warning": 4}
UIDS = {"master": (0, 0), "postfix-script": (0, 0), "local": (0, 0)}


def main():
    year = int(sys.argv[1])
    seqnum = 0x2f4a1
    last_second = None
    micro = 0
    boot_us = None
    for raw in sys.stdin.buffer:
        text = raw.rstrip(b"\n").decode("utf-8")
        m = LINE.match(text)
        if not m:
            sys.exit("not a syslog line: " + text)
        stamp, host, tag, pid, message = m.groups()
        at = datetime.strptime(f"{year} {stamp}", "%Y %b %d %H:%M:%S").replace(tzinfo=timezone.utc)
        second = int(at.timestamp())
        micro = micro + 1237 + (seqnum * 7919) % 40000 if second == last_second else 100000 + (seqnum * 104729) % 300000
        last_second = second
        realtime = second * 1_000_000 + min(micro, 999_999)
        if boot_us is None:
            boot_us = realtime - 12 * 3600 * 1_000_000
        monotonic = realtime - boot_us
        program = tag.rsplit("/", 1)[-1]
        uid, gid = UIDS.get(program, (107, 114))
        word = message.split(":", 1)[0]
        priority = SEVERITIES.get(word, 6)
        seqnum += 1
        xor = hashlib.sha256(f"{seqnum}{message}".encode()).hexdigest()[:16]
        entry = {
            "__CURSOR": f"s={SEQNUM_ID};i={seqnum:x};b={BOOT_ID};m={monotonic:x};t={realtime:x};x={xor}",
            "__REALTIME_TIMESTAMP": str(realtime),
            "__MONOTONIC_TIMESTAMP": str(monotonic),
            "_BOOT_ID": BOOT_ID,
            "_MACHINE_ID": MACHINE_ID,
            "_HOSTNAME": host,
            "_TRANSPORT": "syslog",
            "PRIORITY": str(priority),
            "SYSLOG_FACILITY": "2",
            "SYSLOG_IDENTIFIER": tag,
            "SYSLOG_PID": pid,
            "SYSLOG_TIMESTAMP": at.strftime("%b ") + f"{at.day:2d}" + at.strftime(" %H:%M:%S "),
            "_UID": str(uid),
            "_GID": str(gid),
            "_COMM": program,
            "_EXE": f"/usr/lib/postfix/sbin/{program}",
            "_CMDLINE": f"{program} -n {'smtp' if program == 'smtpd' else program} -t {'inet' if program == 'smtpd' else 'unix'} -u",
            "_CAP_EFFECTIVE": "0" if uid else "1ffffffffff",
            "_SYSTEMD_CGROUP": "/system.slice/system-postfix.slice/postfix@-.service",
            "_SYSTEMD_UNIT": "postfix@-.service",
            "_SYSTEMD_SLICE": "system-postfix.slice",
            "_SYSTEMD_INVOCATION_ID": "c41d7f0e9a2b4c8e9d1f3a5b7c9e0f12",
            "_PID": pid,
            "_SOURCE_REALTIME_TIMESTAMP": str(realtime - 37),
            "MESSAGE": message,
        }
        sys.stdout.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
