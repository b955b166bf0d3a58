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
# client side as relay-mainlog.swaks.txt and eximstats' report of the mainlog as relay-mainlog.eximstats.txt.
#
# A second scenario, nopid, writes the same set as nopid-*: Debian's default log_selector plus
# +smtp_connection (no +pid, no +incoming_port), bursts of parallel sessions from one address in
# the same second, parallel RCPT refusals, refused connections (smtp_accept_max_per_host,
# host_reject_connection, a connect ACL), a :blackhole: alias, an alias piped into "exim -oi" (a new
# message), an autoreply (a new message with R=<parent>), and an alias to two remote addresses.
# Usage: sample-logs/generate/make-exim-samples.sh [OUTPUT_DIR [SCENARIO...]]
#        (default sample-logs/exim, both scenarios: relay nopid)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../exim}
mkdir -p "$out"
out=$(cd "$out" && pwd)
shift || true
scenarios=${*:-relay nopid}
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
  exec env SMTPLOG_IN_NETNS=1 unshare --net "$0" "$out" $scenarios
fi
ip link set lo up
export LD_LIBRARY_PATH=$root/usr/lib/x86_64-linux-gnu TZ=UTC

/usr/bin/python3 "$here/smtp_sink.py" 127.0.0.2 2525 >/tmp/smtplog-exim-sink.log 2>&1 &
sink=$!
run=
trap 'if [ -n "$run" ]; then kill $(cat "$run/exim.pid" 2>/dev/null) 2>/dev/null || true; fi; kill $sink 2>/dev/null || true' EXIT

# A fresh folder for one scenario: spool, logs, mailboxes, a self-signed certificate, the wrapper.
new_run() {
run=$(mktemp -d /tmp/smtplog-exim.XXXXXX)
chmod 755 "$run"
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
}

send() { # send FROM TO[,TO...] [extra swaks args]
  local from=$1 to=$2; shift 2
  swaks --server 127.0.0.1:25 --helo client.smtplog.test --from "$from" --to "$to" \
        --header "Subject: sample $to" "$@" >>"${swaks_log:-$run/swaks.log}" 2>&1 || true
}
outsider() { send "$@" --local-interface 127.0.0.5; }

# The relay scenario: relay-mainlog.log, relay-rejectlog.log, relay-paniclog.log
relay_scenario() {
new_run
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

}

# The nopid scenario: Debian's default log_selector plus +smtp_connection, so no [pid] and no
# incoming port: several connections from one address in the same second, parallel RCPT
# refusals, refused connections (smtp_accept_max_per_host, host_reject_connection, the connect
# ACL), :blackhole:, a pipe that submits a new message, an autoreply, a two-address redirect.
nopid_scenario() {
new_run
cat > "$run/aliases" <<AL
postmaster: root
team: root, alice@example.com
void: :blackhole:
pair: kim@example.com, lee@example.net
resend: "|$exim -C $run/exim.conf -oi nora@example.org"
AL

for u in root alice bob carol dave erin; do echo "$u: $u"; done >"$run/users"

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
# Debian's default MAIN_LOG_SELECTOR, plus smtp_connection: no +pid, no +incoming_port
log_selector = +smtp_protocol_error +smtp_syntax_error +tls_certificate_verified +tls_peerdn +smtp_connection
timezone = UTC
host_lookup =
rfc1413_hosts =
never_users =
trusted_users = root
tls_advertise_hosts = *
tls_certificate = $run/cert.pem
tls_privatekey = $run/key.pem
smtp_accept_max_per_host = 3
host_reject_connection = 127.0.0.8
acl_smtp_connect = acl_check_connect
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_connect:
  deny    hosts = 127.0.0.7
          message = Connections from this host are not accepted
  accept  hosts = 127.0.0.9
          delay = 3s
  accept

acl_check_rcpt:
  deny    recipients = blocked@example.com : refused@example.com
          message = Recipient blocked by local policy
  accept  domains = +local_domains
          verify = recipient
  accept  hosts = +relay_from_hosts
  deny    message = relay not permitted

begin routers
aliases:
  driver = redirect
  domains = +local_domains
  data = \${lookup{\$local_part}lsearch{$run/aliases}}
  user = Debian-exim
  pipe_transport = address_pipe
vacation:
  driver = accept
  domains = +local_domains
  local_parts = vacation
  transport = vacation_reply
localuser:
  driver = accept
  domains = +local_domains
  local_parts = lsearch;$run/users
  transport = local_delivery
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
local_delivery:
  driver = appendfile
  file = $run/mail/\$local_part_data
  user = Debian-exim
  delivery_date_add
  envelope_to_add
  return_path_add
address_pipe:
  driver = pipe
  return_fail_output
vacation_reply:
  driver = autoreply
  user = Debian-exim
  from = vacation@smtplog.test
  to = \$sender_address
  subject = Away: \$h_subject:
  text = I am away until next week.

begin retry
*  *  F,40s,10s
CF

"$exim" -C "$run/exim.conf" -bd -q10s
sleep 2

send alice@smtplog.test bob@example.com
send alice@smtplog.test pair@smtplog.test
send bob@smtplog.test void@smtplog.test
send bob@smtplog.test void@smtplog.test,carol@example.com,root@smtplog.test
send carol@smtplog.test resend@smtplog.test
outsider stranger@example.net vacation@smtplog.test
send dave@smtplog.test postmaster@smtplog.test
send erin@smtplog.test team@smtplog.test,pair@smtplog.test
# Sessions in parallel: each swaks writes its own transcript, added to swaks.log in order after.
burst() { # NAME, then one "send ..." or "outsider ..." command per argument
  local name=$1 n=0 cmd pids=; shift
  for cmd in "$@"; do
    n=$((n + 1))
    swaks_log=$run/$name.$n.log eval "$cmd" &
    pids="$pids $!"
  done
  wait $pids
  for i in $(seq 1 $n); do cat "$run/$name.$i.log" >>"$run/swaks.log"; done
}
for round in 1 2 3 4 5; do
  # four sessions from 127.0.0.1 at once (one over smtp_accept_max_per_host when they overlap)
  burst "deliver$round" "send alice@smtplog.test kim$round@example.com,lee$round@example.net" \
    "send bob@smtplog.test mona$round@example.org -tls" \
    "send carol@smtplog.test ned$round@example.com,root@smtplog.test,olga$round@example.net" \
    "send dave@smtplog.test pair@smtplog.test"
  # two RCPT refusals from 127.0.0.1 and two relay refusals from 127.0.0.5, in the same second
  burst "refuse$round" "send alice@smtplog.test blocked@example.com" \
    "send bob@smtplog.test refused@example.com,paul$round@example.org" \
    "outsider stranger@example.net someone$round@example.com" \
    "outsider stranger@example.net other$round@example.com"
done
send alice@smtplog.test busy.quinn@example.org,rose@example.net
send bob@smtplog.test nouser.sven@example.com
# five at once from 127.0.0.9 (not a relay client), whose banner the connect ACL holds back 3 s:
# the fourth and fifth are over smtp_accept_max_per_host = 3, the other three are refused at RCPT
burst crowd "send erin@smtplog.test tom1@example.com --local-interface 127.0.0.9" \
  "send erin@smtplog.test tom2@example.com --local-interface 127.0.0.9" \
  "send erin@smtplog.test tom3@example.com --local-interface 127.0.0.9" \
  "send erin@smtplog.test tom4@example.com --local-interface 127.0.0.9" \
  "send erin@smtplog.test tom5@example.com --local-interface 127.0.0.9"
send alice@smtplog.test uma@example.com --local-interface 127.0.0.8
send alice@smtplog.test vera@example.com --local-interface 127.0.0.7
}

# Let deferred mail retry until the retry rule gives up (40 s), then let the bounces go out, stop
# Exim and keep its logs as NAME-mainlog.log etc., swaks' side and eximstats' report.
finish() { # NAME
for _ in $(seq 1 18); do
  sleep 10
  if [ -z "$("$exim" -C "$run/exim.conf" -bpc 2>/dev/null | grep -v '^0$')" ]; then break; fi
done
sleep 3
kill "$(cat "$run/exim.pid")"
sleep 1

for log in mainlog rejectlog paniclog; do
  if [ -s "$run/log/$log" ]; then cp "$run/log/$log" "$out/$1-$log.log"; fi
done
cp "$run/swaks.log" "$out/$1-mainlog.swaks.txt"
perl "$root/usr/sbin/eximstats" "$out/$1-mainlog.log" >"$out/$1-mainlog.eximstats.txt" 2>&1 || true
echo "wrote $out: $(wc -l "$out/$1"-*log | tail -1)"
}

for scenario in $scenarios; do
  case $scenario in
    relay) relay_scenario; finish relay ;;
    nopid) nopid_scenario; finish nopid ;;
    *) echo "unknown scenario $scenario (relay, nopid)" >&2; exit 2 ;;
  esac
done
