#!/usr/bin/env python3
"""Writes the copies of a postlogd log that container runtimes store, as Postfix in a container
(maillog_file = /dev/stdout) would leave them:
  docker  `docker logs --timestamps`: RFC3339Nano with nine fraction digits, UTC, one space
  cri     containerd / CRI-O (Kubernetes /var/log/pods): RFC3339Nano (trailing zeros trimmed, as Go's
          time.RFC3339Nano does), the stream, "F" (a full line), one space each
The runtime's time is the line's own second plus a deterministic delay below one second (the
runtime reads the pipe after Postfix wrote it); the year is given, as postlogd writes none.
Usage: container-prefixes.py docker|cri YEAR < postlogd.log > copy.log"""
import datetime
import sys

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def main():
    kind, year = sys.argv[1], int(sys.argv[2])
    for n, line in enumerate(sys.stdin.read().splitlines()):
        month = MONTHS.index(line[0:3]) + 1
        day, clock = int(line[4:6]), line[7:15]
        h, m, s = (int(x) for x in clock.split(":"))
        nanos = (n * 7919 + 104729) * 1013 % 1_000_000_000
        at = datetime.datetime(year, month, day, h, m, s)
        base = at.strftime("%Y-%m-%dT%H:%M:%S")
        if kind == "docker":
            print(f"{base}.{nanos:09d}Z {line}")
        else:
            fraction = f"{nanos:09d}".rstrip("0")
            stamp = f"{base}.{fraction}Z" if fraction else f"{base}Z"
            stream = "stdout"
            print(f"{stamp} {stream} F {line}")


if __name__ == "__main__":
    main()
