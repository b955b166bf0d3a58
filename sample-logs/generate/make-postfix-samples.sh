#!/usr/bin/env bash
# Makes the generated Postfix samples with a real Postfix (Debian's package), one scenario each:
#   relay    loopback-relay.log  - relay and local delivery through every sink answer, deferrals,
#                                  expiry, rejects
#   filter   content-filter.log  - postscreen in front of smtpd, and a content filter that re-injects
#                                  every message (Postfix as its own "null filter", with XFORWARD):
#                                  "queued as" hops
#   race     filter-race.log     - a slow after-queue content filter (slow_filter.py) that re-injects
#                                  at once but answers the hand-over 2 s later: the new copy is
#                                  delivered and removed before the original's "queued as" line;
#                                  a 451 at the filter that is retried, a bounce after the filter
#   forward  forward-bounce.log  - aliases and a .forward that send mail on as a new message
#                                  ("forwarded as"): a copy refused by the sink (bounce), a copy
#                                  delivered, a list alias with a delivered, a deferred-then-expired
#                                  and a local member; DISCARD in an access table and the discard(8)
#                                  transport; an alias to /dev/null
#   headers  header-checks.log   - header_checks and body_checks REJECT of messages with 3 to 5
#                                  recipients (cleanup names only the first), WARN, RCPT rejects in
#                                  the same session, several RCPTs before DATA
#   debug    debug-verbose.log   - debug_peer_list for the client 127.0.0.1 and the sink, "smtpd -v"
#                                  on the submission port, STARTTLS inbound with a self-signed cert
#   verbose  smtpd-verbose.log   - debug_peer_list also for the SMTP client 127.0.0.1, so smtpd writes its
#                                  verbose trace (">>> START Recipient address RESTRICTIONS <<<", fsspace:...)
#
# Everything runs inside a private network namespace (unshare --net): only the loopback interface
# exists there, so no mail can leave the machine. Postfix runs with its own configuration
# directory and queue under a temporary folder; every domain is routed to the local sink
# (smtp_sink.py on 127.0.0.2:2525), which answers 250, 251, 252, 450, 451, 452, 550, 551 and 553
# by recipient. debug_peer_list is on for the sink, so the log holds the smtp client's
# RCPT-time transcript. Needs root and: apt-get install postfix swaks pflogsumm python3-aiosmtpd
#
# Usage: sample-logs/generate/make-postfix-samples.sh [OUTPUT_DIR [SCENARIO...]]
#        (default sample-logs/postfix, every scenario: relay filter race forward headers debug verbose)
# The race scenario needs slow_filter.py beside this script; the forward scenario adds a system user
# "frank" for its .forward while it runs (and removes it again if it made it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../postfix}
mkdir -p "$out"
out=$(cd "$out" && pwd)
shift || true
scenarios=${*:-relay filter race forward headers debug verbose}

if [ "${SMTPLOG_IN_NETNS:-}" != 1 ]; then
  exec env SMTPLOG_IN_NETNS=1 unshare --net "$0" "$out" $scenarios
fi
ip link set lo up

/usr/bin/python3 "$here/smtp_sink.py" 127.0.0.2 2525 >/tmp/smtplog-sink.log 2>&1 &
sink=$!
etc=
helpers=
made_user=
cleanup_all() { # runs under set -e: nothing here may fail
  if [ -n "$etc" ]; then postfix -c "$etc" stop >/dev/null 2>&1 || true; fi
  kill $sink $helpers 2>/dev/null || true
  if [ -n "$made_user" ]; then userdel "$made_user" 2>/dev/null || true; fi
}
trap cleanup_all EXIT
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

# Local senders get their bounces: every sender of the new scenarios is an alias of root.
sender_aliases() {
  printf '%s: root\n' alice bob carol dave erin >>"$etc/aliases"
  postalias "hash:$etc/aliases"
}

# A reinject smtpd on 127.0.0.1:10026 (no content filter there), trusted with XFORWARD.
reinject_service() {
  cat >> "$etc/master.cf" <<MC
127.0.0.1:10026 inet n  -       n       -       -       smtpd
  -o syslog_name=postfix/reinject
  -o content_filter=
  -o receive_override_options=no_unknown_recipient_checks,no_header_body_checks,no_milters
  -o smtpd_authorized_xforward_hosts=127.0.0.0/8
  -o smtpd_recipient_restrictions=permit_mynetworks,reject
  -o mynetworks=127.0.0.0/8
MC
}

# A slow after-queue filter: Postfix hands every message to slow_filter.py on 127.0.0.1:10025 (with
# XFORWARD), which re-injects it into 127.0.0.1:10026 at once and answers Postfix 2 s later.
race_config() {
  sender_aliases
  postconf -c "$etc" -e 'debug_peer_list =' 'content_filter = scan:[127.0.0.1]:10025'
  cat >> "$etc/master.cf" <<MC
scan      unix  -       -       n       -       2       smtp
  -o syslog_name=postfix/scan
  -o smtp_send_xforward_command=yes
  -o smtp_data_done_timeout=1200s
MC
  reinject_service
  /usr/bin/python3 "$here/slow_filter.py" 127.0.0.1 10025 127.0.0.1 10026 2 >>"$run/filter.log" 2>&1 &
  helpers="$helpers $!"
}

race_traffic() {
  send alice@smtplog.test bob@example.com
  send alice@smtplog.test carol@example.com,dave@example.net,root@smtplog.test
  send bob@smtplog.test postmaster@smtplog.test,erin@example.org
  send carol@smtplog.test frank@example.com,grace@example.net --header "Subject: filter-tempfail sample"
  send dave@smtplog.test nouser.nina@example.org,heidi@example.org
  send erin@smtplog.test ivan@example.com
  send alice@smtplog.test judy@example.net,kim@example.net,lee@example.net,root@smtplog.test
  send bob@smtplog.test fwd.mike@example.com
  swaks --server 127.0.0.1:25 --helo client.smtplog.test --from carol@smtplog.test \
        --to oscar@example.org,peggy@example.com --pipeline >>"$run/swaks.log" 2>&1 || true
  outsider stranger@example.net postmaster@smtplog.test
  send dave@smtplog.test root@smtplog.test
  send erin@smtplog.test busy.quentin@example.net,rupert@example.net
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
    case $((i % 3)) in
      0) send "user$i@smtplog.test" "rcpt$i@example.org" ;;
      1) send "user$i@smtplog.test" "rcpt$i@example.org,copy$i@example.com" ;;
      2) send "user$i@smtplog.test" "rcpt$i@example.net,root@smtplog.test,copy$i@example.com" ;;
    esac
  done
}

# Aliases and a .forward that send mail on as new messages, and both kinds of discard.
forward_config() {
  sender_aliases
  postconf -c "$etc" -e 'debug_peer_list ='
  cat >> "$etc/aliases" <<AL
rejectme: nouser.rita@example.com
okfwd: sam@example.net
list: tina@example.com, busy.uma@example.org, root
owner-list: root
devnull: /dev/null
archive: "|/bin/cat >/dev/null"
chain: okfwd, rita.alias
rita.alias: nouser.rita2@example.com
pair: sam2@example.net, ursula@example.org
AL
  postalias "hash:$etc/aliases"
  echo 'discard.me@example.com DISCARD silently dropped by policy' >>"$etc/recipient_access"
  postmap "hash:$etc/recipient_access"
  echo 'trash.example discard:trash.example is discarded' >>"$etc/transport"
  postmap "hash:$etc/transport"
  # a real user with a .forward: a copy to the mailbox and one to a remote address
  if ! id frank >/dev/null 2>&1; then
    useradd --no-create-home --home-dir "$run/home/frank" --shell /usr/sbin/nologin frank
    made_user=frank
  fi
  mkdir -p "$run/home/frank"
  printf '\\frank, walt@example.com\n' >"$run/home/frank/.forward"
  chown -R frank "$run/home/frank"
}

forward_traffic() {
  send alice@smtplog.test rejectme@smtplog.test
  send bob@smtplog.test okfwd@smtplog.test
  send carol@smtplog.test list@smtplog.test
  send dave@smtplog.test frank@smtplog.test
  send erin@smtplog.test devnull@smtplog.test
  send alice@smtplog.test keep@example.com,discard.me@example.com
  send bob@smtplog.test discard.me@example.com
  send bob@smtplog.test xavier@trash.example,yvonne@example.net
  send carol@smtplog.test okfwd@smtplog.test,rejectme@smtplog.test,zed@example.org
  outsider stranger@example.net okfwd@smtplog.test
  send dave@smtplog.test archive@smtplog.test,pair@smtplog.test
  send erin@smtplog.test chain@smtplog.test
  local n=0
  for target in okfwd pair rejectme frank list archive okfwd,team chain; do
    n=$((n + 1))
    for from in alice bob; do
      send "$from@smtplog.test" "$(echo "$target" | sed 's/\([a-z.][a-z.]*\)/\1@smtplog.test/g'),copy$n@example.com"
    done
  done
}

# header_checks and body_checks that reject messages with several recipients.
headers_config() {
  sender_aliases
  postconf -c "$etc" -e 'debug_peer_list =' "header_checks = regexp:$etc/header_checks" \
    "body_checks = regexp:$etc/body_checks" "mime_header_checks = regexp:$etc/mime_header_checks"
  cat > "$etc/header_checks" <<HC
/^Subject:.*header-reject/  REJECT 5.7.1 Message header rejected by local policy
/^X-Mailer:.*BadMailer/     REJECT Mail from this mailer is not accepted
/^Subject:.*header-warn/    WARN suspicious subject
/^Subject:.*header-discard/ DISCARD discarded by header check
HC
  cat > "$etc/mime_header_checks" <<MH
/^Content-(Disposition|Type):.*name\s*=\s*"?.*\.exe"?/ REJECT 5.7.1 Executable attachments are not accepted
MH
  cat > "$etc/body_checks" <<BC
/body-reject-marker/        REJECT 5.7.1 Message content rejected by local policy
BC
}

headers_traffic() {
  send alice@smtplog.test a1@example.com,a2@example.net,a3@example.org --header "Subject: header-reject one"
  send bob@smtplog.test b1@example.com,b2@example.com,b3@example.net,b4@example.org,b5@example.org \
       --body "hello\nthis line carries the body-reject-marker\nbye"
  send carol@smtplog.test c1@example.com,c2@example.net,c3@example.net,c4@example.org \
       --add-header "X-Mailer: BadMailer 2.0"
  send dave@smtplog.test d1@example.com,blocked@example.com,d2@example.org,d3@example.net \
       --header "Subject: header-reject two"
  send erin@smtplog.test e1@example.com,e2@example.com,e3@example.net,e4@example.org,e5@example.org
  send alice@smtplog.test f1@example.com,f2@example.net,f3@example.org --header "Subject: header-warn sample"
  swaks --server 127.0.0.1:25 --helo client.smtplog.test --from bob@smtplog.test \
        --to g1@example.com,g2@example.net,g3@example.org --header "Subject: header-reject piped" \
        --pipeline >>"$run/swaks.log" 2>&1 || true
  outsider stranger@example.net postmaster@smtplog.test,root@smtplog.test,nouser.x@smtplog.test,alice@smtplog.test \
       --header "Subject: header-reject from outside"
  send carol@smtplog.test root@smtplog.test,postmaster@smtplog.test,h1@example.com \
       --header "Subject: header-reject local"
  send dave@smtplog.test i1@example.com
  send erin@smtplog.test j1@example.net,j2@example.org,j3@example.com --body "a second body-reject-marker message"
  send alice@smtplog.test k1@example.com,k2@example.net,k3@example.org,k4@example.org --header "Subject: header-discard sample"
  send bob@smtplog.test l1@example.com,l2@example.net,l3@example.org --attach-type application/x-msdownload \
       --attach-name invoice.exe --attach "MZ sample"
  # one connection, three transactions: header reject, delivered, body reject
  /usr/bin/python3 - <<'PY' >>"$run/swaks.log" 2>&1 || true
import smtplib
with smtplib.SMTP("127.0.0.1", 25, local_hostname="client.smtplog.test") as s:
    s.set_debuglevel(1)
    for i, (rcpts, subject, body) in enumerate([
            (["m1@example.com", "m2@example.net", "m3@example.org"], "header-reject in a session", "hello"),
            (["n1@example.com", "n2@example.net", "root@smtplog.test"], "three recipients", "hello"),
            (["o1@example.com", "o2@example.net", "o3@example.org", "o4@example.org", "o5@example.com"],
             "five recipients", "the body-reject-marker again")]):
        msg = "From: carol@smtplog.test\r\nSubject: %s\r\n\r\n%s\r\n" % (subject, body)
        try:
            s.sendmail("carol@smtplog.test", rcpts, msg)
        except smtplib.SMTPException as e:
            print("transaction %d: %r" % (i + 1, e))
PY
  for i in $(seq 1 20); do
    case $((i % 4)) in
      0) send "alice@smtplog.test" "p$i@example.com,q$i@example.net,r$i@example.org" --header "Subject: header-reject loop $i" ;;
      1) send "bob@smtplog.test" "p$i@example.com,q$i@example.net,r$i@example.org,s$i@example.com" ;;
      2) send "carol@smtplog.test" "p$i@example.com,q$i@example.net,r$i@example.org,s$i@example.com,t$i@example.net" \
              --body "loop $i body-reject-marker" ;;
      3) send "dave@smtplog.test" "p$i@example.com,blocked@example.com,root@smtplog.test" ;;
    esac
  done
}

# Verbose logging: debug_peer_list for the client 127.0.0.1 and the sink, "smtpd -v" on the
# submission port, and STARTTLS with a self-signed certificate.
debug_config() {
  sender_aliases
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=mx1.smtplog.test \
    -keyout "$etc/key.pem" -out "$etc/cert.pem" >/dev/null 2>&1
  postconf -c "$etc" -e 'debug_peer_list = 127.0.0.2, 127.0.0.1' "smtpd_tls_cert_file = $etc/cert.pem" \
    "smtpd_tls_key_file = $etc/key.pem" 'smtpd_tls_security_level = may' 'smtpd_tls_loglevel = 1' \
    'smtpd_tls_received_header = yes'
  cat >> "$etc/master.cf" <<MC
submission inet n       -       n       -       -       smtpd -v
  -o syslog_name=postfix/submission
MC
}

debug_traffic() {
  send alice@smtplog.test bob@example.com
  send alice@smtplog.test carol@example.com,root@smtplog.test -tls
  send bob@smtplog.test blocked@example.com
  outsider stranger@example.net postmaster@smtplog.test -tls
  swaks --server 127.0.0.1:587 --local-interface 127.0.0.5 --helo submit.smtplog.test \
        --from stranger@example.net --to root@smtplog.test --header "Subject: sample submission -v" \
        >>"$run/swaks.log" 2>&1 || true
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
    race) setup; race_config; start; race_traffic; drain; collect filter-race ;;
    forward) setup; forward_config; start; forward_traffic; drain; collect forward-bounce ;;
    headers) setup; headers_config; start; headers_traffic; drain; collect header-checks ;;
    debug) setup; debug_config; start; debug_traffic; drain; collect debug-verbose ;;
    verbose) setup; postconf -c "$etc" -e 'debug_peer_list = 127.0.0.1, 127.0.0.2'; start; verbose_traffic; drain
      collect smtpd-verbose ;;
    *) echo "unknown scenario $scenario (relay, filter, race, forward, headers, debug, verbose)" >&2; exit 2 ;;
  esac
done
