#!/usr/bin/env bash
# Create nbgrader's exchange for a coachlab hub (run as root, once per machine or shared volume).
#
#   setup-exchange.sh [EXCHANGE_ROOT]      default: /srv/nbgrader/exchange
#
# The exchange root is world-writable with the sticky bit (mode 1777), as nbgrader documents:
# everyone can create entries, nobody can remove or rename another user's. The instructor's
# first `nbgrader release_assignment` makes <root>/coachlab/{outbound,inbound,feedback}
# with nbgrader's own permissions (inbound and feedback cannot be listed by learners).
set -euo pipefail
root="${1:-${COACHLAB_EXCHANGE_ROOT:-/srv/nbgrader/exchange}}"
install -d -m 0755 "$(dirname "$root")"
install -d -m 1777 "$root"
chmod 1777 "$root"
echo "exchange ready: $root ($(stat -c '%A %U' "$root"))"
