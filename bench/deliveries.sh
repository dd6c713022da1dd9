# Benchmark "deliveries" (issue 17, Responders): fire alarm → webhook request at a local receiver, and the alarm →
# WebSocket path with channels that are down. Sourced by bench/run; the receiver is bench/DeliveryReceiver.java, the
# alarms and their stream latency come from bench/AlertLatency.java, the background from bench/RawLoad.java.

# The cases, run in this order in every round (so a change of the machine's load hits all of them alike):
#   ok       one webhook channel (signed) at the receiver
#   none     no channel at all
#   down     three channels that are down: connection refused, HTTP 500, never answers (the hub's 10 s timeout)
#   ok+down  the webhook beside the three broken ones
DL_CASES=(ok none down ok+down)

bench_deliveries() {
  local background=5000 alarms=90 rate=10 rounds=4 warm=40
  $BENCH_QUICK && { background=1000; alarms=25; rounds=2; warm=20; }
  bench_db bench_deliveries
  bench_load_demo 1
  bench_credentials
  # One fire button per building: every alarm of the benchmark opens its own alert, so each plans a delivery.
  awk '/ type=fire_button / { c = ""; b = ""; p = ""; u = ""
         for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "username") u = kv[2]; if (kv[1] == "password") p = kv[2]
           if (kv[1] == "community") c = kv[2]; if (kv[1] == "building") b = kv[2] }
         if (b != "" && !(b in seen)) { seen[b] = 1; print u, c, p } }' "$BENCH_CREDS" >"$BENCH_WORK/dl-buttons.txt"
  local need=$((rounds * ${#DL_CASES[@]} * alarms + warm))
  (($(wc -l <"$BENCH_WORK/dl-buttons.txt") >= need)) ||
    bench_die "deliveries: $need fire buttons in distinct buildings needed, the subdistrict has $(wc -l <"$BENCH_WORK/dl-buttons.txt")"
  awk '!/ type=fire_button/ && k++ < 200' "$BENCH_CREDS" >"$BENCH_WORK/background-devices.txt"
  local classes=$BENCH_WORK/dl-classes
  mkdir -p "$classes" && javac -d "$classes" -cp "$SIM_JAR" "$BENCH_DIR/AlertLatency.java" "$BENCH_DIR/DeliveryReceiver.java" ||
    bench_die "cannot compile bench/AlertLatency.java and bench/DeliveryReceiver.java"
  # Escalation (tier 2 after 60 s unacknowledged, a fire alarm after 180 s unconfirmed) would update the alerts of
  # earlier runs during later ones, a load the first runs do not get; it is moved past the end of the benchmark.
  clear_hub_sessions
  HUB_ESCALATE_AFTER_SECONDS=3600 HUB_FIRE_CONFIRM_SECONDS=3600 bench_hub_start
  DL_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  HUB_PASSWORD=$DL_PASSWORD java -jar "$HUB_JAR" user add benchadmin --role admin >/dev/null
  DL_TOKEN=$(curl -fsS -H 'content-type: application/json' -d "{\"username\":\"benchadmin\",\"password\":\"$DL_PASSWORD\"}" \
    "$BENCH_HTTP/api/v1/login" | jq -r .token)
  DL_SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  local rdir=$BENCH_WORK/receiver deadline
  mkdir -p "$rdir"
  java -cp "$classes" DeliveryReceiver "$DL_SECRET" "$rdir" 2>"$rdir/receiver.err" &
  BENCH_PIDS+=("$!")
  deadline=$((SECONDS + 30))
  until [[ -f $rdir/ports ]]; do
    ((SECONDS < deadline)) || { cat "$rdir/receiver.err" >&2; bench_die "the receiver did not start"; }
    sleep 0.2
  done
  bench_psql -d "$BENCH_DB" -c "CREATE TABLE bench_arrival (micros bigint, key text, sig int);
    CREATE TABLE bench_dl (round int, kase text, ms_commit double precision, ms_opened double precision, ms_publish double precision)"
  : >"$BENCH_WORK/dl-runs.txt"
  : >"$BENCH_WORK/dl-down-channels.txt"
  # Warm-up, not counted: a fresh hub's first deliveries wait for class loading and the JIT compiler (1.6–2.3 s
  # each in the first run of 2026-12-04 at load average 19); every path (compose, send, fail, time out) runs once.
  deliveries_run 0 ok+down warm "$warm" "$rate" "$background"
  : >"$BENCH_WORK/dl-runs.txt"
  : >"$BENCH_WORK/dl-down-channels.txt"
  bench_psql -d "$BENCH_DB" -c "TRUNCATE bench_dl"
  # What the receiver saw during the warm-up is not counted either.
  DL_FAIL0=$(wc -l <"$rdir/fail.tsv") DL_HANG0=$(wc -l <"$rdir/hang.tsv")
  local round kase i=0
  for round in $(seq 1 "$rounds"); do
    for kase in "${DL_CASES[@]}"; do
      deliveries_run "$round" "$kase" "$i" "$alarms" "$rate" "$background"
      i=$((i + 1))
    done
  done
  deliveries_report "$alarms" "$rate" "$background" "$rounds" "$warm"
  bench_cleanup
}

# deliveries_channel NAME URL: creates a signed webhook channel for critical alerts through the admin API; prints its id.
deliveries_channel() {
  curl -fsS -H "Authorization: Bearer $DL_TOKEN" -H 'content-type: application/json' \
    -d "$(jq -nc --arg n "$1" --arg u "$2" --arg s "$DL_SECRET" '{name: $n, kind: "webhook", url: $u, secret: $s,
      min_severity: "critical"}')" "$BENCH_HTTP/api/v1/admin/channels" | jq -er .id ||
    bench_die "cannot create the channel $1"
}

deliveries_port() { awk -v n="$1" '$1 == n { print $2 }' "$BENCH_WORK/receiver/ports"; }

# deliveries_run ROUND CASE INDEX ALARMS RATE BACKGROUND: one run (INDEX "warm": the warm-up, on the last buttons);
# appends a line to dl-runs.txt:
# round case loadavg bg_rate sent seen missing p50 p99 max planned arrived missing dup bad dp50 dp99 dmax
deliveries_run() {
  local round=$1 kase=$2 i=$3 alarms=$4 rate=$5 background=$6
  local buttons=$BENCH_WORK/dl-buttons-$i.txt ids=() ok_id= secs load
  if [[ $i == warm ]]; then
    tail -n "$alarms" "$BENCH_WORK/dl-buttons.txt" >"$buttons"
  else
    sed -n "$((i * alarms + 1)),$(((i + 1) * alarms))p" "$BENCH_WORK/dl-buttons.txt" >"$buttons"
  fi
  if [[ $kase == ok* ]]; then
    ok_id=$(deliveries_channel "bench ok $i" "http://127.0.0.1:$(deliveries_port ok)/ok")
    ids+=("$ok_id")
  fi
  if [[ $kase == *down ]]; then
    local id label
    for label in refused fail hang; do
      id=$(deliveries_channel "bench $label $i" "http://127.0.0.1:$(deliveries_port "$label")/$label")
      ids+=("$id")
      echo "$label $id" >>"$BENCH_WORK/dl-down-channels.txt"
    done
  fi
  secs=$((alarms / rate + 25))
  load=$(cut -d' ' -f1 /proc/loadavg)
  bench_log "deliveries: round $round, case $kase: $alarms fire alarms at $rate/s (new alerts), background $background/s for ${secs}s ..."
  load_run "$background" "$secs" "$BENCH_WORK/background-devices.txt" "$BENCH_WORK/dl-background-$i.json" &
  local bg=$!
  BENCH_PIDS+=("$bg")
  sleep 8
  local result sent seen missing p50 p99 max
  result=$(java -cp "$SIM_JAR:$BENCH_WORK/dl-classes" AlertLatency "$BENCH_HTTP" "$HUB_MQTT_URL" benchadmin "$DL_PASSWORD" \
    "$buttons" "$alarms" "$rate" 2>"$BENCH_WORK/dl-alarms-$i.err") ||
    { cat "$BENCH_WORK/dl-alarms-$i.err" >&2; bench_die "the alert client failed"; }
  read -r _ sent _ seen _ missing _ p50 _ p99 _ max _ <<<"$result"
  wait "$bg" || true
  local bg_rate d="- - - - - - - -"
  bg_rate=$(jq '.achieved_rate | round' "$BENCH_WORK/dl-background-$i.json" 2>/dev/null || echo "?")
  [[ -n $ok_id ]] && d=$(deliveries_settle "$ok_id" "$round" "$kase")
  local id
  for id in "${ids[@]}"; do
    curl -fsS -X DELETE -H "Authorization: Bearer $DL_TOKEN" "$BENCH_HTTP/api/v1/admin/channels/$id" >/dev/null ||
      bench_die "cannot delete channel $id"
  done
  # A send to the channel that never answers ends at the hub's 10 s timeout: the next run starts after them.
  [[ $kase == *down ]] && sleep 11
  echo "$round $kase $load $bg_rate $sent $seen $missing $p50 $p99 $max $d" >>"$BENCH_WORK/dl-runs.txt"
}

# deliveries_settle CHANNEL ROUND CASE: waits until every fire alert's delivery to CHANNEL arrived with a good signature
# (or nothing new arrived for 15 s, or 120 s passed), stores the latencies in bench_dl; prints "planned arrived missing duplicated
# bad_signatures p50 p99 max" (outbox row → request, ms).
deliveries_settle() {
  local ch=$1 stats last= still=0 planned arrived deadline=$((SECONDS + 120))
  local q="SELECT count(*), count(*) FILTER (WHERE r.n > 0), count(*) FILTER (WHERE coalesce(r.n, 0) = 0),
             coalesce(sum(greatest(r.n - 1, 0)), 0), coalesce(sum(r.bad), 0)
        FROM delivery d JOIN alert a ON a.id = d.alert_id AND a.kind = 'fire'
        LEFT JOIN (SELECT key, count(*) FILTER (WHERE sig = 1) AS n, count(*) FILTER (WHERE sig = 0) AS bad
                     FROM bench_arrival GROUP BY key) r ON r.key = d.delivery_key::text
       WHERE d.channel_id = $ch"
  while :; do
    bench_psql -d "$BENCH_DB" -c "TRUNCATE bench_arrival" -c "COPY bench_arrival FROM STDIN" <"$BENCH_WORK/receiver/ok.tsv"
    stats=$(bench_psql -d "$BENCH_DB" -F ' ' -c "$q")
    read -r planned arrived _ <<<"$stats"
    ((planned > 0 && arrived >= planned)) && break
    ((SECONDS < deadline)) || break
    if [[ $stats == "$last" ]]; then still=$((still + 1)); ((still >= 30)) && break; else still=0; fi
    last=$stats
    sleep 0.5
  done
  bench_psql -d "$BENCH_DB" -c "INSERT INTO bench_dl
    SELECT $2, '$3', extract(epoch FROM r.at - d.created_at) * 1000, extract(epoch FROM r.at - a.opened_at) * 1000,
           extract(epoch FROM r.at - s.published) * 1000
      FROM delivery d JOIN alert a ON a.id = d.alert_id AND a.kind = 'fire'
      JOIN (SELECT key, to_timestamp(min(micros) / 1e6) AS at FROM bench_arrival WHERE sig = 1 GROUP BY key) r
        ON r.key = d.delivery_key::text
      LEFT JOIN LATERAL (SELECT min(event_time) AS published FROM alert_source WHERE alert_id = a.id) s ON true
     WHERE d.channel_id = $ch"
  echo "$stats $(bench_psql -d "$BENCH_DB" -F ' ' -c "SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms_commit)::numeric, 1),
      round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms_commit)::numeric, 1), round(max(ms_commit)::numeric, 1)
      FROM bench_dl WHERE round = $2 AND kase = '$3'")"
}

# deliveries_noise CASE FIELD: "runs median min max" of one column of dl-runs.txt over the runs of CASE.
deliveries_noise() {
  awk -v k="$1" -v f="$2" '$2 == k { print $f }' "$BENCH_WORK/dl-runs.txt" | sort -g |
    awk '{ v[++n] = $1 } END { if (n == 0) { print "0 - - -"; exit }
           m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2; printf "%d %.1f %.1f %.1f\n", n, m, v[1], v[n] }'
}

deliveries_report() {
  local alarms=$1 rate=$2 background=$3 rounds=$4 warm=$5
  local pooled
  {
    echo
    echo "### deliveries — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "$rounds rounds of four cases, run in turn (webhook alone, no channel, three broken channels, the webhook beside them),"
    echo "after an uncounted warm-up run (the webhook and the broken channels, $warm alarms) on the freshly started hub;"
    echo "per run $alarms fire.alarm publishes at $rate/s, each from a fire button in a building of its own, so each opens an alert"
    echo "and plans one delivery per channel (channels are signed webhooks for critical alerts, created and deleted"
    echo "through the admin API per run); background RawLoad at $background events/s from 200 gates/cameras during each run."
    echo "WebSocket columns: AlertLatency, publish → first stream message with the alarm's id. Delivery columns: the outbox"
    echo "row's created_at (now() of the transaction that opened the alert: at or before its commit, so the figure is an"
    echo "upper bound of commit → request) → the request's arrival at the receiver (headers read; HMAC-SHA256 checked)."
    echo
    echo "| round | case | load avg | background/s | WS seen | WS p50 ms | WS p99 ms | WS max ms | deliveries arrived/planned | missing | dup | bad sig | delivery p50 ms | p99 ms | max ms |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    awk '{ printf "| %s | %s | %s | %s | %s/%s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
           $1, $2, $3, $4, $6, $5, $8, $9, $10, ($11 == "-" ? "-" : $12 "/" $11), $13, $14, $15, $16, $17, $18 }' \
      "$BENCH_WORK/dl-runs.txt"
    echo
    echo "Deliveries pooled over the rounds, from three starting points: the outbox row (transaction start), the alert's"
    echo "opened_at (the hub took the alarm from the broker) and the alarm's own time (stamped just before the publish)."
    echo
    echo "| case | deliveries | from outbox row p50 / p99 / max ms | from opened_at p99 ms | from publish p50 / p99 / max ms |"
    echo "|---|---:|---|---:|---|"
    bench_psql -d "$BENCH_DB" -F ' ' -c "SELECT kase, count(*),
        round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms_commit)::numeric, 1), round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms_commit)::numeric, 1),
        round(max(ms_commit)::numeric, 1), round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms_opened)::numeric, 1),
        round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms_publish)::numeric, 1), round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms_publish)::numeric, 1),
        round(max(ms_publish)::numeric, 1)
      FROM bench_dl GROUP BY kase ORDER BY kase" | tee "$BENCH_WORK/dl-pooled.txt" |
      awk '{ printf "| %s | %s | %s / %s / %s | %s | %s / %s / %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
    echo
    echo "Alarm → WebSocket per case over its runs (the spread between runs of one case is the noise):"
    echo
    echo "| case | runs | median of run p99s ms | run p99s min–max ms | median of run p50s ms | run p50s min–max ms |"
    echo "|---|---:|---:|---|---:|---|"
    local k n m lo hi n5 m5 lo5 hi5
    for k in "${DL_CASES[@]}"; do
      read -r n m lo hi < <(deliveries_noise "$k" 9)
      read -r n5 m5 lo5 hi5 < <(deliveries_noise "$k" 8)
      echo "| $k | $n | $m | $lo–$hi | $m5 | $lo5–$hi5 |"
    done
    echo
    echo "What the three broken channels cost the hub (all their runs; every attempt as the delivery log has it):"
    echo
    echo "| channel | deliveries planned | attempts logged | retry | failed for good | receiver saw | most frequent error |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    local label ids seen_by
    for label in refused fail hang; do
      ids=$(awk -v l="$label" '$1 == l { printf "%s%s", s, $2; s = "," }' "$BENCH_WORK/dl-down-channels.txt")
      case $label in
        refused) seen_by="-" ;;
        fail) seen_by="$(($(wc -l <"$BENCH_WORK/receiver/fail.tsv") - DL_FAIL0)) requests" ;;
        hang) seen_by="$(($(wc -l <"$BENCH_WORK/receiver/hang.tsv") - DL_HANG0)) connections" ;;
      esac
      bench_psql -d "$BENCH_DB" -F $'\t' -c "SELECT (SELECT count(*) FROM delivery WHERE channel_id IN ($ids)), count(t.id),
          count(*) FILTER (WHERE t.status = 'retry'), count(*) FILTER (WHERE t.status = 'failed'),
          coalesce(mode() WITHIN GROUP (ORDER BY t.error), '')
        FROM delivery_attempt t JOIN delivery d ON d.id = t.delivery_id WHERE d.channel_id IN ($ids)" |
        awk -F '\t' -v l="$label" -v s="$seen_by" '{ gsub(/\|/, "\\|", $5)
          printf "| %s | %s | %s | %s | %s | %s | %s |\n", l, $1, $2, $3, $4, s, $5 }'
    done
    echo
    echo "Pending rows of a deleted channel are stopped (failed, 'channel deleted'); each run waits 11 s after deleting them"
    echo "so the sends still waiting for the silent receiver have timed out before the next run."
    local ok_p99 ok_missing okd_p99 okd_missing dup bad none_m none_lo none_hi down_m
    ok_p99=$(awk '$1 == "ok" { print $4 }' "$BENCH_WORK/dl-pooled.txt")
    okd_p99=$(awk '$1 == "ok+down" { print $4 }' "$BENCH_WORK/dl-pooled.txt")
    ok_missing=$(awk '$2 == "ok" { s += $13 } END { print s + 0 }' "$BENCH_WORK/dl-runs.txt")
    okd_missing=$(awk '$2 == "ok+down" { s += $13 } END { print s + 0 }' "$BENCH_WORK/dl-runs.txt")
    dup=$(awk '$11 != "-" { s += $14 } END { print s + 0 }' "$BENCH_WORK/dl-runs.txt")
    bad=$(awk '$11 != "-" { s += $15 } END { print s + 0 }' "$BENCH_WORK/dl-runs.txt")
    read -r _ none_m none_lo none_hi < <(deliveries_noise none 9)
    read -r _ down_m _ _ < <(deliveries_noise down 9)
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| fire alarm → webhook request p99 ≤ 500 ms after the commit, under $background events/s; none missing | ${ok_p99:-?} ms, missing $ok_missing | $(pass_fail \
      "$(awk -v v="${ok_p99:-1e9}" -v m="$ok_missing" 'BEGIN { print (v <= 500 && m == 0) }')") |"
    echo "| the same beside three broken channels | ${okd_p99:-?} ms, missing $okd_missing | $(pass_fail \
      "$(awk -v v="${okd_p99:-1e9}" -v m="$okd_missing" 'BEGIN { print (v <= 500 && m == 0) }')") |"
    echo "| each delivery once, signed: duplicates and bad signatures at the receiver = 0 | $dup / $bad | $(pass_fail \
      "$(awk -v d="$dup" -v b="$bad" 'BEGIN { print (d == 0 && b == 0) }')") |"
    echo "| channels down cost the alarm → WebSocket path nothing measurable: median run p99 with them − without ≤ the no-channel runs' spread (max − min) | $down_m − $none_m ms vs $none_lo–$none_hi ms | $(pass_fail \
      "$(awk -v d="$down_m" -v m="$none_m" -v lo="$none_lo" -v hi="$none_hi" 'BEGIN { print (d - m <= hi - lo) }')") |"
  } | bench_out
}
