#!/usr/bin/env bash
# Makes sample-logs/maillog-file/postlogd.log: lines written by Postfix's own logger (postlogd,
# maillog_file, Postfix 3.4+) rather than by a syslog daemon, and its copies as container runtimes
# store them (docker-timestamps.log: `docker logs --timestamps`; cri.log: containerd/CRI-O, the
# Kubernetes node log format "TIME STREAM P|F LINE").
# Runs inside unshare --net (only loopback exists); every domain goes to smtp_sink.py on
# 127.0.0.2:2525 (250, 251 with a forward-path, 550 by recipient); debug_peer_list is on for the
# sink, so the smtp client's RCPT-time dialogue (the 251) is in the log. Needs root and:
#   apt-get install postfix swaks python3-aiosmtpd
# Usage: sample-logs/generate/make-postlog-samples.sh [OUTPUT_DIR]   (default sample-logs/maillog-file)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../maillog-file}
mkdir -p "$out"; out=$(cd "$out" && pwd)
if [ "${SMTPLOG_IN_NETNS:-}" != 1 ]; then
  exec env SMTPLOG_IN_NETNS=1 unshare --net "$0" "$out"
fi
ip link set lo up
/usr/bin/python3 "$here/smtp_sink.py" 127.0.0.2 2525 >/tmp/smtplog-postlog-sink.log 2>&1 &
sink=$!
run=$(mktemp -d /tmp/smtplog-postlog.XXXXXX)
chmod 755 "$run"
etc=$run/etc
trap 'postfix -c "$etc" stop >/dev/null 2>&1 || true; kill $sink 2>/dev/null || true' EXIT
mkdir -p "$etc" "$run/spool" "$run/data" "$run/mail"; chmod 1777 "$run/mail"
cp /etc/postfix/master.cf "$etc/master.cf"
cp /etc/postfix/dynamicmaps.cf "$etc/dynamicmaps.cf" 2>/dev/null || true
[ -d /etc/postfix/dynamicmaps.cf.d ] && cp -r /etc/postfix/dynamicmaps.cf.d "$etc/"
chown -R postfix "$run/data"
cat > "$etc/main.cf" <<CF
compatibility_level = 3.6
myhostname = mx1.smtplog.test
mydomain = smtplog.test
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
default_transport = smtp:[127.0.0.2]:2525
relay_transport = smtp:[127.0.0.2]:2525
home_mailbox =
mail_spool_directory = $run/mail
smtp_dns_support_level = disabled
smtp_host_lookup = native
smtpd_peername_lookup = no
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
debug_peer_list = 127.0.0.2
notify_classes =
CF
printf 'postmaster: root\n' > "$etc/aliases"
postalias "hash:$etc/aliases"
postfix -c "$etc" set-permissions >/dev/null 2>&1 || true
script -qec "postfix -c $etc start" /dev/null
sleep 3
s() { swaks --server 127.0.0.1 --port 25 --helo client.smtplog.test "$@" >/dev/null 2>&1 || true; }
s --from alice@smtplog.test --to bob@example.com
s --from alice@smtplog.test --to fwd.carol@example.org
s --from alice@smtplog.test --to nouser.dave@example.net
s --from alice@smtplog.test --to postmaster@smtplog.test,bob@example.com,fwd.erin@example.org
s --from alice@smtplog.test --to someone@elsewhere.test --server 127.0.0.1 --quit-after RCPT
sleep 8
postfix -c "$etc" stop >/dev/null 2>&1 || true
sleep 2
cp "$run/maillog" "$out/postlogd.log"
rm -rf "$run"
year=$(date +%Y)
python3 "$here/container-prefixes.py" docker "$year" < "$out/postlogd.log" > "$out/docker-timestamps.log"
python3 "$here/container-prefixes.py" cri "$year" < "$out/postlogd.log" > "$out/cri.log"
