#!/usr/bin/env bash
# Makes the generated Exim samples with a real Exim (Debian's exim4-daemon-light):
#   mainlog, rejectlog (and paniclog when Exim wrote one) of a relay scenario: local deliveries,
#   aliases and forwards, relay to the sink through every sink answer (250, 251, 252, 450, 451,
#   452, 550, 551, 553 and 554 after DATA), ACL rejects (sender, recipient, relay, greylist defer,
#   after-DATA with the header dump in rejectlog), an authenticator failure, a client that talks
#   before the greeting, deferrals that expire ("retry timeout exceeded") and their bounces, TLS,
#   and log_selector = +all.
#
# Exim conflicts with the Postfix package, so it is not installed: the .deb files are unpacked into
# a private folder (apt-get download + dpkg -x) and run from there with their own configuration,
# spool and logs. Everything runs inside a private network namespace (unshare --net) whose only
# interface is loopback; every non-local domain is routed to the sink (smtp_sink.py on
# 127.0.0.2:2525), so no mail can leave the machine. Needs root, swaks, python3-aiosmtpd, openssl.
#
# Writes relay-mainlog.log, relay-rejectlog.log, relay-paniclog.log (Exim's three logs), the swaks
# client side as relay-swaks.txt and eximstats' report of the mainlog as relay-mainlog.eximstats.txt.
# Usage: sample-logs/generate/make-exim-samples.sh [OUTPUT_DIR]   (default sample-logs/exim)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../exim}
mkdir -p "$out"
out=$(cd "$out" && pwd)
root=${EXIM_ROOT:-/tmp/smtplog-exim-root}

if [ "${SMTPLOG_IN_NETNS:-}" != 1 ]; then
  if [ ! -x "$root/usr/sbin/exim4" ]; then
    pkgs=$(mktemp -d /tmp/smtplog-exim-debs.XXXXXX)
    chmod 777 "$pkgs"
    (cd "$pkgs" && apt-get download exim4-daemon-light exim4-base exim4-config libidn12 >/dev/null)
    for deb in "$pkgs"/*.deb; do dpkg -x "$deb" "$root"; done
  fi
  # Setuid binaries ignore LD_LIBRARY_PATH; this copy runs as root from the start and needs no setuid.
  chmod u-s "$root/usr/sbin/exim4"
  id Debian-exim >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin Debian-exim
  exec env SMTPLOG_IN_NETNS=1 unshare --net "$0" "$out"
fi
ip link set lo up
export LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu TZ=UTC

/usr/bin/python3 "$here/smtp_sink.py" 127.0.0.2 2525 >/tmp/smtplog-exim-sink.log 2>&1 &
sink=$!
run=$(mktemp -d /tmp/smtplog-exim.XXXXXX)
chmod 755 "$run"
trap 'kill $(cat "$run/exim.pid" 2>/dev/null) $sink 2>/dev/null || true' EXIT
mkdir -p "$run/spool" "$run/log" "$run/mail"
chown Debian-exim "$run/spool" "$run/log" "$run/mail"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=mx2.smtplog.test \
  -keyout "$run/key.pem" -out "$run/cert.pem" >/dev/null 2>&1
chown Debian-exim "$run/key.pem" "$run/cert.pem"
# Exim re-executes itself (exim_path) for every delivery with a cleaned environment: a wrapper
# gives the unpacked binary its libraries (libidn12 is unpacked beside it, not installed).
exim=$run/exim
printf '#!/bin/sh\nLD_LIBRARY_PATH=%s TZ=UTC exec %s "$@"\n' "$LD_LIBRARY_PATH" "$root/usr/sbin/exim4" >"$exim"
chmod 755 "$exim"

cat > "$run/aliases" <<AL
postmaster: root
team: root, alice@example.com
forward: carol@example.org
moved: fwd.dave@example.net
AL

for u in root alice bob carol dave erin user1 user2 user3 user4; do echo "$u: $u"; done >"$run/users"

cat > "$run/exim.conf" <<CF
primary_hostname = mx2.smtplog.test
exim_path = $exim
keep_environment = LD_LIBRARY_PATH : TZ
qualify_domain = smtplog.test
domainlist local_domains = smtplog.test : localhost
hostlist relay_from_hosts = 127.0.0.1
local_interfaces = 127.0.0.1
daemon_smtp_ports = 25
spool_directory = $run/spool
log_file_path = $run/log/%slog
pid_file_path = $run/exim.pid
log_selector = +all
timezone = UTC
host_lookup =
rfc1413_hosts =
never_users =
trusted_users = root
tls_advertise_hosts = *
tls_certificate = $run/cert.pem
tls_privatekey = $run/key.pem
auth_advertise_hosts = *
delay_warning = 20s
acl_smtp_connect = acl_check_connect
acl_smtp_mail = acl_check_mail
acl_smtp_rcpt = acl_check_rcpt
acl_smtp_data = acl_check_data

begin acl
acl_check_connect:
  accept  hosts = 127.0.0.6
          delay = 2s
  accept

acl_check_mail:
  deny    senders = spammer@bad.example
          message = Sender blocked by local policy
  accept

acl_check_rcpt:
  deny    recipients = blocked@example.com
          message = Recipient blocked by local policy
  defer   recipients = greylist@example.net
          message = Greylisted, try again later
  warn    recipients = warned@example.org
          log_message = recipient under observation
  accept  domains = +local_domains
          verify = recipient
  accept  hosts = +relay_from_hosts
  deny    message = relay not permitted

acl_check_data:
  deny    condition = \${if match{\$h_subject:}{spam-acl}}
          message = Your message looks like spam
  accept

begin routers
aliases:
  driver = redirect
  domains = +local_domains
  data = \${lookup{\$local_part}lsearch{$run/aliases}}
localuser:
  driver = accept
  domains = +local_domains
  local_parts = lsearch;$run/users
  transport = local_delivery
unreachable:
  driver = manualroute
  domains = unreachable.example
  route_list = * 127.0.0.2
  transport = dead_smtp
sink:
  driver = manualroute
  domains = ! +local_domains
  route_list = * 127.0.0.2
  transport = remote_smtp

begin transports
remote_smtp:
  driver = smtp
  port = 2525
  hosts_avoid_tls = *
dead_smtp:
  driver = smtp
  port = 2626
local_delivery:
  driver = appendfile
  file = $run/mail/\$local_part_data
  user = Debian-exim
  delivery_date_add
  envelope_to_add
  return_path_add

begin retry
*  *  F,40s,10s

begin authenticators
plain_server:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if eq{\$auth3}{secret}}
  server_set_id = \$auth2
CF

"$exim" -C "$run/exim.conf" -bd -q10s
sleep 2

send() { # send FROM TO[,TO...] [extra swaks args]
  local from=$1 to=$2; shift 2
  swaks --server 127.0.0.1:25 --helo client.smtplog.test --from "$from" --to "$to" \
        --header "Subject: sample $to" "$@" >>"$run/swaks.log" 2>&1 || true
}
outsider() { send "$@" --local-interface 127.0.0.5; }

send alice@smtplog.test bob@example.com
send alice@smtplog.test bob@example.com,carol@example.com,dave@example.org
send alice@smtplog.test fwd.erin@example.net -tls
send alice@smtplog.test fwd.frank@example.net,grace@example.net
send bob@smtplog.test vrfy.heidi@example.org
send bob@smtplog.test busy.ivan@example.com
send bob@smtplog.test err.judy@example.org
send bob@smtplog.test full.mallory@example.net
send carol@smtplog.test nouser.oscar@example.com
send carol@smtplog.test moved.peggy@example.org
send carol@smtplog.test badname.trent@example.net
send carol@smtplog.test victor@unreachable.example
send dave@smtplog.test walter@example.com --body "spam-test body"
send dave@smtplog.test root@smtplog.test
send dave@smtplog.test team@smtplog.test
send erin@smtplog.test forward@smtplog.test
send erin@smtplog.test moved@smtplog.test
send erin@smtplog.test Bob@Example.COM
send alice@smtplog.test warned@example.org
send alice@smtplog.test blocked@example.com
send alice@smtplog.test xavier@example.com --header "Subject: spam-acl offer"
send spammer@bad.example root@smtplog.test
outsider stranger@example.net someone@example.com
outsider stranger@example.net greylist@example.net
outsider stranger@example.net postmaster@smtplog.test
outsider stranger@example.net nouser.x@smtplog.test
for i in 1 2 3 4; do send "user$i@smtplog.test" "rcpt$i@example.org" -tls; done
send alice@smtplog.test yvonne@example.com --auth PLAIN --auth-user alice --auth-password wrong
send alice@smtplog.test zoe@example.com --auth PLAIN --auth-user alice --auth-password secret -tls
swaks --server 127.0.0.1:25 --helo client.smtplog.test --from alice@smtplog.test --to bob@example.com \
      --pipeline >>"$run/swaks.log" 2>&1 || true
printf 'EHLO x\r\nQUIT\r\n' | timeout 5 nc -q 3 127.0.0.1 25 >/dev/null 2>&1 || true
# a client that talks before the greeting: the connect ACL holds its banner back 2 s (Exim 4.96 still
# serves it: its EHLO is answered after the banner, and the session ends as "no MAIL")
{ printf 'EHLO eager.example\r\n'; sleep 3; printf 'QUIT\r\n'; } | timeout 8 nc -q 2 -s 127.0.0.6 127.0.0.1 25 >/dev/null 2>&1 || true

# Let deferred mail retry until the retry rule gives up (40 s), then let the bounces go out.
for _ in $(seq 1 18); do
  sleep 10
  if [ -z "$("$exim" -C "$run/exim.conf" -bpc 2>/dev/null | grep -v '^0$')" ]; then break; fi
done
sleep 3
kill "$(cat "$run/exim.pid")"
sleep 1

for log in mainlog rejectlog paniclog; do
  if [ -s "$run/log/$log" ]; then cp "$run/log/$log" "$out/relay-$log.log"; fi
done
cp "$run/swaks.log" "$out/relay-swaks.txt"
perl "$root/usr/sbin/eximstats" "$out/relay-mainlog.log" >"$out/relay-mainlog.eximstats.txt" 2>&1 || true
echo "wrote $out: $(wc -l "$out"/*log | tail -1)"
