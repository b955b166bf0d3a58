#!/usr/bin/env bash
# Makes the generated transcript samples: real SMTP dialogues with the local sink (smtp_sink.py on
# 127.0.0.2:2525, which answers 250, 251, 252, 450, 451, 452, 550, 551 and 553 by recipient and 554
# after DATA), written down by the tools that write them:
#   swaks-sink.transcript    swaks sessions: many recipients in one transaction, pipelining, a probe
#                            that quits after RCPT, a message refused after DATA, AUTH LOGIN
#                            accepted and AUTH PLAIN refused (the credentials are redacted on reading)
#   smtplib-sink.transcript  Python smtplib with set_debuglevel(1): VRFY (252), a 251 recipient
#   telnet-sink.transcript   a typed session as telnet shows it (the client's lines and the server's)
# Everything runs inside a private network namespace (unshare --net): only loopback exists there.
# Needs root, swaks and python3-aiosmtpd.
#
# Usage: sample-logs/generate/make-transcript-samples.sh [OUTPUT_DIR]   (default sample-logs/transcripts)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../transcripts}
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ "${SMTPLOG_IN_NETNS:-}" != 1 ]; then
  exec env SMTPLOG_IN_NETNS=1 unshare --net "$0" "$out"
fi
ip link set lo up
/usr/bin/python3 "$here/smtp_sink.py" 127.0.0.2 2525 >/tmp/smtplog-transcript-sink.log 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
sleep 2

sw() { swaks --server 127.0.0.2:2525 --helo client.smtplog.test --from alice@smtplog.test "$@" 2>&1 || true; }
{
  sw --to bob@example.com,fwd.erin@example.net,moved.peggy@example.org,full.mallory@example.net,nouser.oscar@example.com,busy.ivan@example.com
  sw --to vrfy.heidi@example.org,err.judy@example.org,badname.trent@example.net --pipeline
  sw --to fwd.probe@example.net --quit-after RCPT
  sw --to walter@example.com --body "spam-test body"
  sw --to xavier@example.com --auth LOGIN --auth-user alice --auth-password secret
  sw --to yvonne@example.com --auth PLAIN --auth-user alice --auth-password wrong
} >"$out/swaks-sink.transcript"

/usr/bin/python3 - >"$out/smtplib-sink.transcript" 2>&1 <<'PY'
import smtplib
s = smtplib.SMTP("127.0.0.2", 2525, local_hostname="client.smtplog.test")
s.set_debuglevel(1)
s.ehlo()
s.verify("vrfy.heidi@example.org")
s.sendmail("bob@smtplog.test", ["fwd.frank@example.net", "grace@example.net"],
           "Subject: smtplib sample\r\n\r\nhello\r\n")
s.quit()
PY

/usr/bin/python3 - >"$out/telnet-sink.transcript" <<'PY'
# What "telnet 127.0.0.2 2525" shows when a person types these lines: telnet's own notes, then
# each typed line followed by the server's reply lines.
import socket
lines = ["HELO client.smtplog.test", "MAIL FROM:<carol@smtplog.test>", "RCPT TO:<dave@example.org>",
         "RCPT TO:<moved.victor@example.org>", "RCPT TO:<fwd.walter@example.net>", "DATA",
         "Subject: typed by hand", "", "hello", ".", "QUIT"]
print("Trying 127.0.0.2...")
sock = socket.create_connection(("127.0.0.2", 2525))
print("Connected to 127.0.0.2.")
print("Escape character is '^]'.")
f = sock.makefile("rb")
def reply():
    while True:
        line = f.readline().decode().rstrip("\r\n")
        print(line)
        if len(line) < 4 or line[3] != "-":
            return line
reply()
in_data = False
for line in lines:
    print(line)
    sock.sendall((line + "\r\n").encode())
    if in_data and line != ".":
        continue
    code = reply()
    in_data = code.startswith("354")
print("Connection closed by foreign host.")
PY
echo "wrote $(ls "$out"/*.transcript | wc -l) transcripts to $out"
