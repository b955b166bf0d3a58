#!/usr/bin/env bash
# Makes the generated Postfix samples with a real Postfix (Debian's package):
#   loopback-relay.log  - relay and local delivery through every sink answer, deferrals, expiry, rejects
#   content-filter.log  - postscreen in front of smtpd, and a content filter that re-injects every
#                         message (Postfix as its own "null filter", with XFORWARD): "queued as" hops
#   smtpd-verbose.log   - debug_peer_list also for the SMTP client 127.0.0.1, so smtpd writes its
#                         verbose trace (">>> START Recipient address RESTRICTIONS <<<", fsspace:...)
#
# Everything runs inside a private network namespace (unshare --net): only the loopback interface
# exists there, so no mail can leave the machine. Postfix runs with its own configuration
# directory and queue under a temporary folder; every domain is routed to the local sink
# (smtp_sink.py on 127.0.0.2:2525), which answers 250, 251, 252, 450, 451, 452, 550, 551 and 553
# by recipient. debug_peer_list is on for the sink, so the log holds the smtp client's
# RCPT-time transcript. Needs root and: apt-get install postfix swaks pflogsumm python3-aiosmtpd
#
# Usage: sample-logs/generate/make-postfix-samples.sh [OUTPUT_DIR [SCENARIO...]]
#        (default sample-logs/postfix, every scenario: relay filter verbose)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../postfix}
mkdir -p "$out"
out=$(cd "$out" && pwd)
shift || true
scenarios=${*:-relay filter verbose}

if [ "${SMTPLOG_IN_NETNS:-}" != 1 ]; then
  exec env SMTPLOG_IN_NETNS=1 unshare --net "$0" "$out" $scenarios
fi
ip link set lo up

/usr/bin/python3 "$here/smtp_sink.py" 127.0.0.2 2525 >/tmp/smtplog-sink.log 2>&1 &
sink=$!
etc=
trap '[ -n "$etc" ] && postfix -c "$etc" stop >/dev/null 2>&1; kill $sink 2>/dev/null || true' EXIT
sleep 2

# A fresh Postfix instance under a temporary folder: configuration, queue, maps, mailboxes.
setup() {

run=$(mktemp -d /tmp/smtplog-postfix.XXXXXX)
chmod 755 "$run"
etc=$run/etc
mkdir -p "$etc" "$run/spool" "$run/data"
cp /etc/postfix/master.cf "$etc/master.cf"
cp /etc/postfix/dynamicmaps.cf "$etc/dynamicmaps.cf" 2>/dev/null || true
[ -d /etc/postfix/dynamicmaps.cf.d ] && cp -r /etc/postfix/dynamicmaps.cf.d "$etc/"
chown -R postfix "$run/data"

cat > "$etc/main.cf" <<CF
compatibility_level = 3.6
myhostname = mx1.smtplog.test
mydomain = smtplog.test
myorigin = \$mydomain
mydestination = \$myhostname, \$mydomain, localhost
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
queue_directory = $run/spool
data_directory = $run/data
maillog_file = $run/maillog
maillog_file_prefixes = $run
alias_maps = hash:$etc/aliases
alias_database = hash:$etc/aliases
virtual_alias_maps = hash:$etc/virtual
transport_maps = hash:$etc/transport
default_transport = smtp:[127.0.0.2]:2525
relay_transport = smtp:[127.0.0.2]:2525
home_mailbox =
mail_spool_directory = $run/mail
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtpd_peername_lookup = no
debug_peer_list = 127.0.0.2
smtpd_helo_required = yes
smtpd_sender_restrictions = check_sender_access hash:$etc/sender_access
smtpd_recipient_restrictions = check_recipient_access hash:$etc/recipient_access, permit_mynetworks, reject_unauth_destination
smtpd_data_restrictions = reject_unauth_pipelining
queue_run_delay = 10s
minimal_backoff_time = 10s
maximal_backoff_time = 20s
maximal_queue_lifetime = 70s
bounce_queue_lifetime = 70s
delay_warning_time = 30s
notify_classes =
CF

cat > "$etc/aliases" <<AL
postmaster: root
team: root, alice@example.com
AL
cat > "$etc/virtual" <<VI
forward@smtplog.test carol@example.org
moved@smtplog.test fwd.dave@example.net
VI
cat > "$etc/transport" <<TR
unreachable.example smtp:[127.0.0.2]:2626
TR
cat > "$etc/sender_access" <<SA
spammer@bad.example REJECT 5.7.1 Sender blocked by local policy
SA
cat > "$etc/recipient_access" <<RA
blocked@example.com REJECT 5.7.1 Recipient blocked by local policy
greylist@example.net DEFER_IF_PERMIT 4.7.1 Greylisted, try again later
warned@example.org WARN recipient under observation
RA
for m in aliases; do postalias "hash:$etc/$m"; done
for m in virtual transport sender_access recipient_access; do postmap "hash:$etc/$m"; done
mkdir -p "$run/mail"; chmod 1777 "$run/mail"

}

start() {
  postfix -c "$etc" set-permissions >/dev/null 2>&1 || true
  script -qec "postfix -c $etc start" /dev/null   # postfix prints errors only to a terminal
  sleep 3
}

send() { # send FROM TO[,TO...] [extra swaks args]
  local from=$1 to=$2; shift 2
  swaks --server 127.0.0.1:25 --helo client.smtplog.test --from "$from" --to "$to" \
        --header "Subject: sample $to" "$@" >>"$run/swaks.log" 2>&1 || true
}
outsider() { # an SMTP client outside mynetworks
  send "$@" --local-interface 127.0.0.5
}

relay_traffic() {
send alice@smtplog.test bob@example.com
send alice@smtplog.test bob@example.com,carol@example.com,dave@example.org
send alice@smtplog.test fwd.erin@example.net
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
send spammer@bad.example root@smtplog.test
outsider stranger@example.net someone@example.com
outsider stranger@example.net greylist@example.net
outsider stranger@example.net postmaster@smtplog.test
outsider stranger@example.net nouser.x@smtplog.test
for i in 1 2 3 4 5 6; do send "user$i@smtplog.test" "rcpt$i@example.org" ; done
swaks --server 127.0.0.1:25 --helo client.smtplog.test --from alice@smtplog.test --to bob@example.com \
      --pipeline >>"$run/swaks.log" 2>&1 || true
printf 'EHLO x\r\nQUIT\r\n' | timeout 5 nc -q 3 127.0.0.1 25 >/dev/null 2>&1 || true
printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 nc -q 3 127.0.0.1 25 >/dev/null 2>&1 || true
}

# The same instance with postscreen on port 25 and a content filter: every message goes out to
# 127.0.0.1:10026 (a second smtpd, as amavisd-new would) and comes back under a new queue id.
filter_config() {
  postconf -c "$etc" -e 'content_filter = filter:[127.0.0.1]:10026' 'postscreen_greet_action = ignore' \
    'postscreen_greet_wait = 2s' 'postscreen_dnsbl_sites =' 'postscreen_access_list = permit_mynetworks'
  sed -i -E 's/^smtp( +)inet( +)n( +)-( +)y( +)-( +)-( +)smtpd$/#&/' "$etc/master.cf"
  cat >> "$etc/master.cf" <<MC
smtp      inet  n       -       n       -       1       postscreen
smtpd     pass  -       -       n       -       -       smtpd
dnsblog   unix  -       -       n       -       0       dnsblog
filter    unix  -       -       n       -       2       smtp
  -o syslog_name=postfix/filter
  -o smtp_send_xforward_command=yes
127.0.0.1:10026 inet n  -       n       -       -       smtpd
  -o syslog_name=postfix/reinject
  -o content_filter=
  -o receive_override_options=no_unknown_recipient_checks,no_header_body_checks,no_milters
  -o smtpd_authorized_xforward_hosts=127.0.0.0/8
  -o smtpd_recipient_restrictions=permit_mynetworks,reject
  -o mynetworks=127.0.0.0/8
MC
}

filter_traffic() {
  send alice@smtplog.test bob@example.com
  send alice@smtplog.test carol@example.com,fwd.dave@example.net,erin@example.org
  send bob@smtplog.test fwd.frank@example.net
  send bob@smtplog.test nouser.grace@example.org
  send carol@smtplog.test busy.heidi@example.com
  send carol@smtplog.test root@smtplog.test
  swaks --server 127.0.0.1:25 --helo client.smtplog.test --from dave@smtplog.test \
        --to ivan@example.net,judy@example.net --pipeline >>"$run/swaks.log" 2>&1 || true
  outsider stranger@example.net someone@example.com
  outsider stranger@example.net postmaster@smtplog.test
  # a client that talks before the greeting: postscreen logs PREGREET
  printf 'EHLO eager.example\r\nQUIT\r\n' | timeout 8 nc -q 5 -s 127.0.0.6 127.0.0.1 25 >/dev/null 2>&1 || true
}

# smtpd's verbose trace for one client (debug_peer_list, debug_peer_level 2): a delivery with a 251
# at RCPT, an access-table reject, and a relay refusal for a client outside mynetworks (not traced).
verbose_traffic() {
  send alice@smtplog.test bob@example.com,fwd.erin@example.net
  send alice@smtplog.test blocked@example.com
  outsider stranger@example.net someone@example.com
}

# Let deferred mail retry, warn and expire (maximal_queue_lifetime = 70s), then let bounces go out.
drain() {
  for _ in $(seq 1 30); do
    sleep 10
    if [ -z "$(postqueue -c "$etc" -p 2>/dev/null | grep -E '^[0-9A-F]')" ]; then break; fi
  done
  sleep 3
  postfix -c "$etc" stop
  sleep 3
}

collect() { # NAME
  cp "$run/maillog" "$out/$1.log"
  cp "$run/swaks.log" "$out/$1.swaks.txt"
  pflogsumm --problems-first --verbose-msg-detail --smtpd-stats "$out/$1.log" >"$out/$1.pflogsumm.txt" 2>&1 || true
  echo "wrote $out/$1.log ($(wc -l <"$out/$1.log") lines)"
}

for scenario in $scenarios; do
  case $scenario in
    relay) setup; start; relay_traffic; drain; collect loopback-relay ;;
    filter) setup; filter_config; start; filter_traffic; drain; collect content-filter ;;
    verbose) setup; postconf -c "$etc" -e 'debug_peer_list = 127.0.0.1, 127.0.0.2'; start; verbose_traffic; drain
      collect smtpd-verbose ;;
    *) echo "unknown scenario $scenario (relay, filter, verbose)" >&2; exit 2 ;;
  esac
done
