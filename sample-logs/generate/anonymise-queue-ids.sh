#!/usr/bin/env bash
# Anonymises the Postfix queue ids of a log the way people do before they post it for support,
# keeping one mapping for the whole file so that the lines of one message still belong together.
#
#   anonymise-queue-ids.sh xxxx  LOG > OUT   7E1AEC2C388 -> 7E1AEC2XXXX   (the last 4 hex digits masked)
#   anonymise-queue-ids.sh words LOG > OUT   7E1AEC2C388 -> message0001   (a word and a serial number)
#
# A queue id is any short (hexadecimal, 6 to 12 digits) Postfix queue id that the log names as the
# id of a record ("postfix/x[pid]: ID: ..."), or after "queued as ", "forwarded as ",
# "orig_queue_id=" or "notification: ". Every occurrence of such an id as a whole word is replaced,
# wherever it stands (also inside Postfix's own Message-IDs, <...20261201194456.ID@host>).
# In "words" mode the word tells what the id was: notification (a bounce or delay notification
# made by Postfix), forward (a copy sent on by local(8), "forwarded as"), requeue (a copy that a
# content filter re-injected, "queued as" / orig_queue_id=), message (any other). Serial numbers
# follow the order in which the ids first appear. In "xxxx" mode two ids that share all but their
# last 4 digits would get the same mask: the script then refuses (exit 1) rather than merge them.
set -euo pipefail
mode=${1:-}
log=${2:-}
if [ "$mode" != xxxx ] && [ "$mode" != words ] || [ ! -f "$log" ]; then
  echo "usage: $0 xxxx|words LOG > OUT" >&2
  exit 2
fi

LC_ALL=C awk -v mode="$mode" '
function note(id, role) {
  if (!(id in seen)) { seen[id] = ++count; order[count] = id }
  if (role != "" && !(id in roles)) roles[id] = role
}
function scan(line, marker, role,    rest, i) {
  rest = line
  while ((i = index(rest, marker)) > 0) {
    rest = substr(rest, i + length(marker))
    if (match(rest, /^[0-9A-F]+/) && RLENGTH >= 6 && RLENGTH <= 12) note(substr(rest, 1, RLENGTH), role)
  }
}
FNR == NR {
  if (match($0, /postfix[^ ]*\[[0-9]+\]: [0-9A-F]+: /)) {
    id = substr($0, RSTART, RLENGTH); sub(/^.*\]: /, "", id); sub(/: $/, "", id)
    if (length(id) >= 6 && length(id) <= 12) note(id, "")
  }
  scan($0, "notification: ", "notification")
  scan($0, "forwarded as ", "forward")
  scan($0, "queued as ", "requeue")
  scan($0, "orig_queue_id=", "")
  next
}
FNR == 1 {
  for (n = 1; n <= count; n++) {
    id = order[n]
    if (mode == "xxxx") {
      new = substr(id, 1, length(id) - 4) "XXXX"
      if (new in taken) {
        printf "anonymise-queue-ids: %s and %s would both become %s\n", taken[new], id, new > "/dev/stderr"
        failed = 1; exit 1
      }
      taken[new] = id
    } else {
      new = sprintf("%s%04d", (id in roles) ? roles[id] : "message", n)
    }
    map[id] = new
  }
}
{
  out = ""; rest = $0
  while (match(rest, /[0-9A-Za-z]+/)) {
    word = substr(rest, RSTART, RLENGTH)
    out = out substr(rest, 1, RSTART - 1) ((word in map) ? map[word] : word)
    rest = substr(rest, RSTART + RLENGTH)
  }
  print out rest
}
END { if (failed) exit 1 }
' "$log" "$log"
