#!/bin/bash
# A few hosts over ssh with GNU parallel: one shard per host (the same reportgen, specs and
# shared folder on each), then the merge. {} is the shard index 1..3.
set -euo pipefail
parallel --jobs 1 --sshlogin host1,host2,host3 --halt never \
  "cd /srv/reports && reportgen build counties.yaml --out /shared/briefings --shard {}/3 --wait --quiet" ::: 1 2 3
reportgen index /shared/briefings
