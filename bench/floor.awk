# The ingest floor's "tiny transform": mosquitto_sub -F '%t %p' lines → COPY text rows for
# event_floor (device_code, event_id, event_time, community_code, device_type, type, event_class,
# person_ref, data). No validation; every COUNT_EVERY lines the running count goes to COUNT_FILE.
function field(name,   re) {
  re = "\"" name "\":\"[^\"]*\""
  if (match($0, re)) return substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 5)
  return ""
}
{
  split($1, t, "/")
  type = field("type")
  person = field("person")
  data = "{}"
  if (match($0, /"data":\{[^}]*\}/)) data = substr($0, RSTART + 7, RLENGTH - 7)
  gsub(/\\/, "\\\\", data)
  cls = (type ~ /^access\./) ? "access" : "technical"
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t[5], field("id"), field("time"), t[3], t[4], type, cls,
    (person == "" ? "\\N" : person), data
  if (++n % 1000 == 0) { print n > COUNT_FILE; close(COUNT_FILE) }
}
END { print n + 0 > COUNT_FILE; close(COUNT_FILE) }
