# Benchmark "page" (issue 20): the map page on a phone-sized window (390×844, touch, device pixel ratio 2) with the
# demo subdistrict, opened cold (a fresh Chromium profile each run) through Debian's chromedriver, driven with curl
# over its W3C HTTP API (no Selenium): how long until the page is ready (body[data-ready]: map, communities,
# hierarchy, handlers) and until the first sight (names and facility icons on the map, window.hubTest.firstSightMs).
# Three profiles: loopback as it is; a mid-range phone on 4G: CPU 4× slower (the CPU factor of DevTools' "mid-tier
# mobile" and of Lighthouse's mobile runs) and DevTools' own "Fast 4G" preset (the same numbers as Puppeteer's
# PredefinedNetworkConditions["Fast 4G"]: 9 Mbit/s down and 1.5 Mbit/s up, each × 0.9, and 60 ms RTT × 2.75 = 165 ms
# per request, the factors DevTools uses to make request-level throttling behave like a packet-level link), talking
# plain HTTP/1.1 to the hub (at most 6 connections); and the same phone through nginx as docs/nginx/communityhub.conf
# sets it up for production (TLS, HTTP/2: every request on one connection). Sourced by bench/run.

PAGE_CHROMEDRIVER=${PAGE_CHROMEDRIVER:-/usr/bin/chromedriver}
PAGE_CHROMIUM=${PAGE_CHROMIUM:-/usr/bin/chromium}
# DevTools' "Fast 4G": latency in ms, throughput in bytes/s (9e6 / 8 × 0.9 and 1.5e6 / 8 × 0.9)
PAGE_PHONE_NETWORK='{"offline": false, "latency": 165, "downloadThroughput": 1012500, "uploadThroughput": 168750}'

# Counts the main thread's long tasks (> 50 ms) from the first script on.
PAGE_LONG_TASKS='window.__longTasks = 0;
try {
  new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.__longTasks += e.duration; }))
    .observe({ type: "longtask", buffered: true });
} catch (e) { /* not supported: 0 */ }'
# null until the page is ready and shows names and icons; then the figures of one run.
PAGE_PROBE='const h = window.hubTest;
const f = h && h.firstSightMs();
if (document.body.dataset.ready !== "true" || !f) { return null; }
const nav = performance.getEntriesByType("navigation")[0];
const res = performance.getEntriesByType("resource");
const kb = (res.reduce((s, r) => s + r.transferSize, 0) + nav.transferSize) / 1024;
return [h.readyMs, f, Math.round(nav.loadEventEnd || 0), res.length + 1, Math.round(kb), Math.round(window.__longTasks)];'

# BENCH_PAGE_DETAIL=1: each run also lists its requests (start and end in ms from navigation start, bytes
# transferred, path) on stderr, to see what a first sight waits for.
PAGE_DETAIL_PROBE='const nav = performance.getEntriesByType("navigation")[0];
const path = (u) => { const x = new URL(u); return x.pathname + (x.search ? "?…" : ""); };
return [[0, Math.round(nav.responseEnd), nav.transferSize, path(nav.name)]].concat(performance.getEntriesByType("resource")
  .map((r) => [Math.round(r.startTime), Math.round(r.responseEnd), r.transferSize, path(r.name)]));'

# BENCH_PAGE_PROFILE=1: after the measured loads, one more cold load of the loopback and of the phone profile (not
# counted) under V8's sampling profiler (CDP Profiler, one sample per PAGE_PROFILE_INTERVAL µs, default 500), from
# navigation until the probe sees the page ready with names and icons. Writes $BENCH_WORK/page-profile-PROFILE.cpuprofile
# (DevTools' Performance panel or speedscope open it) and prints on stderr the main thread's CPU time counters (CDP
# Performance.getMetrics: tasks, script, layout, style) and the functions with the most main-thread time, self and total.
PAGE_PROFILE_TOP=${PAGE_PROFILE_TOP:-30}
PAGE_PROFILE_INTERVAL=${PAGE_PROFILE_INTERVAL:-500}
# The function table of a .cpuprofile: self ms (samples in the function itself) and total ms (samples with the
# function anywhere on the stack, counted once); "(program)" is the renderer's native work (parsing, style,
# layout, paint), "(garbage collector)" V8's GC. Each sample lasts until the next one.
PAGE_PROFILE_JQ='. as $p
| ($p.nodes | map({key: (.id | tostring), value: .}) | from_entries) as $node
| (reduce ($p.nodes[] | . as $n | ($n.children // [])[] | {c: tostring, p: $n.id}) as $e ({}; .[$e.c] = $e.p)) as $parent
| (reduce range(0; $p.samples | length) as $i ({}; .[$p.samples[$i] | tostring] += (($p.timeDeltas[$i + 1] // 0) / 1000)))
  as $self
| def key($id): $node[$id | tostring].callFrame as $f
    | (if $f.functionName == "" then "(anonymous)" else $f.functionName end)
      + (if $f.url == "" then "" else " " + ($f.url | sub("^.*/"; "") | sub("[?#].*$"; "")) + ":" + ($f.lineNumber + 1 | tostring)
         + (if $f.lineNumber == 0 then ":" + ($f.columnNumber + 1 | tostring) else "" end) end);
  def ms: round | tostring | " " * (8 - length) + .;
  ($self | to_entries | map(select(.value > 0))) as $hits
| (reduce $hits[] as $h ({}; .[key($h.key)] += $h.value)) as $selfBy
| (reduce $hits[] as $h ({}; reduce ([$h.key | tonumber | recurse($parent[tostring] // empty) | key(.)] | unique)[] as $k
    (.; .[$k] += $h.value))) as $totalBy
| ($selfBy | to_entries | map(.value) | add) as $all
| "  sampled \($all | round) ms: idle \(($selfBy["(idle)"] // 0) | round) ms, busy \(($all - ($selfBy["(idle)"] // 0)) | round) ms",
  "  by self time:   self ms | total ms | function (file:line[:column])",
  ($selfBy | to_entries | map(select(.key != "(idle)")) | sort_by(-.value) | .[:$top][]
    | "           \(.value | ms) | \(($totalBy[.key] // 0) | ms) | \(.key)"),
  "  by total time:  self ms | total ms | function",
  ($totalBy | to_entries | map(select(.key != "(idle)" and .key != "(root)")) | sort_by(-.value) | .[:$top][]
    | "           \(($selfBy[.key] // 0) | ms) | \(.value | ms) | \(.key)")'

# page_wd METHOD PATH [JSON]: one chromedriver request; prints the answer's "value".
page_wd() {
  local method=$1 path=$2 body=${3:-}
  if [[ -n $body ]]; then
    curl -fsS -X "$method" -H 'content-type: application/json' -d "$body" "$PAGE_WD$path" | jq -c .value
  else
    curl -fsS -X "$method" "$PAGE_WD$path" | jq -c .value
  fi
}

# page_run PROFILE: one cold load; prints "ready_ms first_sight_ms load_ms requests kbytes long_tasks_ms cpu_ms", where
# cpu_ms is the renderer main thread's CPU time in tasks until the probe saw the page ready with names and icons.
page_run() {
  local profile=$1 dir sid
  dir=$(mktemp -d "$BENCH_WORK/chromium-XXXXXX")
  sid=$(page_wd POST /session "$(jq -nc --arg bin "$PAGE_CHROMIUM" --arg dir "$dir" '{capabilities: {alwaysMatch: {
    browserName: "chrome", pageLoadStrategy: "none", "goog:chromeOptions": {binary: $bin, args: ["--headless=new",
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
    "--disable-background-networking", "--lang=zh-CN", "--window-size=390,844", "--ignore-certificate-errors",
    ("--user-data-dir=" + $dir)],
    mobileEmulation: {deviceMetrics: {width: 390, height: 844, pixelRatio: 2, touch: true}}}}}}')" | jq -r .sessionId)
  [[ -n $sid && $sid != null ]] || bench_die "chromedriver did not open a session"
  page_cdp "$sid" Page.addScriptToEvaluateOnNewDocument "$(jq -nc --arg s "$PAGE_LONG_TASKS" '{source: $s}')"
  # headless Chromium grants geolocation and would ask Google's location service: no position instead
  page_cdp "$sid" Emulation.setGeolocationOverride '{}'
  local url=$BENCH_HTTP/
  [[ $profile == phone-nginx ]] && url=$PAGE_NGINX/
  if [[ $profile == phone* ]]; then
    page_cdp "$sid" Emulation.setCPUThrottlingRate '{"rate": 4}'
    page_cdp "$sid" Network.enable '{}'
    page_cdp "$sid" Network.emulateNetworkConditions "$PAGE_PHONE_NETWORK"
  fi
  # the renderer's counters in thread CPU time: the main thread's own work, whatever else the machine runs
  page_cdp "$sid" Performance.enable '{"timeDomain": "threadTicks"}'
  if [[ -n ${PAGE_PROFILING:-} ]]; then
    page_cdp "$sid" Profiler.enable '{}'
    page_cdp "$sid" Profiler.setSamplingInterval "{\"interval\": $PAGE_PROFILE_INTERVAL}"
    page_cdp "$sid" Profiler.start '{}'
  fi
  page_wd POST "/session/$sid/url" "$(jq -nc --arg u "$url" '{url: $u}')" >/dev/null
  local deadline=$((SECONDS + 60)) out=null probe
  probe=$(jq -nc --arg s "$PAGE_PROBE" '{script: $s, args: []}')
  while ((SECONDS < deadline)); do
    out=$(page_wd POST "/session/$sid/execute/sync" "$probe")
    [[ $out != null ]] && break
    sleep 0.2
  done
  if [[ ${BENCH_PAGE_DETAIL:-} == 1 && $out != null ]]; then
    echo "bench: requests of one $profile load (start ms, end ms, bytes, path):" >&2
    page_wd POST "/session/$sid/execute/sync" "$(jq -nc --arg s "$PAGE_DETAIL_PROBE" '{script: $s, args: []}')" |
      jq -r 'sort_by(.[0]) | .[] | "  \(.[0])\t\(.[1])\t\(.[2])\t\(.[3])"' >&2
  fi
  local metrics=$BENCH_WORK/page-metrics.json
  if [[ $out != null ]]; then
    page_wd POST "/session/$sid/goog/cdp/execute" '{"cmd": "Performance.getMetrics", "params": {}}' >"$metrics"
    out=$(jq -c --slurpfile m "$metrics" '. + [$m[0].metrics[] | select(.name == "TaskDuration") | .value * 1000 | round]' <<<"$out")
  fi
  if [[ -n ${PAGE_PROFILING:-} && $out != null ]]; then
    cp "$metrics" "$PAGE_PROFILING.metrics.json"
    page_wd POST "/session/$sid/goog/cdp/execute" '{"cmd": "Profiler.stop", "params": {}}' | jq -c .profile >"$PAGE_PROFILING"
  fi
  page_wd DELETE "/session/$sid" >/dev/null || true
  rm -rf "$dir"
  [[ $out != null ]] || bench_die "the page was not ready with names and icons within 60 s ($profile)"
  jq -r 'map(tostring) | join(" ")' <<<"$out"
}

# page_profile PROFILE: one profiled cold load (BENCH_PAGE_PROFILE=1); its figures and profile on stderr.
page_profile() {
  local profile=$1 file=$BENCH_WORK/page-profile-$1.cpuprofile figures
  figures=$(PAGE_PROFILING=$file page_run "$profile")
  {
    echo "bench: profile of one $profile load (ready first-sight load requests KB long-tasks CPU: $figures), $file:"
    jq -r '.metrics | map({key: .name, value: .value}) | from_entries
      | "  renderer main thread, CPU time: tasks \(.TaskDuration * 1000 | round) ms, script \(.ScriptDuration * 1000 | round) ms," +
        " layout \(.LayoutDuration * 1000 | round) ms (\(.LayoutCount) layouts), style \(.RecalcStyleDuration * 1000 | round) ms" +
        " (\(.RecalcStyleCount) recalcs), \(.Nodes) DOM nodes, JS heap \(.JSHeapUsedSize / 1048576 | round) MB"' "$file.metrics.json"
    jq -r --argjson top "$PAGE_PROFILE_TOP" "$PAGE_PROFILE_JQ" "$file"
  } >&2
}

# page_nginx_start: nginx as docs/nginx/communityhub.conf runs it (TLS, HTTP/2) in front of the bench's hub, private
# (its own config, pid and logs in a temp folder), on a free loopback port with a self-signed certificate (Chromium
# runs with --ignore-certificate-errors); sets PAGE_NGINX. The same substitutions as NginxProxyIT's PrivateNginx.
page_nginx_start() {
  [[ -x /usr/sbin/nginx ]] || bench_install nginx-light
  local dir tls http
  dir=$(mktemp -d /tmp/bench-nginx-XXXXXX)
  PAGE_NGINX_DIR=$dir
  chmod 755 "$dir" && mkdir -m 777 "$dir/tmp"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  tls=$(free_port 19443)
  http=$(free_port $((tls + 1)))
  sed -e "s|server 127.0.0.1:8080;|server 127.0.0.1:${BENCH_HTTP##*:};|" \
    -e "s|listen 443 ssl http2;|listen 127.0.0.1:$tls ssl http2;|" -e "s|listen 80;|listen 127.0.0.1:$http;|" \
    -e "s|/etc/letsencrypt/live/hub.example.org/fullchain.pem|$dir/cert.pem|" \
    -e "s|/etc/letsencrypt/live/hub.example.org/privkey.pem|$dir/key.pem|" -e '/listen \[::\]/d' \
    "$BENCH_ROOT/docs/nginx/communityhub.conf" >"$dir/site.conf"
  printf '%s\n' 'daemon off;' 'worker_processes 1;' "pid $dir/nginx.pid;" "error_log $dir/error.log warn;" \
    'events { worker_connections 256; }' 'http {' '    access_log off;' "    client_body_temp_path $dir/tmp/body;" \
    "    proxy_temp_path $dir/tmp/proxy;" "    fastcgi_temp_path $dir/tmp/fastcgi;" "    uwsgi_temp_path $dir/tmp/uwsgi;" \
    "    scgi_temp_path $dir/tmp/scgi;" "    include $dir/site.conf;" '}' >"$dir/nginx.conf"
  /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$BENCH_WORK/nginx.log" 2>&1 &
  PAGE_NGINX_PID=$!
  BENCH_PIDS+=("$PAGE_NGINX_PID")
  PAGE_NGINX=https://127.0.0.1:$tls
  local deadline=$((SECONDS + 20))
  until curl -fsSk "$PAGE_NGINX/health" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { cat "$dir/error.log" >&2; bench_die "nginx did not start"; }
    sleep 0.2
  done
}

page_cdp() {
  page_wd POST "/session/$1/goog/cdp/execute" "$(jq -nc --arg cmd "$2" --argjson params "$3" '{cmd: $cmd, params: $params}')" >/dev/null
}

# page_stats FILE COLUMN: "p50 max" of a column (1-based) of page_run lines.
page_stats() {
  sort -n -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { printf "%d %d", v[int((NR + 1) / 2)], v[NR] }'
}

bench_page() {
  local runs=7
  if $BENCH_QUICK; then runs=3; fi
  [[ -x $PAGE_CHROMEDRIVER && -x $PAGE_CHROMIUM ]] || bench_install chromium chromium-driver fonts-noto-cjk
  bench_db bench_page
  bench_load_demo 1
  # no internet tiles: a closed local port fails each tile at once, as in the browser tests
  local HUB_TILE_URL=http://127.0.0.1:9/{z}/{x}/{y}.png
  export HUB_TILE_URL
  bench_hub_start
  local port
  port=$(free_port 19515)
  "$PAGE_CHROMEDRIVER" --port="$port" >"$BENCH_WORK/chromedriver.log" 2>&1 &
  BENCH_PIDS+=($!)
  PAGE_WD=http://127.0.0.1:$port
  local deadline=$((SECONDS + 20))
  until curl -fsS "$PAGE_WD/status" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || bench_die "chromedriver did not start"
    sleep 0.2
  done
  page_nginx_start
  # one warm-up load: the hub's first answers (JIT, caches) are not what a resident meets
  page_run loopback >/dev/null
  page_run phone-nginx >/dev/null
  local profile i load0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  for profile in loopback phone phone-nginx; do
    : >"$BENCH_WORK/page-$profile.txt"
    for ((i = 0; i < runs; i++)); do
      page_run "$profile" >>"$BENCH_WORK/page-$profile.txt"
    done
  done
  if [[ ${BENCH_PAGE_PROFILE:-} == 1 ]]; then
    page_profile loopback
    page_profile phone
  fi
  {
    echo
    echo "### page — $(date -u '+%Y-%m-%d %H:%M') UTC, demo subdistrict ($(bench_psql -d "$BENCH_DB" -c 'SELECT count(*) FROM building') buildings," \
      "$(bench_psql -d "$BENCH_DB" -c 'SELECT count(*) FROM facility') facilities), Chromium $("$PAGE_CHROMIUM" --version 2>/dev/null | awk '{ print $2 }'), 390×844 touch"
    echo
    echo "$runs cold loads per profile (fresh profile, empty cache), after one warm-up load. *ready*: navigation start →"
    echo "body[data-ready] (map, communities, hierarchy loaded, every handler wired: the page answers a tap); *first sight*:"
    echo "→ names and facility icons placed on the map. Load average (1 min) at the start: $load0, at the end:" \
      "$(cut -d' ' -f1 /proc/loadavg) (2 cores). Hub: ${HUB_JAR#"$BENCH_ROOT/"}."
    echo
    echo "| profile | ready p50 / max ms | first sight p50 / max ms | load event p50 ms | requests | transferred KB | long tasks p50 ms | main-thread CPU p50 ms | target ≤ 2000 ms (first sight, p50) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    for profile in loopback phone phone-nginx; do
      local f=$BENCH_WORK/page-$profile.txt ready first loadev req kb lt cpu
      read -r -a ready <<<"$(page_stats "$f" 1)"
      read -r -a first <<<"$(page_stats "$f" 2)"
      read -r -a loadev <<<"$(page_stats "$f" 3)"
      read -r -a req <<<"$(page_stats "$f" 4)"
      read -r -a kb <<<"$(page_stats "$f" 5)"
      read -r -a lt <<<"$(page_stats "$f" 6)"
      read -r -a cpu <<<"$(page_stats "$f" 7)"
      local label=$profile
      [[ $profile == phone ]] && label="mid-range phone on 4G (CPU 4× slower, DevTools Fast 4G: 165 ms, 8.1 Mbit/s), HTTP/1.1 to the hub"
      [[ $profile == phone-nginx ]] && label="the same phone through nginx (docs/nginx: TLS, HTTP/2)"
      echo "| $label | ${ready[0]} / ${ready[1]} | ${first[0]} / ${first[1]} | ${loadev[0]} | ${req[0]} | ${kb[0]} | ${lt[0]} | ${cpu[0]} | $(pass_fail "$((first[0] <= 2000))") |"
    done
  } | bench_out
  kill -TERM "$PAGE_NGINX_PID" 2>/dev/null && wait "$PAGE_NGINX_PID" 2>/dev/null || true
  rm -rf "$PAGE_NGINX_DIR"
}
