#!/usr/bin/env bash
# Give an instructor their own copy of the coachlab course folder (run as root).
#
#   setup-instructor.sh USER COURSE_SOURCE [COURSE_DIR]    COURSE_DIR default: ~USER/coachlab
#
# COURSE_SOURCE is a coachlab checkout (nbgrader_config.py, solutions/, exercises/, course/).
# The copy belongs to USER with mode 0700: solutions, submissions and feedback stay private.
set -euo pipefail
user="$1"
source_dir="$2"
home="$(getent passwd "$user" | cut -d: -f6)"
target="${3:-$home/coachlab}"
for part in nbgrader_config.py solutions exercises; do
    [ -e "$source_dir/$part" ] || { echo "no $part in $source_dir: not a coachlab course" >&2; exit 1; }
done
install -d -m 0700 -o "$user" -g "$(id -gn "$user")" "$target"
for part in nbgrader_config.py solutions exercises course; do
    if [ -e "$source_dir/$part" ]; then cp -R "$source_dir/$part" "$target/"; fi
done
find "$target" \( -name '.ipynb_checkpoints' -o -name '__pycache__' -o -name 'coachlab-answers.json*' \) -prune -exec rm -rf {} +
chown -R "$user:$(id -gn "$user")" "$target"
chmod 0700 "$target"
echo "course for $user: $target ($(stat -c '%A %U' "$target"))"
